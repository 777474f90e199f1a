"""Noticing that a wanted record has arrived in the collection.

A release entry arrives when that release is in the collection; a master entry when any release
of the master is, provided one of its formats passes the entry's filter. Only entries still wanted
(pending, live, or removed from Discogs by hand) can arrive. An arrived entry is no longer live,
which is what lets a one-by-one list move on to its next entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from gramtui.domain.records import Format
from gramtui.domain.wants.lists import WantEntry, WantList

# One release in the collection: (release id, its master id or None, its formats).
CollectionItem = tuple[int, int | None, tuple[Format, ...]]
# (list name, entry id, the collection release that satisfied it)
Arrival = tuple[str, str, int]

_CAN_ARRIVE = frozenset({"pending", "live", "removed_on_discogs"})


def format_passes(formats: Sequence[Format], format_filter: str | None) -> bool:
    """Whether a release's formats satisfy a filter, matched on names and descriptions alike."""
    if format_filter is None:
        return True
    wanted = format_filter.strip().casefold()
    return any(
        f.name.casefold() == wanted or any(d.casefold() == wanted for d in f.descriptions)
        for f in formats
    )


def detect_arrivals(
    lists: Sequence[WantList], collection: Iterable[CollectionItem], now: datetime
) -> tuple[list[WantList], list[Arrival]]:
    """The lists with newly arrived entries marked `arrived`, and what arrived."""
    owned: set[int] = set()
    by_master: dict[int, list[tuple[int, tuple[Format, ...]]]] = {}
    for release_id, master_id, formats in collection:
        owned.add(release_id)
        if master_id is not None:
            by_master.setdefault(master_id, []).append((release_id, formats))

    new_lists: list[WantList] = []
    arrived: list[Arrival] = []
    for want_list in lists:
        entries: list[WantEntry] = []
        for entry in want_list.entries:
            match = (
                _satisfying_release(entry, owned, by_master) if entry.state in _CAN_ARRIVE else None
            )
            if match is not None:
                entries.append(entry.moved_to("arrived", now))
                arrived.append((want_list.name, entry.entry_id, match))
            else:
                entries.append(entry)
        changed = any(a is not b for a, b in zip(entries, want_list.entries, strict=True))
        new_lists.append(replace(want_list, entries=tuple(entries)) if changed else want_list)
    return new_lists, arrived


def _satisfying_release(
    entry: WantEntry,
    owned: set[int],
    by_master: dict[int, list[tuple[int, tuple[Format, ...]]]],
) -> int | None:
    if entry.release_id is not None:
        return entry.release_id if entry.release_id in owned else None
    assert entry.master_id is not None  # guaranteed by WantEntry
    passing = [
        release_id
        for release_id, formats in by_master.get(entry.master_id, ())
        if format_passes(formats, entry.format_filter)
    ]
    # The lowest id, so the same collection always reports the same pressing.
    return min(passing, default=None)
