"""Small reads and writes of the Insight feature outside the catalogue: masters whose year is
unknown, the API's answers about masters, and the daily collection value."""

from __future__ import annotations

from datetime import date, datetime

from gramtui.store.catalogue import raw_connection
from gramtui.store.db import db
from gramtui.store.models_catalogue import CollectionValueRow, MasterYearRow


def masters_without_year() -> list[int]:
    """Masters of collection records whose year neither the catalogue nor the API has told."""
    rows = raw_connection().execute(
        "SELECT DISTINCT master_id FROM release WHERE master_id IS NOT NULL AND master_id > 0"
        " AND master_year IS NULL"
        " AND master_id NOT IN (SELECT id FROM cat_master WHERE year IS NOT NULL)"
        " AND master_id NOT IN (SELECT master_id FROM master_year) ORDER BY master_id"
    )
    return [r[0] for r in rows]


def save_master_year(master_id: int, year: int | None, now: datetime) -> int:
    """Remember the API's answer and give it to the records of that master; returns how many."""
    with db.atomic():
        MasterYearRow.replace(master_id=master_id, year=year, fetched_at=now).execute()
        if year is None:
            return 0
        cur = raw_connection().execute(
            "UPDATE release SET master_year = ? WHERE master_id = ?"
            " AND master_year IS NOT ?"
            " AND master_id NOT IN (SELECT id FROM cat_master WHERE year IS NOT NULL)",
            (year, master_id, year),
        )
        return cur.rowcount


def value_snapshot(day: date) -> CollectionValueRow | None:
    row: CollectionValueRow | None = CollectionValueRow.get_or_none(CollectionValueRow.day == day)
    return row


def save_value(day: date, minimum: str, median: str, maximum: str, now: datetime) -> None:
    CollectionValueRow.replace(
        day=day, minimum=minimum, median=median, maximum=maximum, fetched_at=now
    ).execute()


def value_history() -> list[CollectionValueRow]:
    return list(CollectionValueRow.select().order_by(CollectionValueRow.day))
