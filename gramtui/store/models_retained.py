"""What only gramtui knew of a record that a sync removed, kept for a while (own migration step).

Widths and sizes are set in the app, not on Discogs: if a removed record comes back (a server that
lied about its pages, a record re-added), they come back with it instead of being lost.
"""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base


class RetainedRow(Base):
    instance_id = peewee.IntegerField(primary_key=True)
    release_id = peewee.IntegerField(index=True)
    data = JSONField(default=dict)  # {"size": ..., "width": ...}: the app-only columns
    removed_at = UtcDateTimeField(index=True)

    class Meta:
        table_name = "retained_instance"


TABLES: list[type[peewee.Model]] = [RetainedRow]
