"""Tables of the wants feature (created by their own schema migration).

A want list row holds the list's settings; its entries are rows in position order, each with its
state and the whole history of its states. Masters' main releases, once asked of Discogs, are kept
so a master entry knows which release to put on the wantlist.
"""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.store.db import db
from gramtui.store.fields import UtcDateTimeField


class _Base(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False


class WantListRow(_Base):
    name = peewee.TextField(unique=True)
    mode = peewee.TextField(default="one_by_one")  # one_by_one | en_masse | spread
    paused = peewee.BooleanField(default=False)
    spread_start = peewee.DateField(null=True)
    spread_end = peewee.DateField(null=True)
    # Lists are walked in this order when the global cap is shared out.
    position = peewee.IntegerField(default=0, index=True)

    class Meta:
        table_name = "want_list"


class WantEntryRow(_Base):
    want_list = peewee.ForeignKeyField(WantListRow, backref="entries", on_delete="CASCADE")
    entry_id = peewee.TextField()  # r:123, m:456 or m:456:Vinyl
    release_id = peewee.IntegerField(null=True, index=True)
    master_id = peewee.IntegerField(null=True, index=True)
    format_filter = peewee.TextField(null=True)
    position = peewee.IntegerField()
    state = peewee.TextField()
    changed_at = UtcDateTimeField()
    history = JSONField(default=list)  # [[state, ISO time in UTC], ...] oldest first

    class Meta:
        table_name = "want_entry"
        indexes = ((("want_list", "entry_id"), True),)


class MasterReleaseRow(_Base):
    """A master's main release as Discogs gave it (None when the master has none)."""

    master_id = peewee.IntegerField(primary_key=True)
    main_release = peewee.IntegerField(null=True)
    title = peewee.TextField(default="")
    fetched_at = UtcDateTimeField()

    class Meta:
        table_name = "want_master"


TABLES: list[type[peewee.Model]] = [WantListRow, WantEntryRow, MasterReleaseRow]
