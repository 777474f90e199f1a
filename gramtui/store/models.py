"""The tables. JSON columns hold the small nested parts of a release (artists, labels, formats)."""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.domain.tasks import TaskState
from gramtui.store.db import db
from gramtui.store.fields import UtcDateTimeField


class Base(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False


class Meta(Base):
    key = peewee.CharField(primary_key=True)
    value = peewee.TextField()


class FolderRow(Base):
    id = peewee.IntegerField(primary_key=True)
    name = peewee.TextField()
    count = peewee.IntegerField(default=0)

    class Meta:
        table_name = "folder"


class FieldRow(Base):
    id = peewee.IntegerField(primary_key=True)
    name = peewee.TextField()
    type = peewee.TextField(default="textarea")
    options = JSONField(default=list)
    position = peewee.IntegerField(default=0)
    public = peewee.BooleanField(default=False)

    class Meta:
        table_name = "custom_field"


class ReleaseRow(Base):
    id = peewee.IntegerField(primary_key=True)
    title = peewee.TextField()
    artists = JSONField(default=list)  # [[name, anv, join], ...]
    labels = JSONField(default=list)  # [[name, catno], ...]
    formats = JSONField(default=list)  # [[name, qty, [descriptions], text], ...]
    year = peewee.IntegerField(null=True)
    genres = JSONField(default=list)
    styles = JSONField(default=list)
    master_id = peewee.IntegerField(null=True, index=True)
    master_year = peewee.IntegerField(null=True)
    thumb = peewee.TextField(default="")
    # Display columns, denormalised so the big list pages and searches without decoding JSON.
    artist = peewee.TextField(default="", index=True)
    label = peewee.TextField(default="")
    catno = peewee.TextField(default="")
    format = peewee.TextField(default="")
    # sort_label, sort_artist, sort_title: columns added by a schema step (store/shelf_keys.py),
    # written and read by plain SQL only.

    class Meta:
        table_name = "release"


class InstanceRow(Base):
    id = peewee.IntegerField(primary_key=True)  # the Discogs instance id
    release = peewee.ForeignKeyField(ReleaseRow, backref="instances", on_delete="RESTRICT")
    folder_id = peewee.IntegerField(index=True)
    date_added = UtcDateTimeField(null=True, index=True)
    rating = peewee.IntegerField(default=0)
    notes = JSONField(default=dict)  # {field_id (str): value}
    size = peewee.TextField(default="regular")
    width = peewee.FloatField(null=True)
    seen_run = peewee.IntegerField(default=0)  # the last full sync that saw it

    class Meta:
        table_name = "instance"


class SyncRun(Base):
    """One sync (quick or full); persistent so a crash mid-sync resumes instead of starting over."""

    kind = peewee.TextField()  # "quick" | "full"
    state = peewee.TextField(default="running")  # running | done | failed
    started_at = UtcDateTimeField()
    finished_at = UtcDateTimeField(null=True)
    progress = JSONField(default=dict)  # category -> {"done": n, "total": n}

    class Meta:
        table_name = "sync_run"


class Task(Base):
    """A unit of Discogs work. `key` is unique among pending tasks: a new intent replaces the old."""

    kind = peewee.TextField(index=True)
    key = peewee.TextField()
    payload = JSONField(default=dict)
    priority = peewee.IntegerField(default=10)
    not_before = UtcDateTimeField(index=True)
    attempts = peewee.IntegerField(default=0)
    state = peewee.TextField(default=TaskState.PENDING, index=True)  # see TaskState
    last_error = peewee.TextField(default="")
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()

    class Meta:
        table_name = "task"


class ListingRow(Base):
    id = peewee.IntegerField(primary_key=True)  # the Discogs listing id
    release_id = peewee.IntegerField(index=True)
    instance_id = peewee.IntegerField(null=True, index=True)
    status = peewee.TextField(index=True)
    price_cents = peewee.IntegerField()
    currency = peewee.TextField()
    condition = peewee.TextField(default="")
    sleeve_condition = peewee.TextField(default="")
    posted = UtcDateTimeField(null=True)
    comments = peewee.TextField(default="")
    artist = peewee.TextField(default="")
    title = peewee.TextField(default="")
    format = peewee.TextField(default="")
    catno = peewee.TextField(default="")
    seen_run = peewee.IntegerField(default=0)

    class Meta:
        table_name = "listing"


class WantRow(Base):
    release_id = peewee.IntegerField(primary_key=True)
    date_added = UtcDateTimeField(null=True)
    notes = peewee.TextField(default="")
    rating = peewee.IntegerField(default=0)
    title = peewee.TextField(default="")
    artist = peewee.TextField(default="")
    year = peewee.IntegerField(null=True)
    format = peewee.TextField(default="")
    master_id = peewee.IntegerField(null=True)
    seen_run = peewee.IntegerField(default=0)

    class Meta:
        table_name = "want"


class MarketRow(Base):
    release_id = peewee.IntegerField(primary_key=True)
    fetched_at = UtcDateTimeField(null=True)  # suggestions
    stats_at = UtcDateTimeField(null=True)
    suggestions = JSONField(default=dict)  # condition -> [cents, currency]
    suggestions_available = peewee.BooleanField(default=True)
    lowest_cents = peewee.IntegerField(null=True)
    lowest_currency = peewee.TextField(null=True)
    num_for_sale = peewee.IntegerField(null=True)

    class Meta:
        table_name = "market"
