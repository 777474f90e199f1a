"""Reconciling the lists with the Discogs wantlist, run the way the engine runs it.

`World` stands in for the store and Discogs: `cycle` is one `plan_wants` pass, `apply` plays the
queue's add and remove tasks as if all of them succeeded.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from gramtui.domain.records import Format
from gramtui.domain.wants import (
    CollectionItem,
    Plan,
    WantList,
    WantMode,
    WantsError,
    add_entry,
    adopt,
    desired_live,
    managed_releases,
    mark_live,
    mark_not_live,
    mark_removed_by_hand,
    plan_wants,
    reconcile,
    restore_entry,
    retire_entry,
    set_mode,
    set_paused,
)

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
LP = (Format(name="Vinyl", descriptions=("LP",)),)
CD = (Format(name="CD"),)


@dataclass
class World:
    lists: list[WantList]
    on_discogs: set[int] = field(default_factory=set)
    collection: list[CollectionItem] = field(default_factory=list)
    master_release: dict[int, int] = field(default_factory=dict)
    cap: int = 100
    now: datetime = START

    def cycle(self) -> Plan:
        """One pass; the lists take up what it booked, Discogs is left as it is."""
        self.now += timedelta(minutes=10)
        result = plan_wants(
            self.lists,
            set(self.on_discogs),
            self.collection,
            self.cap,
            self.now,
            master_release=self.master_release,
        )
        self.lists = result.lists
        return result.plan

    def apply(self, plan: Plan) -> None:
        """The queue runs every task successfully."""
        mr = self.master_release
        self.on_discogs = (self.on_discogs | set(plan.add)) - set(plan.remove)
        self.lists = mark_live(self.lists, plan.add, self.now, master_release=mr)
        self.lists = mark_not_live(self.lists, plan.remove, self.now, master_release=mr)

    def settle(self) -> None:
        self.apply(self.cycle())
        assert self.cycle().is_empty

    def state(self, list_name: str, entry_id: str) -> str:
        return next(w for w in self.lists if w.name == list_name).entry(entry_id).state


def make_list(name: str, release_ids: range | list[int], mode: WantMode = "one_by_one") -> WantList:
    want_list = WantList(name=name)
    for release_id in release_ids:
        want_list = add_entry(want_list, START, release_id=release_id)
    return set_mode(want_list, mode)


def test_reconcile_plan_is_sorted_and_splits_what_it_sees() -> None:
    plan = reconcile(
        desired={5, 3, 1, 8},
        on_discogs={1, 2, 9, 7, 4},
        managed={1, 2, 3, 4, 5, 6, 8},
        previously_live={2, 8, 6},
    )
    assert plan.add == [3, 5]  # 8 was live and vanished: not re-added
    assert plan.remove == [2, 4]
    assert plan.removed_by_hand == [6, 8]
    assert plan.unmanaged == [7, 9]
    assert not plan.is_empty
    assert reconcile({1}, {1, 9}, {1}, {1}) == Plan(
        add=[], remove=[], removed_by_hand=[], unmanaged=[9]
    )


def test_one_by_one_arrival_makes_one_removal_and_one_addition_only() -> None:
    rock = add_entry(WantList(name="Rock"), START, master_id=50, format_filter="LP")
    world = World(
        lists=[make_list("Jazz", [1, 2, 3]), make_list("Soul", [10, 11], "en_masse"), rock],
        on_discogs={900, 901},
        master_release={50: 500},
    )
    first = world.cycle()
    assert first.add == [1, 10, 11, 500]
    assert first.remove == [] and first.unmanaged == [900, 901]
    world.apply(first)
    assert world.cycle().is_empty
    before = world.lists

    world.collection.append((1, 77, LP))
    plan = world.cycle()
    assert plan == Plan(add=[2], remove=[1], removed_by_hand=[], unmanaged=[900, 901])
    changed = [
        (new.name, e.entry_id, e.state)
        for old, new in zip(before, world.lists, strict=True)
        for o, e in zip(old.entries, new.entries, strict=True)
        if o != e
    ]
    assert changed == [("Jazz", "r:1", "arrived")]

    world.apply(plan)
    assert world.on_discogs == {2, 10, 11, 500, 900, 901}
    assert world.state("Jazz", "r:2") == "live"
    assert world.cycle().is_empty


def test_500_entries_switched_to_en_masse_under_cap_100() -> None:
    world = World(lists=[make_list("Big", range(1, 501))], cap=100)
    world.lists = [set_mode(world.lists[0], "en_masse")]
    plan = world.cycle()
    assert plan.add == list(range(1, 101))
    assert plan.remove == [] and plan.removed_by_hand == []
    world.apply(plan)
    assert world.cycle() == Plan(add=[], remove=[], removed_by_hand=[], unmanaged=[])


def test_500_entries_with_the_first_already_live_fill_up_to_the_cap() -> None:
    world = World(lists=[make_list("Big", range(1, 501))], cap=100)
    world.settle()
    assert world.on_discogs == {1}
    world.lists = [set_mode(world.lists[0], "en_masse")]
    plan = world.cycle()
    assert plan.add == list(range(2, 101))  # with the one already live, 100 in all
    world.apply(plan)
    assert world.on_discogs == set(range(1, 101))
    assert world.cycle().is_empty


def test_a_want_deleted_by_hand_is_not_re_added_and_says_why() -> None:
    world = World(lists=[make_list("Jazz", [1, 2])])
    world.settle()
    assert world.on_discogs == {1}

    world.on_discogs.discard(1)  # the user deletes it on discogs.com
    plan = world.cycle()
    # Release 1 stays off; the list moves on to its next entry in the same pass.
    assert plan == Plan(add=[2], remove=[], removed_by_hand=[1], unmanaged=[])
    assert world.state("Jazz", "r:1") == "removed_on_discogs"
    held = desired_live(world.lists, 100, world.now, master_release={}).held_back
    assert held[("Jazz", "r:1")].startswith("removed on Discogs by hand on 2025-03-01")
    world.apply(plan)
    assert world.cycle().is_empty

    world.lists = [restore_entry(world.lists[0], "r:1", world.now)]
    wanted_again = world.cycle()
    assert wanted_again.add == [1] and wanted_again.remove == [2]


def test_a_want_the_user_adds_back_by_hand_is_theirs_and_left_alone() -> None:
    world = World(lists=[make_list("Jazz", [1, 2])])
    world.settle()
    world.on_discogs.discard(1)
    world.apply(world.cycle())
    world.on_discogs.add(1)
    plan = world.cycle()
    assert 1 not in plan.remove and plan.unmanaged == [1]


def test_unmanaged_wants_are_left_alone_until_adopted() -> None:
    world = World(lists=[make_list("Soul", [10, 11], "en_masse")], on_discogs={900, 901, 902})
    world.settle()
    assert world.on_discogs == {10, 11, 900, 901, 902}
    assert world.cycle().unmanaged == [900, 901, 902]

    world.lists = adopt(world.lists, "Soul", [901, 900, 10], world.now)
    assert [e.entry_id for e in world.lists[0].entries] == ["r:10", "r:11", "r:901", "r:900"]
    assert world.state("Soul", "r:900") == "live"
    assert world.cycle() == Plan(add=[], remove=[], removed_by_hand=[], unmanaged=[902])


def test_adopting_into_a_one_by_one_list_lets_the_mode_decide() -> None:
    world = World(lists=[make_list("Jazz", [1, 2])], on_discogs={900})
    world.settle()
    world.lists = adopt(world.lists, "Jazz", [900], world.now)
    assert world.cycle().remove == [900]
    with pytest.raises(WantsError, match="no want list 'Nope'"):
        adopt(world.lists, "Nope", [900], world.now)


def test_pausing_takes_a_list_off_discogs_and_resuming_puts_it_back() -> None:
    world = World(lists=[make_list("Soul", [10, 11], "en_masse"), make_list("Jazz", [1])])
    world.settle()
    world.lists = [set_paused(world.lists[0], True), world.lists[1]]
    plan = world.cycle()
    assert plan.remove == [10, 11] and plan.add == []
    world.apply(plan)
    assert world.state("Soul", "r:10") == "pending"
    assert world.on_discogs == {1}
    world.lists = [set_paused(world.lists[0], False), world.lists[1]]
    assert world.cycle().add == [10, 11]


def test_retiring_a_live_entry_removes_its_want() -> None:
    world = World(lists=[make_list("Jazz", [1, 2])])
    world.settle()
    world.lists = [retire_entry(world.lists[0], "r:1", world.now)]
    plan = world.cycle()
    assert plan.add == [2] and plan.remove == [1] and plan.removed_by_hand == []


def test_master_entry_with_format_filter_advances_only_on_a_passing_pressing() -> None:
    queue = add_entry(WantList(name="Q"), START, master_id=42, format_filter="LP")
    queue = add_entry(queue, START, release_id=7)
    world = World(lists=[queue], master_release={})
    assert world.cycle().is_empty  # the master's main release is not known yet
    world.master_release[42] = 4200
    world.settle()
    assert world.on_discogs == {4200}

    world.collection.append((4211, 42, CD))
    assert world.cycle().is_empty
    world.collection.append((4212, 42, LP))
    plan = world.cycle()
    assert plan.add == [7] and plan.remove == [4200]
    assert world.state("Q", "m:42:LP") == "arrived"


def test_plan_wants_reports_arrivals_and_reasons_with_the_plan() -> None:
    lists = [make_list("Jazz", [1, 2, 3])]
    result = plan_wants(lists, {1, 900}, [(1, None, LP)], 100, START, master_release={})
    assert result.arrived == [("Jazz", "r:1", 1)]
    assert result.desired.releases == {2: "first unfulfilled entry of 'Jazz' (one-by-one)"}
    assert result.desired.held_back == {
        ("Jazz", "r:3"): "waiting for its turn in 'Jazz' (one-by-one: r:2 comes first)"
    }
    assert result.plan == Plan(add=[2], remove=[1], removed_by_hand=[], unmanaged=[900])
    assert [e.state for e in result.lists[0].entries] == ["arrived", "pending", "pending"]
    assert [e.state for e in lists[0].entries] == ["pending", "pending", "pending"]


def test_state_marks_touch_only_entries_in_the_expected_state() -> None:
    jazz = make_list("Jazz", [1, 2, 3], "en_masse")
    live = mark_live([jazz], [1, 2], START, master_release={})
    assert [e.state for e in live[0].entries] == ["live", "live", "pending"]
    gone = mark_removed_by_hand(live, [2, 3], START, master_release={})
    assert [e.state for e in gone[0].entries] == ["live", "removed_on_discogs", "pending"]
    back = mark_not_live(gone, [1, 2], START, master_release={})
    assert [e.state for e in back[0].entries] == ["pending", "removed_on_discogs", "pending"]
    assert mark_live(back, [99], START, master_release={})[0] is back[0]


def random_world(rng: random.Random) -> World:
    lists = []
    for n in range(rng.randint(1, 4)):
        ids = rng.sample(range(1, 60), rng.randint(0, 12))
        mode: WantMode = rng.choice(["one_by_one", "en_masse"])
        want_list = set_paused(make_list(f"L{n}", ids, mode), rng.random() < 0.2)
        lists.append(want_list)
    on_discogs = set(rng.sample(range(1, 80), rng.randint(0, 15)))
    return World(lists=lists, on_discogs=on_discogs, cap=rng.randint(0, 20))


@pytest.mark.parametrize("seed", range(40))
def test_plans_are_consistent_and_a_second_pass_is_quiet(seed: int) -> None:
    rng = random.Random(seed)
    world = random_world(rng)
    untouched = set(world.on_discogs) - managed_releases(world.lists, master_release={})
    for _ in range(3):
        before = set(world.on_discogs)
        plan = world.cycle()
        assert not set(plan.add) & set(plan.remove)
        assert not set(plan.add) & before
        assert set(plan.remove) <= before
        assert set(plan.unmanaged) == before - managed_releases(world.lists, master_release={})
        world.apply(plan)
        assert untouched <= world.on_discogs
        live = desired_live(world.lists, world.cap, world.now, master_release={}).releases
        assert len(world.on_discogs - untouched) <= world.cap
        assert set(live) <= world.on_discogs
        assert world.cycle().is_empty
        # Something happens between passes: a record arrives or a want is deleted by hand.
        if world.on_discogs - untouched:
            picked = rng.choice(sorted(world.on_discogs - untouched))
            if rng.random() < 0.5:
                world.collection.append((picked, None, LP))
            else:
                world.on_discogs.discard(picked)


def test_no_input_is_mutated_over_a_cycle() -> None:
    lists = [make_list("Jazz", [1, 2]), make_list("Soul", [3, 4], "en_masse")]
    snapshot = copy.deepcopy(lists)
    world = World(lists=lists, on_discogs={1, 9}, collection=[(3, None, CD)])
    world.settle()
    world.lists = adopt(world.lists, "Jazz", [9], world.now)
    assert lists == snapshot
