"""Choosing the live wants: modes, spread over a range, pause, masters, removals by hand, the cap."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from gramtui.domain.wants import (
    WAITING_FOR_MASTER,
    WantList,
    WantMode,
    WantsError,
    add_entry,
    desired_live,
    set_mode,
    set_paused,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def make_list(name: str, release_ids: range | list[int], mode: WantMode = "one_by_one") -> WantList:
    want_list = WantList(name=name)
    for release_id in release_ids:
        want_list = add_entry(want_list, NOW, release_id=release_id)
    return set_mode(want_list, mode)


def with_state(want_list: WantList, entry_id: str, state: str, at: datetime = NOW) -> WantList:
    entries = tuple(
        e.moved_to(state, at) if e.entry_id == entry_id else e  # type: ignore[arg-type]
        for e in want_list.entries
    )
    return replace(want_list, entries=entries)


def test_one_by_one_makes_only_the_first_unfulfilled_live() -> None:
    jazz = make_list("Jazz", [10, 11, 12])
    desired = desired_live([jazz], 100, NOW, master_release={})
    assert desired.releases == {10: "first unfulfilled entry of 'Jazz' (one-by-one)"}
    assert desired.held_back[("Jazz", "r:11")] == (
        "waiting for its turn in 'Jazz' (one-by-one: r:10 comes first)"
    )

    arrived = with_state(jazz, "r:10", "arrived")
    assert set(desired_live([arrived], 100, NOW, master_release={}).releases) == {11}
    retired = with_state(arrived, "r:11", "retired")
    desired = desired_live([retired], 100, NOW, master_release={})
    assert set(desired.releases) == {12}
    assert ("Jazz", "r:10") not in desired.held_back  # fulfilled entries are neither


def test_en_masse_makes_every_unfulfilled_entry_live() -> None:
    soul = with_state(make_list("Soul", [1, 2, 3, 4], "en_masse"), "r:2", "done")
    desired = desired_live([soul], 100, NOW, master_release={})
    assert sorted(desired.releases) == [1, 3, 4]
    assert desired.releases[3] == "in 'Soul' (en masse)"
    assert desired.held_back == {}


def spread_list(n: int) -> WantList:
    return set_mode(
        make_list("Spread", range(1, n + 1)),
        "spread",
        spread_start=date(2025, 1, 1),
        spread_end=date(2025, 1, 11),
    )


@pytest.mark.parametrize(
    "moment, expected",
    [
        (datetime(2024, 12, 1, tzinfo=UTC), []),  # before the range
        (datetime(2025, 1, 1, tzinfo=UTC), []),  # 0%
        (datetime(2025, 1, 1, 0, 0, 1, tzinfo=UTC), [1]),  # just after the start
        (datetime(2025, 1, 6, tzinfo=UTC), [1, 2, 3, 4, 5]),  # exactly 50%: ceil(5.0)
        (datetime(2025, 1, 6, 0, 0, 1, tzinfo=UTC), [1, 2, 3, 4, 5, 6]),  # a second past 50%
        (datetime(2025, 1, 11, tzinfo=UTC), list(range(1, 11))),  # 100%
        (datetime(2026, 1, 1, tzinfo=UTC), list(range(1, 11))),  # after the range
    ],
)
def test_spread_share_grows_with_the_range(moment: datetime, expected: list[int]) -> None:
    desired = desired_live([spread_list(10)], 100, moment, master_release={})
    assert sorted(desired.releases) == expected


def test_spread_counts_fulfilled_entries_and_dates_the_rest() -> None:
    # At 50% of 10 entries the first five are due; one of them has arrived, so four are live.
    spread = with_state(spread_list(10), "r:2", "arrived")
    desired = desired_live([spread], 100, datetime(2025, 1, 6, tzinfo=UTC), master_release={})
    assert sorted(desired.releases) == [1, 3, 4, 5]
    assert desired.releases[1] == "due in 'Spread' (spread: 5 of 10 entries by now)"
    # Entry 7 is due after 6/10 of the ten-day range, on 7 January.
    assert (
        desired.held_back[("Spread", "r:7")]
        == "not due yet in 'Spread' (spread: due from 2025-01-07)"
    )


def test_paused_lists_contribute_nothing() -> None:
    jazz = set_paused(make_list("Jazz", [1, 2], "en_masse"), True)
    soul = make_list("Soul", [3])
    desired = desired_live([jazz, soul], 100, NOW, master_release={})
    assert set(desired.releases) == {3}
    assert desired.held_back[("Jazz", "r:1")] == "list 'Jazz' is paused"
    assert desired.held_back[("Jazz", "r:2")] == "list 'Jazz' is paused"


def test_master_entries_resolve_to_their_main_release_or_wait() -> None:
    mixed = WantList(name="Mixed", mode="en_masse")
    mixed = add_entry(mixed, NOW, master_id=4242, format_filter="Vinyl")
    mixed = add_entry(mixed, NOW, master_id=5353)
    desired = desired_live([mixed], 100, NOW, master_release={4242: 249504})
    assert set(desired.releases) == {249504}
    assert desired.held_back == {("Mixed", "m:5353"): WAITING_FOR_MASTER}


def test_one_by_one_waits_on_a_master_without_main_release() -> None:
    queue = add_entry(WantList(name="Q"), NOW, master_id=7)
    queue = add_entry(queue, NOW, release_id=8)
    desired = desired_live([queue], 100, NOW, master_release={})
    assert desired.releases == {}
    assert desired.held_back[("Q", "m:7")] == WAITING_FOR_MASTER


def test_removed_by_hand_is_held_back_with_the_date() -> None:
    removed_at = datetime(2025, 2, 14, 9, 30, tzinfo=UTC)
    jazz = with_state(
        with_state(make_list("Jazz", [1, 2]), "r:1", "live"),
        "r:1",
        "removed_on_discogs",
        removed_at,
    )
    desired = desired_live([jazz], 100, NOW, master_release={})
    assert 1 not in desired.releases
    assert desired.held_back[("Jazz", "r:1")] == (
        "removed on Discogs by hand on 2025-02-14, so it stays off until you want it again"
    )
    # The list moves on rather than stalling behind the want the user took back.
    assert set(desired.releases) == {2}


def test_global_cap_fills_in_list_order_then_entry_order() -> None:
    first = make_list("First", range(1, 4), "en_masse")
    second = make_list("Second", range(10, 14), "en_masse")
    desired = desired_live([first, second], 5, NOW, master_release={})
    assert list(desired.releases) == [1, 2, 3, 10, 11]
    assert desired.held_back[("Second", "r:12")] == "over the global cap of 5"
    assert desired.held_back[("Second", "r:13")] == "over the global cap of 5"
    swapped = desired_live([second, first], 5, NOW, master_release={})
    assert list(swapped.releases) == [10, 11, 12, 13, 1]


def test_a_release_in_two_lists_counts_once() -> None:
    first = make_list("First", [1, 2], "en_masse")
    second = make_list("Second", [2, 3], "en_masse")
    desired = desired_live([first, second], 3, NOW, master_release={})
    assert list(desired.releases) == [1, 2, 3]
    assert desired.releases[2] == "in 'First' (en masse)"


def test_zero_cap_and_bad_cap() -> None:
    desired = desired_live([make_list("A", [1])], 0, NOW, master_release={})
    assert desired.releases == {}
    assert desired.held_back[("A", "r:1")] == "over the global cap of 0"
    with pytest.raises(WantsError, match="cap"):
        desired_live([], -1, NOW, master_release={})


def test_choice_is_deterministic_and_leaves_input_alone() -> None:
    lists = [make_list("A", range(1, 50), "en_masse"), spread_list(20), make_list("C", [7, 8])]
    snapshot = copy.deepcopy(lists)
    later = NOW + timedelta(days=3)
    first = desired_live(lists, 30, later, master_release={})
    second = desired_live(lists, 30, later, master_release={})
    assert list(first.releases.items()) == list(second.releases.items())
    assert list(first.held_back.items()) == list(second.held_back.items())
    assert lists == snapshot
