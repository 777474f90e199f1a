"""Keeping the app-only data of removed instances, restoring it, and forgetting it after a while."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from gramtui.store.db import db
from gramtui.store.models import InstanceRow
from gramtui.store.models_retained import RetainedRow

KEEP_FOR = timedelta(days=90)
APP_ONLY = ("size", "width")  # InstanceRow columns a sync never writes


def keep(rows: Iterable[InstanceRow], now: datetime) -> int:
    """Remember the app-only data of instances about to be removed (those that have any)."""
    kept = [
        {
            "instance_id": r.id,
            "release_id": r.release_id,
            "data": {"size": r.size, "width": r.width},
            "removed_at": now,
        }
        for r in rows
        if r.size != "regular" or r.width is not None
    ]
    with db.atomic():
        for start in range(0, len(kept), 200):
            RetainedRow.replace_many(kept[start : start + 200]).execute()
    return len(kept)


def restore(instance_ids: Iterable[int]) -> int:
    """Give instances that came back what the app knew of them; the kept copy is then dropped."""
    ids = list(instance_ids)
    if not ids:
        return 0
    found = list(RetainedRow.select().where(RetainedRow.instance_id.in_(ids)))
    with db.atomic():
        for r in found:
            InstanceRow.update(size=r.data.get("size", "regular"), width=r.data.get("width")).where(
                InstanceRow.id == r.instance_id
            ).execute()
        RetainedRow.delete().where(
            RetainedRow.instance_id.in_([r.instance_id for r in found])
        ).execute()
    return len(found)


def prune(now: datetime, keep_for: timedelta = KEEP_FOR) -> int:
    return int(RetainedRow.delete().where(RetainedRow.removed_at < now - keep_for).execute())


def count() -> int:
    return int(RetainedRow.select().count())
