"""Tables of the shelves feature: organisation definitions and layout snapshots."""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base


class OrganisationRow(Base):
    """One organisation, kept as the TOML text of its [[organisation]] table (one source of truth
    for the format, validated by the same parser as `gramtui org import`)."""

    name = peewee.TextField(unique=True)
    position = peewee.IntegerField(default=0)
    toml = peewee.TextField()
    updated_at = UtcDateTimeField()

    class Meta:
        table_name = "organisation"


class LayoutSnapshot(Base):
    """A layout as computed at one time; content-hashed, so an unchanged layout is stored once.
    "Latest" is the highest id, never a name, so naming or re-reading one cannot change it."""

    organisation = peewee.TextField(index=True)
    hash = peewee.TextField()
    created_at = UtcDateTimeField()
    placements = JSONField()  # [[instance_id, space, unit, position, index, width, area], ...]
    units = JSONField()  # [[space, unit, used, capacity, count], ...]

    class Meta:
        table_name = "layout_snapshot"
        indexes = ((("organisation", "hash"), True),)


class ShelfState(Base):
    """The layout that is on the shelves: the last one the user accepted (printed or marked done)."""

    organisation = peewee.TextField(primary_key=True)
    accepted_hash = peewee.TextField()
    accepted_at = UtcDateTimeField()

    class Meta:
        table_name = "shelf_state"


TABLES: list[type[peewee.Model]] = [OrganisationRow, LayoutSnapshot, ShelfState]
