"""Editing one want list: add, remove and reorder entries, switch mode, pause, change an entry's fate.

Each function returns a new list with positions kept 1..n; the list given is left as it was.
Removing an entry stops the list managing its release: a want still on Discogs is then left there
as the user's own. To take a want off Discogs and keep the entry, retire it instead.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Literal

from gramtui.domain.wants.lists import (
    WantList,
    WantMode,
    WantsError,
    entry_id_for,
    new_entry,
    renumbered,
)


def add_entry(
    want_list: WantList,
    now: datetime,
    *,
    release_id: int | None = None,
    master_id: int | None = None,
    format_filter: str | None = None,
    position: int | None = None,
) -> WantList:
    """A pending entry for a release or a master, at `position` (clamped) or at the end."""
    entry_id = entry_id_for(release_id, master_id, format_filter)
    if any(entry.entry_id == entry_id for entry in want_list.entries):
        raise WantsError(f"List {want_list.name!r} already holds {entry_id!r}.")
    entry = new_entry(now, release_id=release_id, master_id=master_id, format_filter=format_filter)
    entries = list(want_list.entries)
    at = len(entries) if position is None else _clamp(position, len(entries) + 1) - 1
    entries.insert(at, entry)
    return replace(want_list, entries=renumbered(entries))


def remove_entry(want_list: WantList, entry_id: str) -> WantList:
    want_list.entry(entry_id)  # raises when absent
    entries = [entry for entry in want_list.entries if entry.entry_id != entry_id]
    return replace(want_list, entries=renumbered(entries))


def move_entry(want_list: WantList, entry_id: str, to: int | Literal["up", "down"]) -> WantList:
    """The entry one step up, one step down, or at position `to` (clamped to 1..n)."""
    entry = want_list.entry(entry_id)
    n = len(want_list.entries)
    if to == "up":
        target = entry.position - 1
    elif to == "down":
        target = entry.position + 1
    else:
        target = to
    target = _clamp(target, n)
    if target == entry.position:
        return want_list
    entries = [e for e in want_list.entries if e.entry_id != entry_id]
    entries.insert(target - 1, entry)
    return replace(want_list, entries=renumbered(entries))


def set_mode(
    want_list: WantList,
    mode: WantMode,
    *,
    spread_start: date | None = None,
    spread_end: date | None = None,
) -> WantList:
    """Switch mode; dates given replace the list's range, dates left out keep it."""
    return replace(
        want_list,
        mode=mode,
        spread_start=spread_start if spread_start is not None else want_list.spread_start,
        spread_end=spread_end if spread_end is not None else want_list.spread_end,
    )


def set_paused(want_list: WantList, paused: bool) -> WantList:
    return want_list if want_list.paused == paused else replace(want_list, paused=paused)


def retire_entry(want_list: WantList, entry_id: str, now: datetime) -> WantList:
    """No longer wanted: the entry stays in the list, its want comes off Discogs."""
    return _set_state(want_list, entry_id, "retired", now)


def mark_done(want_list: WantList, entry_id: str, now: datetime) -> WantList:
    """Fulfilled outside the collection (or acknowledged after arriving)."""
    return _set_state(want_list, entry_id, "done", now)


def restore_entry(want_list: WantList, entry_id: str, now: datetime) -> WantList:
    """The user wants it again: back to pending, to go live when its turn comes.

    An entry whose record is still in the collection arrives again at the next arrival check.
    """
    entry = want_list.entry(entry_id)
    if entry.unfulfilled:
        return want_list
    return _set_state(want_list, entry_id, "pending", now)


def _set_state(
    want_list: WantList,
    entry_id: str,
    state: Literal["pending", "done", "retired"],
    now: datetime,
) -> WantList:
    entry = want_list.entry(entry_id)
    moved = entry.moved_to(state, now)
    if moved is entry:
        return want_list
    entries = tuple(moved if e is entry else e for e in want_list.entries)
    return replace(want_list, entries=entries)


def _clamp(position: int, n: int) -> int:
    return max(1, min(position, n))
