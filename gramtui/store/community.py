"""Queries over the community have/want counts (store/models_community.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from gramtui.store.catalogue import raw_connection
from gramtui.store.models_community import CommunityRow


def releases_needing_counts(now: datetime, max_age: timedelta) -> list[int]:
    """Collection releases whose counts were never asked for, or were asked before `max_age`."""
    stale = CommunityRow.fetched_at.db_value(now - max_age)
    rows = raw_connection().execute(
        "SELECT DISTINCT i.release_id FROM instance i"
        " LEFT JOIN release_community c ON c.release_id = i.release_id"
        " WHERE c.release_id IS NULL OR c.fetched_at < ? ORDER BY i.release_id",
        (stale,),
    )
    return [int(r[0]) for r in rows]


def save_counts(release_id: int, have: int | None, want: int | None, now: datetime) -> None:
    CommunityRow.replace(release_id=release_id, have=have, want=want, fetched_at=now).execute()


def counts(release_id: int) -> tuple[int | None, int | None] | None:
    row = CommunityRow.get_or_none(CommunityRow.release_id == release_id)
    return None if row is None else (row.have, row.want)
