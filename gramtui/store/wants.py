"""Reading and writing want lists, and the Discogs-side facts the wants feature reads.

Want lists are saved whole: a list's entries are replaced in one transaction, which keeps
positions 1..n without gaps however the list was edited. The synced Discogs wantlist (WantRow)
is read here and kept up to date when the app itself adds or removes a want.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import cast

import peewee

from gramtui.domain.marketplace import Want
from gramtui.domain.money import Money
from gramtui.domain.records import Format
from gramtui.domain.wants import CollectionItem, EntryState, WantEntry, WantList, WantMode
from gramtui.store.db import db
from gramtui.store.models import InstanceRow, MarketRow, ReleaseRow, SyncRun, WantRow
from gramtui.store.models_wants import MasterReleaseRow, WantEntryRow, WantListRow

_BATCH = 200  # rows per INSERT: well under SQLite's variable limit


class WantListMissing(LookupError):
    """No want list has the name asked for."""


@dataclass(frozen=True, slots=True)
class MarketLine:
    """What the marketplace offers for one release, when known."""

    lowest: Money | None
    num_for_sale: int | None
    refused: str = ""  # why the marketplace's lowest price is no figure (gramtui.domain.figures)


# -- want lists ------------------------------------------------------------------------------


def load_lists(name: str | None = None) -> list[WantList]:
    """Every want list (or only the one called `name`) in list order, entries by position."""
    query = WantListRow.select().order_by(WantListRow.position, WantListRow.id)
    if name is not None:
        query = query.where(WantListRow.name == name)
    rows = list(query)
    entries: dict[int, list[WantEntry]] = {row.id: [] for row in rows}
    columns = (
        WantEntryRow.want_list,
        WantEntryRow.entry_id,
        WantEntryRow.release_id,
        WantEntryRow.master_id,
        WantEntryRow.format_filter,
        WantEntryRow.position,
        WantEntryRow.state,
        WantEntryRow.changed_at,
        WantEntryRow.history,
    )
    # Tuples, not model instances: a 500-entry list loads in a few milliseconds.
    stored = (
        WantEntryRow.select(*columns)
        .where(WantEntryRow.want_list.in_(list(entries)))
        .order_by(WantEntryRow.want_list, WantEntryRow.position)
        .tuples()
    )
    for list_id, *values in stored:
        entries[list_id].append(_entry(*values))
    return [_list(row, entries[row.id]) for row in rows]


def list_names() -> list[str]:
    query = WantListRow.select(WantListRow.name).order_by(WantListRow.position, WantListRow.id)
    return [name for (name,) in query.tuples()]


def save_list(want_list: WantList, *, old_name: str | None = None) -> None:
    """Create or replace the list called `old_name` (or `want_list.name`) with `want_list`.

    Only entries that changed are written, so booking one want live does not rewrite the list.
    """
    with db.atomic():
        row = WantListRow.get_or_none(WantListRow.name == (old_name or want_list.name))
        if row is None:
            last = WantListRow.select(peewee.fn.MAX(WantListRow.position)).scalar() or 0
            row = WantListRow(position=last + 1)
        row.name = want_list.name
        row.mode = want_list.mode
        row.paused = want_list.paused
        row.spread_start = want_list.spread_start
        row.spread_end = want_list.spread_end
        row.save()
        stored = {
            entry_id: (pk, tuple(values))
            for pk, entry_id, *values in WantEntryRow.select(WantEntryRow.id, *_COLUMNS)
            .where(WantEntryRow.want_list == row.id)
            .tuples()
        }
        wanted = {entry.entry_id: _values(entry) for entry in want_list.entries}
        gone = [pk for entry_id, (pk, _) in stored.items() if entry_id not in wanted]
        for start in range(0, len(gone), _BATCH):
            WantEntryRow.delete().where(WantEntryRow.id.in_(gone[start : start + _BATCH])).execute()
        changed = [
            (*_db_values(values), stored[entry_id][0])
            for entry_id, values in wanted.items()
            if entry_id in stored and stored[entry_id][1] != values
        ]
        added = [
            (row.id, *_db_values(values))
            for entry_id, values in wanted.items()
            if entry_id not in stored
        ]
        names = [column.column_name for column in _COLUMNS]
        cursor = db.obj.cursor()
        if changed:
            assignments = ", ".join(f"{name} = ?" for name in names)
            cursor.executemany(f"UPDATE want_entry SET {assignments} WHERE id = ?", changed)
        if added:
            marks = ", ".join("?" for _ in range(len(names) + 1))
            cursor.executemany(
                f"INSERT INTO want_entry (want_list_id, {', '.join(names)}) VALUES ({marks})",
                added,
            )


def save_lists(lists: Iterable[WantList]) -> None:
    with db.atomic():
        for want_list in lists:
            save_list(want_list)


def delete_list(name: str) -> None:
    if WantListRow.delete().where(WantListRow.name == name).execute() == 0:
        raise WantListMissing(name)


_COLUMNS = (
    WantEntryRow.entry_id,
    WantEntryRow.release_id,
    WantEntryRow.master_id,
    WantEntryRow.format_filter,
    WantEntryRow.position,
    WantEntryRow.state,
    WantEntryRow.changed_at,
    WantEntryRow.history,
)


def _values(entry: WantEntry) -> tuple[object, ...]:
    """An entry's columns in the order of _COLUMNS, as a read of them gives them back."""
    history = [[state, _iso(at)] for state, at in entry.history]
    return (
        entry.entry_id,
        entry.release_id,
        entry.master_id,
        entry.format_filter,
        entry.position,
        entry.state,
        entry.changed_at,
        history,
    )


def _db_values(values: tuple[object, ...]) -> tuple[object, ...]:
    """The values of `_values` as SQLite parameters: the time in the store's fixed form, JSON."""
    *plain, changed_at, history = values
    assert isinstance(changed_at, datetime) and isinstance(history, list)
    return (*plain, _stamp(changed_at), _history_json(tuple(map(tuple, history))))


# Cached: the entries of an import share one time and one history, and formatting them for each
# of 100,000 entries was half the time of the import.
@lru_cache(maxsize=256)
def _iso(moment: datetime) -> str:
    return moment.isoformat()


@lru_cache(maxsize=256)
def _stamp(moment: datetime) -> str | None:
    return WantEntryRow.changed_at.db_value(moment)


@lru_cache(maxsize=256)
def _history_json(history: tuple[tuple[object, ...], ...]) -> str:
    return json.dumps([list(step) for step in history])


def _list(row: WantListRow, entries: list[WantEntry]) -> WantList:
    return WantList(
        name=row.name,
        mode=cast(WantMode, row.mode),
        paused=row.paused,
        entries=tuple(entries),
        spread_start=row.spread_start,
        spread_end=row.spread_end,
    )


def _entry(
    entry_id: str,
    release_id: int | None,
    master_id: int | None,
    format_filter: str | None,
    position: int,
    state: str,
    changed_at: datetime,
    history: list[list[str]],
) -> WantEntry:
    return WantEntry(
        entry_id=entry_id,
        release_id=release_id,
        master_id=master_id,
        format_filter=format_filter,
        position=position,
        state=cast(EntryState, state),
        changed_at=changed_at,
        history=tuple((cast(EntryState, s), datetime.fromisoformat(at)) for s, at in history),
    )


# -- the Discogs wantlist as synced ------------------------------------------------------------


def discogs_wants() -> list[Want]:
    """The synced Discogs wantlist, newest first."""
    query = WantRow.select().order_by(WantRow.date_added.desc(nulls="LAST"), WantRow.release_id)
    return [
        Want(
            release_id=r.release_id,
            date_added=r.date_added,
            notes=r.notes,
            rating=r.rating,
            title=r.title,
            artist=r.artist,
            year=r.year,
            format=r.format,
            master_id=r.master_id,
        )
        for r in query
    ]


def discogs_want_ids() -> set[int]:
    return {rid for (rid,) in WantRow.select(WantRow.release_id).tuples()}


def save_discogs_want(want: Want) -> None:
    """A want the app just put on Discogs; the next wantlist sync fills in the rest.

    It counts as seen by a sync under way, whose pages may have gone by before the want was
    added: that sync must not remove it as gone (which would read as a removal by hand).
    """
    running = (
        SyncRun.select(peewee.fn.MAX(SyncRun.id)).where(SyncRun.state == "running").scalar() or 0
    )
    WantRow.insert(
        release_id=want.release_id,
        date_added=want.date_added,
        notes=want.notes,
        rating=want.rating,
        title=want.title,
        artist=want.artist,
        year=want.year,
        format=want.format,
        master_id=want.master_id,
        seen_run=running,
    ).on_conflict_ignore().execute()


def delete_discogs_want(release_id: int) -> None:
    WantRow.delete().where(WantRow.release_id == release_id).execute()


# -- what the collection holds, masters, titles, market ------------------------------------------


def collection_items(release_ids: set[int], master_ids: set[int]) -> list[CollectionItem]:
    """Releases in the collection that are, or belong to, these releases and masters.

    Each once, with its master and formats: what an arrival check needs, without reading the
    whole collection.
    """
    if not release_ids and not master_ids:
        return []
    owned = InstanceRow.select(InstanceRow.release)
    query = ReleaseRow.select(ReleaseRow.id, ReleaseRow.master_id, ReleaseRow.formats).where(
        ReleaseRow.id.in_(owned)
        & (ReleaseRow.id.in_(list(release_ids)) | ReleaseRow.master_id.in_(list(master_ids)))
    )
    return [
        (rid, master_id, tuple(Format(f[0], int(f[1]), tuple(f[2]), f[3]) for f in formats))
        for rid, master_id, formats in query.tuples()
    ]


def master_releases() -> dict[int, int]:
    """master id -> main release id, for the masters Discogs has answered about."""
    query = MasterReleaseRow.select(MasterReleaseRow.master_id, MasterReleaseRow.main_release)
    return {mid: rid for mid, rid in query.tuples() if rid is not None}


def masters_known() -> set[int]:
    """Masters already asked about, with or without a main release."""
    return {mid for (mid,) in MasterReleaseRow.select(MasterReleaseRow.master_id).tuples()}


def save_master(master_id: int, main_release: int | None, title: str, now: datetime) -> None:
    MasterReleaseRow.replace(
        master_id=master_id, main_release=main_release, title=title, fetched_at=now
    ).execute()


def master_titles(master_ids: Iterable[int]) -> dict[int, str]:
    ids = list(master_ids)
    query = MasterReleaseRow.select(MasterReleaseRow.master_id, MasterReleaseRow.title).where(
        MasterReleaseRow.master_id.in_(ids)
    )
    return {mid: title for mid, title in query.tuples() if title}


def release_titles(release_ids: Sequence[int]) -> dict[int, str]:
    """`Artist — Title` for releases the wantlist or the collection knows."""
    ids = list(release_ids)
    titles: dict[int, str] = {}
    for rid, artist, title in (
        ReleaseRow.select(ReleaseRow.id, ReleaseRow.artist, ReleaseRow.title)
        .where(ReleaseRow.id.in_(ids))
        .tuples()
    ):
        titles[rid] = f"{artist} — {title}" if artist else title
    for rid, artist, title in (
        WantRow.select(WantRow.release_id, WantRow.artist, WantRow.title)
        .where(WantRow.release_id.in_(ids))
        .tuples()
    ):
        titles[rid] = f"{artist} — {title}" if artist else title
    return titles


def market_lines(release_ids: Iterable[int]) -> dict[int, MarketLine]:
    ids = list(release_ids)
    out: dict[int, MarketLine] = {}
    for row in MarketRow.select().where(MarketRow.release_id.in_(ids)):
        lowest = (
            Money(row.lowest_cents, row.lowest_currency)
            if row.lowest_cents is not None and row.lowest_currency
            else None
        )
        if lowest is not None or row.num_for_sale is not None:
            out[row.release_id] = MarketLine(lowest, row.num_for_sale)
    return out
