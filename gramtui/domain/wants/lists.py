"""What a want list is: a named, ordered queue of entries, each a release or a master with a filter.

Entries carry their state and the time of every change. Everything here is frozen: operations
elsewhere in the package return new lists and never touch the ones they were given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal, get_args

from gramtui.domain.ids import ID_RANGE, is_discogs_id

WantMode = Literal["one_by_one", "en_masse", "spread"]
EntryState = Literal["pending", "live", "arrived", "done", "retired", "removed_on_discogs"]

WANT_MODES: tuple[str, ...] = get_args(WantMode)
ENTRY_STATES: tuple[str, ...] = get_args(EntryState)
# Still wanted: the entry waits to go live or is live on the Discogs wantlist.
UNFULFILLED: frozenset[str] = frozenset({"pending", "live"})


class WantsError(ValueError):
    """A want list or an operation on it is not valid; the message says what to change."""


@dataclass(frozen=True, slots=True)
class WantEntry:
    """One thing wanted. Exactly one of `release_id` / `master_id` is set.

    `format_filter` only applies to a master: an arriving pressing satisfies the entry when one of
    its format names (Vinyl, CD) or descriptions (LP, 12") equals the filter, ignoring case.
    """

    entry_id: str
    release_id: int | None
    master_id: int | None
    format_filter: str | None
    position: int
    state: EntryState
    changed_at: datetime
    history: tuple[tuple[EntryState, datetime], ...]

    def __post_init__(self) -> None:
        if (self.release_id is None) == (self.master_id is None):
            raise WantsError(
                f"Entry {self.entry_id!r} must name either a release or a master; give exactly one."
            )
        if self.release_id is not None and self.format_filter is not None:
            raise WantsError(
                f"Entry {self.entry_id!r} has a format filter on a release; filters apply to "
                "masters only, so drop the filter or want the master."
            )
        if self.state not in ENTRY_STATES:
            raise WantsError(
                f"Entry {self.entry_id!r} has unknown state {self.state!r}; use one of "
                f"{', '.join(ENTRY_STATES)}."
            )
        require_aware(self.changed_at)

    @property
    def is_master(self) -> bool:
        return self.master_id is not None

    @property
    def unfulfilled(self) -> bool:
        return self.state in UNFULFILLED

    def moved_to(self, state: EntryState, now: datetime) -> WantEntry:
        """The entry in `state` as of `now`; the same entry when nothing changes."""
        if state == self.state:
            return self
        return replace(self, state=state, changed_at=now, history=(*self.history, (state, now)))


@dataclass(frozen=True, slots=True)
class WantList:
    """A named queue. `entries` are in position order, positions 1..n without gaps.

    A spread list makes its entries live over `spread_start`..`spread_end` (both at 00:00 UTC, so
    everything is live on the end day); the dates are kept when the mode changes.
    """

    name: str
    mode: WantMode = "one_by_one"
    paused: bool = False
    entries: tuple[WantEntry, ...] = ()
    spread_start: date | None = None
    spread_end: date | None = None

    def __post_init__(self) -> None:
        if not self.name.strip() or not self.name.isprintable():
            raise WantsError(
                f"Want list name {self.name!r} is empty or holds control characters; "
                "give it a printable name."
            )
        if self.mode not in WANT_MODES:
            raise WantsError(
                f"List {self.name!r} has unknown mode {self.mode!r}; use one of "
                f"{', '.join(WANT_MODES)}."
            )
        if self.mode == "spread" and (self.spread_start is None or self.spread_end is None):
            raise WantsError(
                f"List {self.name!r} spreads its wants but has no date range; give a start "
                "and an end date."
            )
        if (
            self.spread_start is not None
            and self.spread_end is not None
            and self.spread_end <= self.spread_start
        ):
            raise WantsError(
                f"List {self.name!r} has its spread ending on {self.spread_end} before it "
                f"starts on {self.spread_start}; make the end date later than the start."
            )
        seen: set[str] = set()
        for index, entry in enumerate(self.entries, start=1):
            if entry.position != index:
                raise WantsError(
                    f"Entry {entry.entry_id!r} of list {self.name!r} sits at position "
                    f"{entry.position} instead of {index}; positions must run 1..n in order."
                )
            if entry.entry_id in seen:
                raise WantsError(
                    f"List {self.name!r} holds {entry.entry_id!r} twice; keep one of them."
                )
            seen.add(entry.entry_id)

    def entry(self, entry_id: str) -> WantEntry:
        for candidate in self.entries:
            if candidate.entry_id == entry_id:
                return candidate
        raise WantsError(f"List {self.name!r} has no entry {entry_id!r}; pick one that it holds.")


def entry_id_for(
    release_id: int | None, master_id: int | None, format_filter: str | None = None
) -> str:
    """The stable id of an entry: `r:123`, `m:456`, or `m:456:Vinyl` for a filtered master."""
    if release_id is not None:
        return f"r:{release_id}"
    if format_filter is not None:
        return f"m:{master_id}:{format_filter}"
    return f"m:{master_id}"


def new_entry(
    now: datetime,
    *,
    release_id: int | None = None,
    master_id: int | None = None,
    format_filter: str | None = None,
    position: int = 1,
    state: EntryState = "pending",
) -> WantEntry:
    """A fresh entry in `state` as of `now`, its id derived from what it wants."""
    for label, value in (("release", release_id), ("master", master_id)):
        if value is not None and not is_discogs_id(value):
            raise WantsError(f"A {label} id must be {ID_RANGE}; not {value}.")
    if format_filter is not None and (not format_filter.strip() or not format_filter.isprintable()):
        raise WantsError(
            f"Format filter {format_filter!r} is empty or holds control characters; give a "
            "format name or description such as Vinyl or LP."
        )
    return WantEntry(
        entry_id=entry_id_for(release_id, master_id, format_filter),
        release_id=release_id,
        master_id=master_id,
        format_filter=format_filter,
        position=position,
        state=state,
        changed_at=now,
        history=((state, now),),
    )


def entry_release(entry: WantEntry, master_release: Mapping[int, int]) -> int | None:
    """The release this entry puts on the wantlist: its own, or its master's main release if known."""
    if entry.release_id is not None:
        return entry.release_id
    assert entry.master_id is not None  # guaranteed by WantEntry
    return master_release.get(entry.master_id)


def renumbered(entries: list[WantEntry] | tuple[WantEntry, ...]) -> tuple[WantEntry, ...]:
    """The entries with positions 1..n in their current order."""
    return tuple(
        e if e.position == i else replace(e, position=i) for i, e in enumerate(entries, start=1)
    )


def require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise WantsError(
            f"Time {moment.isoformat()} has no time zone; pass a timezone-aware UTC datetime."
        )
