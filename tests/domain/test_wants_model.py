"""Want lists and entries: invariants, and the editing helpers keeping positions 1..n."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from gramtui.domain.wants import (
    WantList,
    WantsError,
    add_entry,
    entry_release,
    mark_done,
    move_entry,
    new_entry,
    remove_entry,
    restore_entry,
    retire_entry,
    set_mode,
    set_paused,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=1)


def make_list(*release_ids: int, name: str = "Jazz") -> WantList:
    want_list = WantList(name=name)
    for release_id in release_ids:
        want_list = add_entry(want_list, NOW, release_id=release_id)
    return want_list


def ids(want_list: WantList) -> list[str]:
    return [e.entry_id for e in want_list.entries]


def positions(want_list: WantList) -> list[int]:
    return [e.position for e in want_list.entries]


def test_new_entry_ids_and_history() -> None:
    release = new_entry(NOW, release_id=249504)
    master = new_entry(NOW, master_id=4242, format_filter="Vinyl")
    assert release.entry_id == "r:249504"
    assert master.entry_id == "m:4242:Vinyl"
    assert new_entry(NOW, master_id=4242).entry_id == "m:4242"
    assert release.state == "pending"
    assert release.history == (("pending", NOW),)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({}, "either a release or a master"),
        ({"release_id": 1, "master_id": 2}, "either a release or a master"),
        ({"release_id": 1, "format_filter": "LP"}, "filters apply to masters only"),
        ({"release_id": 0}, "positive number"),
        ({"master_id": 3, "format_filter": " "}, "format filter"),
    ],
)
def test_bad_entries_are_refused(kwargs: dict, fragment: str) -> None:
    with pytest.raises(WantsError, match=f"(?i){fragment}"):
        new_entry(NOW, **kwargs)


def test_naive_time_is_refused() -> None:
    with pytest.raises(WantsError, match="time zone"):
        new_entry(datetime(2025, 1, 1), release_id=1)


def test_moved_to_records_history_and_ignores_same_state() -> None:
    entry = new_entry(NOW, release_id=1)
    live = entry.moved_to("live", LATER)
    assert live.state == "live" and live.changed_at == LATER
    assert live.history == (("pending", NOW), ("live", LATER))
    assert live.moved_to("live", LATER + timedelta(hours=1)) is live
    assert entry.state == "pending"  # the original is untouched


def test_list_invariants() -> None:
    with pytest.raises(WantsError, match="spreads its wants but has no date range"):
        WantList(name="S", mode="spread")
    with pytest.raises(WantsError, match="make the end date later"):
        WantList(
            name="S", mode="spread", spread_start=date(2025, 2, 1), spread_end=date(2025, 1, 1)
        )
    with pytest.raises(WantsError, match="unknown mode"):
        WantList(name="S", mode="sometimes")  # type: ignore[arg-type]
    with pytest.raises(WantsError, match="printable name"):
        WantList(name="bad\nname")
    entry = new_entry(NOW, release_id=1, position=2)
    with pytest.raises(WantsError, match="positions must run 1..n"):
        WantList(name="S", entries=(entry,))
    first = new_entry(NOW, release_id=1, position=1)
    second = new_entry(NOW, release_id=1, position=2)
    with pytest.raises(WantsError, match="twice"):
        WantList(name="S", entries=(first, second))


def test_add_entry_at_end_and_at_position() -> None:
    want_list = make_list(1, 2, 3)
    front = add_entry(want_list, NOW, master_id=9, format_filter="LP", position=1)
    assert ids(front) == ["m:9:LP", "r:1", "r:2", "r:3"]
    assert positions(front) == [1, 2, 3, 4]
    far = add_entry(want_list, NOW, release_id=4, position=99)
    assert ids(far) == ["r:1", "r:2", "r:3", "r:4"]
    assert ids(want_list) == ["r:1", "r:2", "r:3"]


def test_add_entry_refuses_duplicates() -> None:
    with pytest.raises(WantsError, match="already holds 'r:2'"):
        add_entry(make_list(1, 2), NOW, release_id=2)


def test_remove_entry_keeps_positions_contiguous() -> None:
    want_list = remove_entry(make_list(1, 2, 3, 4), "r:2")
    assert ids(want_list) == ["r:1", "r:3", "r:4"]
    assert positions(want_list) == [1, 2, 3]
    with pytest.raises(WantsError, match="no entry 'r:7'"):
        remove_entry(want_list, "r:7")


@pytest.mark.parametrize(
    "entry_id, to, expected",
    [
        ("r:3", "up", ["r:1", "r:3", "r:2", "r:4"]),
        ("r:3", "down", ["r:1", "r:2", "r:4", "r:3"]),
        ("r:1", "up", ["r:1", "r:2", "r:3", "r:4"]),
        ("r:4", "down", ["r:1", "r:2", "r:3", "r:4"]),
        ("r:4", 1, ["r:4", "r:1", "r:2", "r:3"]),
        ("r:1", 3, ["r:2", "r:3", "r:1", "r:4"]),
        ("r:2", 50, ["r:1", "r:3", "r:4", "r:2"]),
        ("r:2", -5, ["r:2", "r:1", "r:3", "r:4"]),
    ],
)
def test_move_entry(entry_id: str, to: int | str, expected: list[str]) -> None:
    moved = move_entry(make_list(1, 2, 3, 4), entry_id, to)  # type: ignore[arg-type]
    assert ids(moved) == expected
    assert positions(moved) == [1, 2, 3, 4]


def test_set_mode_keeps_or_replaces_dates() -> None:
    spread = set_mode(
        make_list(1), "spread", spread_start=date(2025, 1, 1), spread_end=date(2025, 7, 1)
    )
    assert spread.mode == "spread"
    back = set_mode(spread, "en_masse")
    assert back.spread_start == date(2025, 1, 1) and back.spread_end == date(2025, 7, 1)
    assert set_mode(back, "spread") == spread
    with pytest.raises(WantsError, match="no date range"):
        set_mode(make_list(1), "spread")


def test_set_paused() -> None:
    want_list = make_list(1)
    paused = set_paused(want_list, True)
    assert paused.paused and not want_list.paused
    assert set_paused(paused, True) is paused


def test_retire_done_and_restore() -> None:
    want_list = make_list(1, 2)
    retired = retire_entry(want_list, "r:1", LATER)
    assert retired.entry("r:1").state == "retired"
    done = mark_done(retired, "r:2", LATER)
    assert done.entry("r:2").state == "done"
    restored = restore_entry(done, "r:1", LATER + timedelta(days=1))
    assert restored.entry("r:1").state == "pending"
    assert [s for s, _ in restored.entry("r:1").history] == ["pending", "retired", "pending"]
    assert restore_entry(want_list, "r:1", LATER) is want_list  # already wanted


def test_entry_release_resolves_masters() -> None:
    assert entry_release(new_entry(NOW, release_id=5), {}) == 5
    master = new_entry(NOW, master_id=7)
    assert entry_release(master, {7: 700}) == 700
    assert entry_release(master, {}) is None


def test_editing_never_mutates_its_input() -> None:
    want_list = make_list(1, 2, 3)
    snapshot = copy.deepcopy(want_list)
    add_entry(want_list, LATER, release_id=4, position=2)
    remove_entry(want_list, "r:2")
    move_entry(want_list, "r:3", 1)
    set_mode(want_list, "en_masse")
    set_paused(want_list, True)
    retire_entry(want_list, "r:1", LATER)
    assert want_list == snapshot


def test_the_package_stays_pure() -> None:
    probe = (
        "import sys, gramtui.domain.wants; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'peewee', 'httpx', 'sqlite3')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
