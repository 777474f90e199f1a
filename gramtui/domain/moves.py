"""The fewest moves that turn the layout on the shelves into a new one.

A record whose container (area, space, unit) is unchanged and whose order relative to the other
records staying in that container is kept does not move: per container we keep a longest
increasing subsequence of the stayers' old positions, and everything else in it moves. That is
what keeps one insertion at the front from reporting every later record as moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from gramtui.domain.placement import Area, Placement

Action = Literal["move", "add", "remove"]
Slot = tuple[str, str, int]  # (area, space, unit), as Placement.slot


class DuplicatePlacementError(ValueError):
    """A layout placed the same record twice."""


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a record stands (or will stand), with its neighbours in the same container.

    `before` holds the records standing before it (to its left) and `after` those standing after
    it (to its right), both in shelf order, so `before[-1]` and `after[0]` are the nearest.
    """

    organisation: str
    space: str
    unit: int
    position: int
    area: Area
    before: tuple[int, ...]
    after: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Move:
    instance_id: int
    action: Action
    from_: Spot | None  # None for an "add"
    to: Spot | None  # None for a "remove"


def compute_moves(
    organisation: str,
    old: Sequence[Placement],
    new: Sequence[Placement],
    neighbours: int = 2,
) -> list[Move]:
    """The moves from `old` to `new` (each a layout in shelf order), easiest to carry out first:
    removals in old shelf order, then moves and additions in destination shelf order."""
    if neighbours < 0:
        raise ValueError(f"neighbours must be 0 or more, not {neighbours}.")
    old_by_id = _by_id(old, "old")
    new_by_id = _by_id(new, "new")
    old_rows = _containers(old)
    new_rows = _containers(new)

    staying: set[int] = set()
    for slot, row in new_rows.items():
        candidates = [i for i in row.ids if i in old_by_id and old_by_id[i][1].slot == slot]
        if candidates:  # they all stood in this same container before
            staying.update(_longest_increasing(candidates, old_rows[slot].rank))

    def spot(placement: Placement, rows: dict[Slot, _Row]) -> Spot:
        row = rows[placement.slot]
        k = row.rank[placement.instance_id]
        return Spot(
            organisation=organisation,
            space=placement.space,
            unit=placement.unit,
            position=placement.position,
            area=placement.area,
            before=tuple(row.ids[max(0, k - neighbours) : k]),
            after=tuple(row.ids[k + 1 : k + 1 + neighbours]),
        )

    removals = [
        Move(p.instance_id, "remove", spot(p, old_rows), None)
        for p in old
        if p.instance_id not in new_by_id
    ]
    arrivals: list[Move] = []
    for p in new:
        if p.instance_id in staying:
            continue
        before = old_by_id.get(p.instance_id)
        if before is None:
            arrivals.append(Move(p.instance_id, "add", None, spot(p, new_rows)))
        else:
            arrivals.append(
                Move(p.instance_id, "move", spot(before[1], old_rows), spot(p, new_rows))
            )
    return removals + arrivals


@dataclass(slots=True)
class _Row:
    """The records of one container in shelf order, and where each stands in it."""

    ids: list[int]
    rank: dict[int, int]


def _by_id(layout: Sequence[Placement], which: str) -> dict[int, tuple[int, Placement]]:
    out: dict[int, tuple[int, Placement]] = {}
    for n, p in enumerate(layout):
        if p.instance_id in out:
            raise DuplicatePlacementError(
                f"The {which} layout places record {p.instance_id} twice; lay it out again."
            )
        out[p.instance_id] = (n, p)
    return out


def _containers(layout: Sequence[Placement]) -> dict[Slot, _Row]:
    rows: dict[Slot, _Row] = {}
    for p in layout:
        row = rows.setdefault(p.slot, _Row([], {}))
        row.rank[p.instance_id] = len(row.ids)
        row.ids.append(p.instance_id)
    return rows


def _longest_increasing(ids: list[int], rank: dict[int, int]) -> list[int]:
    """A longest run of `ids` (in their given order) whose `rank` increases: O(n log n)."""
    tails: list[int] = []  # tails[k]: smallest rank ending an increasing run of length k + 1
    tail_at: list[int] = []  # index in `ids` of that run's last element
    previous: list[int] = [-1] * len(ids)
    for n, i in enumerate(ids):
        r = rank[i]
        k = bisect_left(tails, r)
        if k == len(tails):
            tails.append(r)
            tail_at.append(n)
        else:
            tails[k] = r
            tail_at[k] = n
        previous[n] = tail_at[k - 1] if k else -1
    out: list[int] = []
    n = tail_at[-1] if tail_at else -1
    while n != -1:
        out.append(ids[n])
        n = previous[n]
    return out[::-1]
