"""compute_moves: the fewest moves, in an order that can be carried out, with their neighbours."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from gramtui.domain.moves import DuplicatePlacementError, Move, compute_moves
from gramtui.domain.placement import Placement

Slot = tuple[str, str, int]


def pack(
    ids: Sequence[int],
    per_unit: int = 25,
    spaces: Sequence[tuple[str, int]] = (("A", 1000),),
    oversized: frozenset[int] = frozenset(),
) -> list[Placement]:
    """Lay `ids` out in order, `per_unit` to a unit, over spaces of (name, units); the rest spills."""
    shelf = [i for i in ids if i not in oversized]
    units = [(name, u) for name, count in spaces for u in range(1, count + 1)]
    out: list[Placement] = []
    for n, i in enumerate(shelf):
        k = n // per_unit
        if k < len(units):
            space, unit = units[k]
            out.append(Placement(i, space, unit, n % per_unit + 1, 0, 3.0))
        else:
            spill = n - per_unit * len(units)
            out.append(Placement(i, "", 0, spill + 1, 0, 3.0, "spill"))
    boxes = [i for i in ids if i in oversized]
    out += [Placement(i, "", 0, n + 1, 0, 6.0, "oversized") for n, i in enumerate(boxes)]
    return [
        Placement(p.instance_id, p.space, p.unit, p.position, n + 1, p.width, p.area)
        for n, p in enumerate(out)
    ]


def containers(layout: Sequence[Placement]) -> dict[Slot, list[int]]:
    rows: dict[Slot, list[int]] = {}
    for p in layout:
        rows.setdefault(p.slot, []).append(p.instance_id)
    return rows


def apply_moves(old: Sequence[Placement], moves: Sequence[Move]) -> dict[Slot, list[int]]:
    """Carry the moves out on the old shelves: take out the removed and moved, then put each
    moved or added record at its destination, in the order given."""
    rows = containers(old)
    leaving = {m.instance_id for m in moves if m.action != "add"}
    rows = {slot: [i for i in ids if i not in leaving] for slot, ids in rows.items()}
    for m in moves:
        if m.to is None:
            continue
        row = rows.setdefault((m.to.area, m.to.space, m.to.unit), [])
        assert m.to.position - 1 <= len(row), "a destination beyond the records already there"
        row.insert(m.to.position - 1, m.instance_id)
    return {slot: ids for slot, ids in rows.items() if ids}


def lis_length(values: Sequence[int]) -> int:
    """The quadratic textbook longest increasing subsequence, to check the fast one against."""
    best = [1] * len(values)
    for j in range(len(values)):
        for i in range(j):
            if values[i] < values[j]:
                best[j] = max(best[j], best[i] + 1)
    return max(best, default=0)


def fewest_moving(old: Sequence[Placement], new: Sequence[Placement]) -> int:
    """How many records present in both layouts must move at the least."""
    old_at = {p.instance_id: p for p in old}
    old_rank = {i: n for ids in containers(old).values() for n, i in enumerate(ids)}
    both = sum(1 for p in new if p.instance_id in old_at)
    stay = 0
    for slot, ids in containers(new).items():
        kept = [old_rank[i] for i in ids if i in old_at and old_at[i].slot == slot]
        stay += lis_length(kept)
    return both - stay


def test_an_unchanged_layout_gives_no_moves() -> None:
    layout = pack(range(1, 101), per_unit=10)
    assert compute_moves("Main", layout, layout) == []
    assert compute_moves("Main", [], []) == []


def test_one_record_inserted_at_the_front_of_500_moves_one_record_per_unit_boundary() -> None:
    old = pack(range(1, 501), per_unit=25)
    new = pack([9999, *range(1, 501)], per_unit=25)
    moves = compute_moves("Main", old, new)
    adds = [m for m in moves if m.action == "add"]
    moved = [m for m in moves if m.action == "move"]
    assert [m.instance_id for m in adds] == [9999]
    # the last record of each of the 20 full units shifts into the next unit; nothing else moves
    assert [m.instance_id for m in moved] == [25 * k for k in range(1, 21)]
    assert all(m.to is not None and m.to.position == 1 for m in moved)
    assert not [m for m in moves if m.action == "remove"]
    assert apply_moves(old, moves) == containers(new)


def test_swapping_two_records_moves_at_most_two() -> None:
    ids = list(range(1, 41))
    swapped = ids.copy()
    swapped[3], swapped[30] = swapped[30], swapped[3]
    old, new = pack(ids, per_unit=10), pack(swapped, per_unit=10)
    moves = compute_moves("Main", old, new)
    assert {m.instance_id for m in moves} == {4, 31}
    assert all(m.action == "move" for m in moves)
    assert apply_moves(old, moves) == containers(new)

    inside = ids.copy()
    inside[2], inside[6] = inside[6], inside[2]  # both in unit 1: one of them can stay put
    moves = compute_moves("Main", old, pack(inside, per_unit=10))
    assert 1 <= len(moves) <= 2
    assert apply_moves(old, moves) == containers(pack(inside, per_unit=10))


def test_removals_come_first_then_arrivals_in_destination_order() -> None:
    old = pack(range(1, 31), per_unit=10)
    new_ids = [100, *range(1, 31)]
    new_ids.remove(15)
    new_ids.remove(22)
    new_ids.insert(12, 200)
    moves = compute_moves("Main", old, pack(new_ids, per_unit=10))
    actions = [m.action for m in moves]
    assert actions[:2] == ["remove", "remove"]
    assert [m.instance_id for m in moves[:2]] == [15, 22]
    assert all(m.to is None and m.from_ is not None for m in moves[:2])
    arrivals = moves[2:]
    assert "remove" not in {m.action for m in arrivals}
    order = {i: n for n, i in enumerate(new_ids)}
    assert [order[m.instance_id] for m in arrivals] == sorted(
        order[m.instance_id] for m in arrivals
    )
    assert next(m for m in arrivals if m.instance_id == 100).from_ is None


def test_neighbours_come_from_the_old_layout_at_origin_and_the_new_one_at_destination() -> None:
    old = pack([1, 2, 3, 4, 5, 6, 7, 8], per_unit=4)  # unit 1: 1 2 3 4, unit 2: 5 6 7 8
    new = pack([1, 2, 4, 5, 6, 3, 7, 8], per_unit=4)  # unit 1: 1 2 4 5, unit 2: 6 3 7 8
    moves = {m.instance_id: m for m in compute_moves("Main", old, new, neighbours=2)}
    assert set(moves) == {3, 5}
    three = moves[3]
    assert three.from_ is not None and three.to is not None
    assert (three.from_.unit, three.from_.position) == (1, 3)
    assert (three.from_.before, three.from_.after) == ((1, 2), (4,))
    assert (three.to.unit, three.to.position) == (2, 2)
    assert (three.to.before, three.to.after) == ((6,), (7, 8))
    assert three.to.organisation == "Main" and three.to.space == "A"
    one = compute_moves("Main", old, new, neighbours=1)
    assert next(m for m in one if m.instance_id == 3).from_.before == (2,)  # type: ignore[union-attr]
    none = compute_moves("Main", old, new, neighbours=0)
    assert all(m.to is not None and m.to.before == () == m.to.after for m in none)


def test_a_record_placed_twice_is_refused_with_a_clear_message() -> None:
    layout = pack([1, 2, 3])
    twice = [*layout, layout[0]]
    with pytest.raises(DuplicatePlacementError, match="places record 1 twice"):
        compute_moves("Main", layout, twice)
    with pytest.raises(ValueError, match="neighbours"):
        compute_moves("Main", layout, layout, neighbours=-1)


def random_edit(rng: random.Random, ids: list[int], next_id: int) -> list[int]:
    out = ids.copy()
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["insert", "delete", "swap", "resort", "reverse"])
        if kind == "insert":
            out.insert(rng.randint(0, len(out)), next_id)
            next_id += 1
        elif kind == "delete" and out:
            out.pop(rng.randrange(len(out)))
        elif kind == "swap" and len(out) > 1:
            a, b = rng.sample(range(len(out)), 2)
            out[a], out[b] = out[b], out[a]
        elif kind == "resort" and out:
            a = rng.randrange(len(out))
            b = rng.randint(a, len(out))
            chunk = out[a:b]
            rng.shuffle(chunk)
            out[a:b] = chunk
        elif kind == "reverse":
            out.reverse()
    return out


def test_property_applying_the_moves_to_the_old_shelves_gives_the_new_ones() -> None:
    rng = random.Random(20240605)
    for _case in range(400):
        ids = rng.sample(range(1, 10_000), rng.randint(0, 80))
        edited = random_edit(rng, ids, next_id=10_000)
        boxes = frozenset(rng.sample(ids + edited, min(3, len(ids + edited))))
        spaces = [("A", rng.randint(1, 4)), ("B", rng.randint(0, 3))]
        old = pack(ids, rng.randint(1, 12), spaces, boxes if rng.random() < 0.5 else frozenset())
        new = pack(edited, rng.randint(1, 12), spaces, boxes if rng.random() < 0.5 else frozenset())
        n = rng.randint(0, 3)
        moves = compute_moves("Main", old, new, neighbours=n)

        moving = [m.instance_id for m in moves]
        assert len(moving) == len(set(moving)), "a record in two moves"
        assert apply_moves(old, moves) == containers(new)
        assert sum(m.action == "move" for m in moves) == fewest_moving(old, new)
        assert {m.instance_id for m in moves if m.action == "add"} == set(edited) - set(ids)
        assert {m.instance_id for m in moves if m.action == "remove"} == set(ids) - set(edited)
        old_rows, new_rows = containers(old), containers(new)
        for m in moves:
            for spot, rows in ((m.from_, old_rows), (m.to, new_rows)):
                if spot is None:
                    continue
                row = rows[(spot.area, spot.space, spot.unit)]
                k = row.index(m.instance_id)
                assert spot.position == k + 1
                assert spot.before == tuple(row[max(0, k - n) : k])
                assert spot.after == tuple(row[k + 1 : k + 1 + n])
