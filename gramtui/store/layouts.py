"""Storing organisation definitions and layout snapshots."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from gramtui.domain.layout import Layout, UnitFill
from gramtui.domain.placement import Placement
from gramtui.domain.records import Record
from gramtui.store import collection
from gramtui.store.db import db
from gramtui.store.models_shelves import LayoutSnapshot, OrganisationRow, ShelfState


def definitions() -> list[tuple[str, str]]:
    """(name, TOML text) of every organisation, in the user's order."""
    rows = OrganisationRow.select().order_by(OrganisationRow.position, OrganisationRow.id)
    return [(r.name, r.toml) for r in rows]


def replace_definitions(items: list[tuple[str, str]], now: datetime) -> None:
    """Store exactly these organisations (name, TOML text), in this order."""
    with db.atomic():
        OrganisationRow.delete().where(OrganisationRow.name.not_in([n for n, _ in items])).execute()
        for position, (name, text) in enumerate(items):
            OrganisationRow.insert(
                name=name, position=position, toml=text, updated_at=now
            ).on_conflict(
                conflict_target=[OrganisationRow.name],
                update={
                    OrganisationRow.position: position,
                    OrganisationRow.toml: text,
                    OrganisationRow.updated_at: now,
                },
            ).execute()


def _to_layout(row: LayoutSnapshot) -> Layout:
    placements = tuple(Placement(*p) for p in row.placements)
    units = tuple(UnitFill(*u) for u in row.units)
    return Layout(row.organisation, placements, units, row.hash)


def save_snapshot(layout: Layout, now: datetime) -> bool:
    """Store a layout unless the latest snapshot already has its hash; True when stored."""
    if latest_hash(layout.organisation) == layout.hash:
        return False
    with db.atomic():
        # The same layout as an older snapshot (a change undone) is stored again as the latest.
        LayoutSnapshot.delete().where(
            (LayoutSnapshot.organisation == layout.organisation)
            & (LayoutSnapshot.hash == layout.hash)
        ).execute()
        LayoutSnapshot.create(
            organisation=layout.organisation,
            hash=layout.hash,
            created_at=now,
            placements=[
                [p.instance_id, p.space, p.unit, p.position, p.index, p.width, p.area]
                for p in layout.placements
            ],
            units=[[u.space, u.unit, u.used, u.capacity, u.count] for u in layout.units],
        )
    return True


def latest_snapshot_row(organisation: str) -> LayoutSnapshot | None:
    row: LayoutSnapshot | None = (
        LayoutSnapshot.select()
        .where(LayoutSnapshot.organisation == organisation)
        .order_by(LayoutSnapshot.id.desc())
        .first()
    )
    return row


def latest_hash(organisation: str) -> str | None:
    """The hash of the latest snapshot, without decoding its placements (a large JSON value)."""
    row = (
        LayoutSnapshot.select(LayoutSnapshot.hash)
        .where(LayoutSnapshot.organisation == organisation)
        .order_by(LayoutSnapshot.id.desc())
        .first()
    )
    return None if row is None else row.hash


def latest_layout(organisation: str) -> Layout | None:
    row = latest_snapshot_row(organisation)
    return None if row is None else _to_layout(row)


def snapshot(organisation: str, layout_hash: str) -> Layout | None:
    row = LayoutSnapshot.get_or_none(
        (LayoutSnapshot.organisation == organisation) & (LayoutSnapshot.hash == layout_hash)
    )
    return None if row is None else _to_layout(row)


def accepted_layout(organisation: str) -> Layout | None:
    state = ShelfState.get_or_none(ShelfState.organisation == organisation)
    return None if state is None else snapshot(organisation, state.accepted_hash)


def accept(organisation: str, layout_hash: str, now: datetime) -> None:
    ShelfState.replace(
        organisation=organisation, accepted_hash=layout_hash, accepted_at=now
    ).execute()


def prune_snapshots(organisation: str, keep: int = 20) -> int:
    """Old snapshots beyond `keep`, never the accepted one or the latest."""
    state = ShelfState.get_or_none(ShelfState.organisation == organisation)
    rows = list(
        LayoutSnapshot.select(LayoutSnapshot.id, LayoutSnapshot.hash)
        .where(LayoutSnapshot.organisation == organisation)
        .order_by(LayoutSnapshot.id.desc())
    )
    doomed = [r.id for r in rows[keep:] if state is None or r.hash != state.accepted_hash]
    if not doomed:
        return 0
    return int(LayoutSnapshot.delete().where(LayoutSnapshot.id.in_(doomed)).execute())


def shelf_records(folder_ids: Iterable[int]) -> list[Record]:
    """The records of these folders with their stored sort keys (collection's fast row reader;
    none for no folders)."""
    ids = sorted(set(folder_ids))
    return collection.load_records(ids, with_shelf_keys=True) if ids else []


DisplayRow = tuple[str, str, str, str, str, int | None, int, str, float | None]


def display_rows(folder_ids: Iterable[int]) -> dict[int, DisplayRow]:
    """What a shelf list shows of each record of these folders, by instance id: artist, title,
    label, catno, format, year, folder id, size, explicit width (denormalised columns, no JSON).

    The rows live as long as the layout on screen: an artist's, a label's or a format's name
    (SQLite hands a new string per row) is kept once, however many records share it."""
    ids = sorted(set(folder_ids))
    if not ids:
        return {}
    cursor = db.execute_sql(
        "SELECT i.id, r.artist, r.title, r.label, r.catno, r.format, r.year, i.folder_id, i.size,"
        " i.width FROM instance i JOIN release r ON r.id = i.release_id"
        f" WHERE i.folder_id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    seen: dict[str, str] = {}
    once = seen.setdefault
    return {
        iid: (once(a, a), once(t, t), once(lb, lb), c, once(f, f), y, fid, once(s, s), w)
        for iid, a, t, lb, c, f, y, fid, s, w in cursor
    }
