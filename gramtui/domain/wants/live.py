"""Choosing which wants should be live on the Discogs wantlist right now, and saying why.

Lists are walked in the order given, entries in position order, so the global cap is filled the
same way every time. Per list:

- one-by-one: only the first unfulfilled (pending or live) entry is live;
- en masse: every unfulfilled entry is live;
- spread: the first ceil(share x n) entries are due, share being how much of the date range has
  elapsed and n the number of entries; the unfulfilled ones among them are live;
- paused: nothing is live.

An entry removed from Discogs by hand stays out until the user asks for it again; a master entry
waits until its main release is known. A release wanted by two entries is live once and counts
once against the cap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from gramtui.domain.wants.lists import WantEntry, WantList, WantsError, entry_release, require_aware

# (list name, entry id): how the UI finds the entry a reason is about.
EntryKey = tuple[str, str]

WAITING_FOR_MASTER = "waiting for the master's main release"


@dataclass(frozen=True, slots=True)
class DesiredLive:
    """`releases`: release id -> why it should be live. `held_back`: entry -> why it is not.

    Held-back entries are keyed by entry, not release: a master entry waiting for its main
    release has no release id yet. Arrived, done and retired entries appear in neither.
    """

    releases: dict[int, str] = field(default_factory=dict)
    held_back: dict[EntryKey, str] = field(default_factory=dict)


def desired_live(
    lists: Sequence[WantList], cap: int, now: datetime, *, master_release: Mapping[int, int]
) -> DesiredLive:
    """The releases that should be live now under a global `cap`, and every entry held back."""
    if cap < 0:
        raise WantsError(f"The cap on live wants is {cap}; give zero or a positive number.")
    require_aware(now)
    releases: dict[int, str] = {}
    held_back: dict[EntryKey, str] = {}
    for want_list in lists:
        due = _due_count(want_list, now)
        first_unfulfilled: WantEntry | None = None
        for index, entry in enumerate(want_list.entries, start=1):
            key = (want_list.name, entry.entry_id)
            if entry.state == "removed_on_discogs":
                held_back[key] = (
                    f"removed on Discogs by hand on {entry.changed_at:%Y-%m-%d}, "
                    "so it stays off until you want it again"
                )
                continue
            if not entry.unfulfilled:
                continue
            if first_unfulfilled is None:
                first_unfulfilled = entry
            if want_list.paused:
                held_back[key] = f"list '{want_list.name}' is paused"
                continue
            if want_list.mode == "one_by_one" and entry is not first_unfulfilled:
                held_back[key] = (
                    f"waiting for its turn in '{want_list.name}' "
                    f"(one-by-one: {first_unfulfilled.entry_id} comes first)"
                )
                continue
            if index > due:
                held_back[key] = (
                    f"not due yet in '{want_list.name}' (spread: due from "
                    f"{_due_on(want_list, index):%Y-%m-%d})"
                )
                continue
            release = entry_release(entry, master_release)
            if release is None:
                held_back[key] = WAITING_FOR_MASTER
            elif release in releases:
                continue  # already live through an earlier entry; costs nothing more
            elif len(releases) >= cap:
                held_back[key] = f"over the global cap of {cap}"
            else:
                releases[release] = _why_live(want_list, due)
    return DesiredLive(releases=releases, held_back=held_back)


def _why_live(want_list: WantList, due: int) -> str:
    if want_list.mode == "one_by_one":
        return f"first unfulfilled entry of '{want_list.name}' (one-by-one)"
    if want_list.mode == "en_masse":
        return f"in '{want_list.name}' (en masse)"
    return f"due in '{want_list.name}' (spread: {due} of {len(want_list.entries)} entries by now)"


def _due_count(want_list: WantList, now: datetime) -> int:
    """How many leading entries are due: all of them unless the list spreads over a range."""
    n = len(want_list.entries)
    if want_list.mode != "spread":
        return n
    start, end = _range(want_list)
    if now <= start:
        return 0
    if now >= end:
        return n
    # Whole microseconds keep ceil(share * n) exact: 50% of 10 entries is 5, never 6.
    elapsed = (now - start) // timedelta(microseconds=1)
    duration = (end - start) // timedelta(microseconds=1)
    return -(-elapsed * n // duration)


def _due_on(want_list: WantList, index: int) -> date:
    """The day entry `index` (1-based) becomes due: just after (index-1)/n of the range."""
    start, end = _range(want_list)
    return (start + (end - start) * (index - 1) / len(want_list.entries)).date()


def _range(want_list: WantList) -> tuple[datetime, datetime]:
    assert want_list.spread_start is not None and want_list.spread_end is not None
    return (
        datetime.combine(want_list.spread_start, time(), UTC),
        datetime.combine(want_list.spread_end, time(), UTC),
    )
