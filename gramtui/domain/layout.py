"""Lay an organisation's records out on its shelves.

The records of the sources are sorted (sources with the same order merged first, lower orders
first) and walked in that order, unit after unit, across the spaces in their order:

- tight: a unit takes records while they fit, then the next unit starts;
- spread: the same walk with every unit's room cut to the smallest share of its width with
  which nothing more spills than under tight (found by bisection), so each unit keeps room to grow
  and no unit is fuller than tight needs;
- grouping: a label's (or artist's) run that fits in a unit is packed as one piece: when it does
  not fit what is left of a unit, the whole run starts the next unit. A run wider than any unit is
  split like plain records;
- look_ahead N: when the next piece does not fit a unit, the pieces among the next N in order
  (N = -1: all of them) that fit the gap are pulled forward into it, first come first; a piece is
  never placed ahead of more than N pieces (pieces are records, or runs under grouping);
- oversized: records flagged oversized (unless the organisation shelves them "inline") and records
  wider than every unit stand in the "oversized" area, in order, and take no room on the shelves;
- spill: what the spaces cannot hold goes to the "spill" area, in order.

Widths are packed as whole thousandths, so sums are exact and the same input always gives the
same layout, whatever order the records come in.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from gramtui.domain.organisation import Grouping, Organisation, check_organisation
from gramtui.domain.placement import Area, Placement
from gramtui.domain.records import Folder, Record
from gramtui.domain.sortkeys import group_key, sort_records
from gramtui.domain.widths import WidthSettings, widths_for

SCALE = 1000  # widths are packed in thousandths of their unit (cm, records or discs)
_SPREAD_PRECISION = 1e-3  # bisection stops when the fill share is known to 0.1 %


class LayoutError(ValueError):
    """The records handed to the layout cannot be laid out as they are."""


@dataclass(frozen=True, slots=True)
class UnitFill:
    space: str
    unit: int  # 1-based within the space
    used: float
    capacity: float
    count: int

    @property
    def ratio(self) -> float:
        return self.used / self.capacity


@dataclass(frozen=True)
class Layout:
    organisation: str
    placements: tuple[Placement, ...]  # shelf order: units in order, then oversized, then spill
    units: tuple[UnitFill, ...]
    hash: str  # sha256 of the placements; equal layouts have equal hashes

    @cached_property
    def _row_of(self) -> dict[int, int]:
        return {p.instance_id: row for row, p in enumerate(self.placements)}

    def find(self, instance_id: int) -> Placement | None:
        row = self._row_of.get(instance_id)
        return None if row is None else self.placements[row]


@dataclass(frozen=True, slots=True)
class Located:
    placement: Placement
    before: tuple[int, ...]  # instance ids just before it in its unit or area, in shelf order
    after: tuple[int, ...]  # and just after it, in shelf order


def locate(layout: Layout, instance_id: int, n: int = 2) -> Located | None:
    """Where a record stands and its `n` neighbours on each side; None when it is not laid out."""
    row = layout._row_of.get(instance_id)
    if row is None:
        return None
    placements = layout.placements
    placement = placements[row]
    slot = placement.slot
    before = [p.instance_id for p in placements[max(row - n, 0) : row] if p.slot == slot]
    after = [p.instance_id for p in placements[row + 1 : row + 1 + n] if p.slot == slot]
    return Located(placement, tuple(before), tuple(after))


def lay_out(
    org: Organisation,
    records: Sequence[Record],
    folders: Sequence[Folder],
    settings: WidthSettings,
) -> Layout:
    """The layout of the records of `org`'s source folders (others are ignored). Pure."""
    folder_ids = check_organisation(org, folders)
    stream = _sorted_records(org, folder_ids, records)
    measures = widths_for(stream, settings, org.density)

    units = [(space, number) for space in org.spaces for number in range(1, space.units + 1)]
    caps = [max(round(space.width * SCALE), 1) for space, _ in units]
    widest = max(caps)
    shelved: list[Record] = []
    shelved_widths: list[int] = []
    oversized: list[Record] = []
    for record in stream:
        width = round(measures[record.instance_id] * SCALE)
        if width > widest or (record.size == "oversized" and org.oversized == "area"):
            oversized.append(record)
        else:
            shelved.append(record)
            shelved_widths.append(width)

    starts, widths = _pieces(org.grouping, shelved, shelved_widths, widest)
    contents, spilled = _pack(widths, caps, org.look_ahead)
    if org.fill == "spread" and not spilled:
        contents = _spread(widths, caps, org.look_ahead, contents)

    placements: list[Placement] = []
    fills: list[UnitFill] = []
    for (space, number), pieces in zip(units, contents, strict=True):
        first = len(placements)
        position = 0
        for k in pieces:
            for record in shelved[starts[k] : starts[k + 1]]:
                position += 1
                instance_id = record.instance_id
                placements.append(
                    Placement(
                        instance_id,
                        space.name,
                        number,
                        position,
                        first + position,
                        measures[instance_id],
                    )
                )
        used = sum(widths[k] for k in pieces) / SCALE
        fills.append(UnitFill(space.name, number, used, space.width, position))
    spill = [record for k in spilled for record in shelved[starts[k] : starts[k + 1]]]
    area: Area
    for area, area_records in (("oversized", oversized), ("spill", spill)):
        first = len(placements)
        for position, record in enumerate(area_records, 1):
            measure = measures[record.instance_id]
            placements.append(
                Placement(record.instance_id, "", 0, position, first + position, measure, area)
            )
    return Layout(org.name, tuple(placements), tuple(fills), layout_hash(placements))


def layout_hash(placements: Sequence[Placement]) -> str:
    """sha256 of one line per placement in shelf order (index follows from the order)."""
    text = "\n".join(
        f"{p.area}\x1f{p.space}\x1f{p.unit}\x1f{p.position}\x1f{p.instance_id}\x1f{p.width:.3f}"
        for p in placements
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _sorted_records(
    org: Organisation, folder_ids: tuple[int, ...], records: Sequence[Record]
) -> list[Record]:
    order_of = {fid: source.order for fid, source in zip(folder_ids, org.sources, strict=True)}
    sort_of = {source.order: source.sort for source in org.sources}
    by_order: dict[int, list[Record]] = {}
    for record in records:
        order = order_of.get(record.folder_id)
        if order is not None:
            by_order.setdefault(order, []).append(record)
    stream: list[Record] = []
    for order in sorted(by_order):
        stream += sort_records(by_order[order], sort_of[order])
    if len({record.instance_id for record in stream}) < len(stream):
        twice = Counter(record.instance_id for record in stream).most_common(1)[0][0]
        raise LayoutError(
            f"Instance {twice} was handed to the layout twice; pass each collection instance once."
        )
    return stream


def _pieces(
    grouping: Grouping, shelved: list[Record], record_widths: list[int], widest: int
) -> tuple[list[int], list[int]]:
    """What is packed as one: a record, or under grouping a run that fits in a unit.

    Returns the pieces' start offsets into `shelved` (plus the end) and their widths.
    """
    if grouping == "none":
        return list(range(len(shelved) + 1)), record_widths
    starts: list[int] = []
    widths: list[int] = []
    keys = list(map(group_key(grouping), shelved))
    run_start = 0
    for end in range(1, len(shelved) + 1):
        if end < len(shelved) and keys[end] == keys[run_start]:
            continue
        run_width = sum(record_widths[run_start:end])
        if run_width <= widest:
            starts.append(run_start)
            widths.append(run_width)
        else:
            starts.extend(range(run_start, end))
            widths.extend(record_widths[run_start:end])
        run_start = end
    starts.append(len(shelved))
    return starts, widths


def _pack(widths: list[int], caps: list[int], look_ahead: int) -> tuple[list[list[int]], list[int]]:
    """Pieces per unit (in placement order) and the pieces that did not fit, in order."""
    count = len(widths)
    contents: list[list[int]] = [[] for _ in caps]
    pulled = bytearray(count)
    tree = _MinTree(widths) if look_ahead and count else None
    unit = 0
    room = caps[0]
    current = contents[0]
    k = 0
    while k < count:
        if pulled[k]:
            k += 1
            continue
        width = widths[k]
        if width <= room:
            current.append(k)
            room -= width
            k += 1
            continue
        if tree is not None:
            last = count - 1 if look_ahead < 0 else min(count - 1, k + look_ahead)
            j = tree.first_at_most(k + 1, last, room)
            while j >= 0:
                current.append(j)
                room -= widths[j]
                pulled[j] = 1
                tree.remove(j)
                j = tree.first_at_most(j + 1, last, room)
        unit += 1
        if unit == len(caps):
            break
        room = caps[unit]
        current = contents[unit]
    spilled = [j for j in range(k, count) if not pulled[j]]
    return contents, spilled


def _spread(
    widths: list[int], caps: list[int], look_ahead: int, tight: list[list[int]]
) -> list[list[int]]:
    """The packing with the smallest fullest-unit share that spills nothing (tight spilled none)."""
    best = tight
    high = max(
        sum(widths[k] for k in pieces) / cap for pieces, cap in zip(tight, caps, strict=True)
    )
    low = sum(widths) / sum(caps)  # no packing can do better than the average fill
    while high - low > _SPREAD_PRECISION:
        share = (low + high) / 2
        contents, spilled = _pack(widths, [math.floor(cap * share) for cap in caps], look_ahead)
        if spilled:
            low = share
        else:
            best, high = contents, share
    return best


class _MinTree:
    """A segment tree of widths: remove one, or find the first index in a range at most a limit."""

    def __init__(self, values: list[int]) -> None:
        size = 1
        while size < len(values):
            size *= 2
        tree: list[float] = [math.inf] * (2 * size)
        tree[size : size + len(values)] = values
        for i in range(size - 1, 0, -1):
            tree[i] = min(tree[2 * i], tree[2 * i + 1])
        self.size = size
        self.tree = tree

    def remove(self, index: int) -> None:
        tree = self.tree
        i = index + self.size
        tree[i] = math.inf
        i >>= 1
        while i:
            smallest = min(tree[2 * i], tree[2 * i + 1])
            if tree[i] == smallest:
                break
            tree[i] = smallest
            i >>= 1

    def first_at_most(self, low: int, high: int, limit: int) -> int:
        """The first index in [low, high] whose value is at most `limit`, or -1."""
        tree = self.tree
        if low > high or tree[1] > limit:
            return -1
        i = low + self.size
        while tree[i] > limit:
            while i & 1:  # climb while a right child
                i >>= 1
            if i == 0:
                return -1
            i += 1
        while i < self.size:
            i = 2 * i if tree[2 * i] <= limit else 2 * i + 1
        index = i - self.size
        return index if index <= high else -1
