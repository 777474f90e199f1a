"""Comparing the wants that should be live with the Discogs wantlist, and keeping entry states true.

A release is *managed* when some list entry wants it, unless that entry was removed from Discogs
by hand (the user took that want back). Managed wants follow the lists; all other Discogs wants are
the user's and are only listed, never touched, until adopted into a list. `plan_wants` in
cycle.py runs these steps in the right order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from gramtui.domain.wants.lists import (
    EntryState,
    WantEntry,
    WantList,
    WantsError,
    entry_release,
    new_entry,
    renumbered,
)


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do on Discogs, each list sorted by release id."""

    add: list[int]
    remove: list[int]
    removed_by_hand: list[int]  # were live, vanished from Discogs without us: not re-added
    unmanaged: list[int]  # on Discogs, in no list: left alone

    @property
    def is_empty(self) -> bool:
        return not (self.add or self.remove)


def reconcile(
    desired: set[int], on_discogs: set[int], managed: set[int], previously_live: set[int]
) -> Plan:
    """The additions and removals that make the managed part of the wantlist equal `desired`."""
    removed_by_hand = previously_live - on_discogs
    return Plan(
        add=sorted(desired - on_discogs - removed_by_hand),
        remove=sorted((on_discogs & managed) - desired),
        removed_by_hand=sorted(removed_by_hand),
        unmanaged=sorted(on_discogs - managed),
    )


def managed_releases(lists: Sequence[WantList], *, master_release: Mapping[int, int]) -> set[int]:
    """Releases the lists answer for on Discogs."""
    return {
        release
        for want_list in lists
        for entry in want_list.entries
        if entry.state != "removed_on_discogs"
        and (release := entry_release(entry, master_release)) is not None
    }


def live_releases(lists: Sequence[WantList], *, master_release: Mapping[int, int]) -> set[int]:
    """Releases of entries in state `live`: the ones we believe are on the Discogs wantlist."""
    return {
        release
        for want_list in lists
        for entry in want_list.entries
        if entry.state == "live" and (release := entry_release(entry, master_release)) is not None
    }


def mark_live(
    lists: Sequence[WantList],
    release_ids: Iterable[int],
    now: datetime,
    *,
    master_release: Mapping[int, int],
) -> list[WantList]:
    """Pending entries wanting these releases are now on the Discogs wantlist."""
    return _move_matching(lists, release_ids, "pending", "live", now, master_release)


def mark_not_live(
    lists: Sequence[WantList],
    release_ids: Iterable[int],
    now: datetime,
    *,
    master_release: Mapping[int, int],
) -> list[WantList]:
    """Live entries wanting these releases were taken off the wantlist by the app."""
    return _move_matching(lists, release_ids, "live", "pending", now, master_release)


def mark_removed_by_hand(
    lists: Sequence[WantList],
    release_ids: Iterable[int],
    now: datetime,
    *,
    master_release: Mapping[int, int],
) -> list[WantList]:
    """Live entries whose wants the user deleted on Discogs stay out until wanted again."""
    return _move_matching(lists, release_ids, "live", "removed_on_discogs", now, master_release)


def adopt(
    lists: Sequence[WantList], list_name: str, release_ids: Iterable[int], now: datetime
) -> list[WantList]:
    """Unmanaged Discogs wants join the end of a list, live since they are on the wantlist.

    A release the list already holds keeps its place; if it had been removed by hand, it is live
    again. The list's mode then decides whether it stays on Discogs.
    """
    names = [want_list.name for want_list in lists]
    if list_name not in names:
        raise WantsError(f"There is no want list {list_name!r}; adopt into one of {names}.")
    result: list[WantList] = []
    for want_list in lists:
        if want_list.name != list_name:
            result.append(want_list)
            continue
        entries = list(want_list.entries)
        index = {e.release_id: i for i, e in enumerate(entries) if e.release_id is not None}
        for release_id in dict.fromkeys(release_ids):
            if release_id in index:
                i = index[release_id]
                if entries[i].state == "removed_on_discogs":
                    entries[i] = entries[i].moved_to("live", now)
            else:
                index[release_id] = len(entries)
                entries.append(new_entry(now, release_id=release_id, state="live"))
        result.append(replace(want_list, entries=renumbered(entries)))
    return result


def _move_matching(
    lists: Sequence[WantList],
    release_ids: Iterable[int],
    from_state: EntryState,
    to_state: EntryState,
    now: datetime,
    master_release: Mapping[int, int],
) -> list[WantList]:
    """New lists with matching entries moved; lists with nothing to change are passed through."""
    wanted = set(release_ids)

    def matches(entry: WantEntry) -> bool:
        return entry.state == from_state and entry_release(entry, master_release) in wanted

    result: list[WantList] = []
    for want_list in lists:
        if any(matches(entry) for entry in want_list.entries):
            entries = tuple(
                e.moved_to(to_state, now) if matches(e) else e for e in want_list.entries
            )
            result.append(replace(want_list, entries=entries))
        else:
            result.append(want_list)
    return result
