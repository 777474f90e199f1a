"""The Discogs community's have/want per release (created by its own schema migration), fetched
by a background task; they rank the Insight rarity chart. None = asked, but Discogs gave no
usable answer (remembered, so it is asked again only when the counts are refreshed)."""

from __future__ import annotations

import peewee

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base


class CommunityRow(Base):
    release_id = peewee.IntegerField(primary_key=True)
    have = peewee.IntegerField(null=True)
    want = peewee.IntegerField(null=True)
    fetched_at = UtcDateTimeField()

    class Meta:
        table_name = "release_community"


TABLES: list[type[peewee.Model]] = [CommunityRow]
