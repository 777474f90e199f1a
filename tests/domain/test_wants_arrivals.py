"""Arrivals: a wanted release or a master's pressing that passes the format filter shows up."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from gramtui.domain.records import Format
from gramtui.domain.wants import (
    CollectionItem,
    WantList,
    add_entry,
    desired_live,
    detect_arrivals,
    format_passes,
    retire_entry,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=2)

VINYL_LP = (Format(name="Vinyl", qty=1, descriptions=("LP", "Album")),)
VINYL_7 = (Format(name="Vinyl", qty=1, descriptions=('7"', "Single", "45 RPM")),)
CD = (Format(name="CD", qty=1, descriptions=("Album",)),)


def jazz() -> WantList:
    want_list = WantList(name="Jazz")
    want_list = add_entry(want_list, NOW, release_id=100)
    want_list = add_entry(want_list, NOW, master_id=42, format_filter="LP")
    want_list = add_entry(want_list, NOW, master_id=43)
    return add_entry(want_list, NOW, release_id=200)


def states(want_list: WantList) -> dict[str, str]:
    return {e.entry_id: e.state for e in want_list.entries}


def test_format_filter_matches_names_and_descriptions_ignoring_case() -> None:
    assert format_passes(VINYL_LP, "Vinyl")
    assert format_passes(VINYL_LP, "lp")
    assert format_passes(VINYL_7, '7"')
    assert not format_passes(VINYL_7, "LP")
    assert not format_passes(CD, "Vinyl")
    assert format_passes(CD, None)
    box = (Format(name="Box Set", descriptions=("Compilation",)), *CD)
    assert format_passes(box, "cd")


def test_release_entry_arrives_when_its_release_is_owned() -> None:
    collection: list[CollectionItem] = [(100, 9, VINYL_LP), (555, None, CD)]
    lists, arrived = detect_arrivals([jazz()], collection, LATER)
    assert arrived == [("Jazz", "r:100", 100)]
    entry = lists[0].entry("r:100")
    assert entry.state == "arrived" and entry.changed_at == LATER
    assert entry.history[-1] == ("arrived", LATER)
    assert states(lists[0])["r:200"] == "pending"


def test_master_entry_needs_a_pressing_that_passes_the_filter() -> None:
    only_cd: list[CollectionItem] = [(4201, 42, CD), (4202, 42, VINYL_7)]
    lists, arrived = detect_arrivals([jazz()], only_cd, LATER)
    assert arrived == []
    assert states(lists[0])["m:42:LP"] == "pending"

    with_lp: list[CollectionItem] = [*only_cd, (4209, 42, VINYL_LP), (4205, 42, VINYL_LP)]
    lists, arrived = detect_arrivals([jazz()], with_lp, LATER)
    assert arrived == [("Jazz", "m:42:LP", 4205)]  # the lowest passing release, every time


def test_master_entry_without_filter_takes_any_release_of_the_master() -> None:
    lists, arrived = detect_arrivals([jazz()], [(4301, 43, CD)], LATER)
    assert arrived == [("Jazz", "m:43", 4301)]
    assert states(lists[0])["m:43"] == "arrived"


def test_fulfilled_or_retired_entries_do_not_arrive_again() -> None:
    collection: list[CollectionItem] = [(100, None, VINYL_LP), (200, None, VINYL_LP)]
    once, _ = detect_arrivals([retire_entry(jazz(), "r:200", NOW)], collection, LATER)
    twice, arrived = detect_arrivals(once, collection, LATER + timedelta(days=1))
    assert arrived == []
    assert twice[0] is once[0]  # nothing changed, the very same list comes back
    assert states(twice[0])["r:200"] == "retired"


def test_a_want_removed_by_hand_can_still_arrive() -> None:
    want_list = jazz()
    removed = tuple(
        e.moved_to("live", NOW).moved_to("removed_on_discogs", NOW) if e.entry_id == "r:100" else e
        for e in want_list.entries
    )
    lists, arrived = detect_arrivals(
        [replace(want_list, entries=removed)], [(100, None, CD)], LATER
    )
    assert arrived == [("Jazz", "r:100", 100)]


def test_arrival_makes_the_next_one_by_one_entry_live() -> None:
    before = desired_live([jazz()], 100, NOW, master_release={42: 4200})
    assert set(before.releases) == {100}
    lists, _ = detect_arrivals([jazz()], [(100, None, VINYL_LP)], LATER)
    after = desired_live(lists, 100, LATER, master_release={42: 4200})
    assert set(after.releases) == {4200}


def test_the_same_release_satisfies_entries_in_several_lists() -> None:
    other = add_entry(WantList(name="Other"), NOW, release_id=100)
    lists, arrived = detect_arrivals([jazz(), other], iter([(100, None, CD)]), LATER)
    assert arrived == [("Jazz", "r:100", 100), ("Other", "r:100", 100)]
    assert [states(w)["r:100"] for w in lists] == ["arrived", "arrived"]


def test_input_lists_are_not_mutated() -> None:
    lists = [jazz()]
    snapshot = copy.deepcopy(lists)
    detect_arrivals(lists, [(100, None, CD), (4301, 43, CD)], LATER)
    assert lists == snapshot
