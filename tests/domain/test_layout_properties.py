"""Seeded random collections and definitions: the layout's invariants hold for every one."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace

import pytest

from gramtui.domain.layout import SCALE, Layout, lay_out
from gramtui.domain.organisation import Organisation, Source, Space
from gramtui.domain.records import Artist, Folder, Format, Label, Record, Release
from gramtui.domain.sortkeys import group_key, sort_records
from gramtui.domain.widths import WidthSettings, widths_for

FOLDERS = (Folder(10, "12s"), Folder(11, "7s"), Folder(12, "Other"))
SETTINGS = WidthSettings()
FORMATS = (
    (Format("Vinyl", 1, ("LP",)),),
    (Format("Vinyl", 2, ("LP",)),),
    (Format("Vinyl", 1, ('7"',)),),
    (Format("Box Set", 1, ()), Format("Vinyl", 3, ("LP",))),
    (),
)


def random_collection(rng: random.Random) -> list[Record]:
    labels = [f"Label {c}" for c in "ABCDE"]
    records = []
    for n in range(rng.randint(0, 60)):
        release = Release(
            id=n,
            title=rng.choice(["x", "y", "z"]),
            artists=(Artist(rng.choice(["The Fall", "Abba", "Can"])),),
            labels=(Label(rng.choice(labels), f"{rng.choice('AB')}-{rng.randint(1, 30)}"),),
            formats=rng.choice(FORMATS),
            year=rng.choice([None, 1970, 1971, 1990]),
        )
        records.append(
            Record(
                instance_id=1000 + n,
                release=release,
                folder_id=rng.choice([10, 10, 11, 12]),
                width=rng.choice([None, None, 0.5, 1.0, 2.0, 3.5, 7.0, 12.0]),
                size="oversized" if rng.random() < 0.05 else "regular",
            )
        )
    return records


def random_organisation(rng: random.Random) -> Organisation:
    spaces = tuple(
        Space(f"S{i}", rng.randint(1, 4), rng.choice([3.0, 5.0, 6.5, 10.0]))
        for i in range(rng.randint(1, 3))
    )
    sort = rng.choice(["label", "artist", "year"])
    sources = [Source("12s", sort, 0)]
    if rng.random() < 0.5:
        sources.append(Source(11, sort if rng.random() < 0.5 else "label", rng.choice([0, 1])))
        if sources[1].order == 0:
            sources[1] = Source(11, sort, 0)
    return Organisation(
        name="Random",
        spaces=spaces,
        sources=tuple(sources),
        density=rng.choice(["width", "width", "count", "discs"]),
        fill=rng.choice(["tight", "spread"]),
        grouping=rng.choice(["none", "label", "artist"]),
        look_ahead=rng.choice([0, 0, 1, 3, -1]),
        oversized=rng.choice(["area", "inline"]),
    )


def expected_order(definition: Organisation, records: list[Record]) -> list[Record]:
    ids = {"12s": 10}
    out: list[Record] = []
    for order in sorted({s.order for s in definition.sources}):
        folders = {ids.get(str(s.folder), s.folder) for s in definition.sources if s.order == order}
        sort = next(s.sort for s in definition.sources if s.order == order)
        out += sort_records([r for r in records if r.folder_id in folders], sort)
    return out


def check_invariants(definition: Organisation, records: list[Record], layout: Layout) -> None:
    stream = expected_order(definition, records)
    measures = widths_for(stream, SETTINGS, definition.density)
    widest = max(s.width for s in definition.spaces)
    placements = layout.placements

    # Every instance of the sources exactly once, nothing else.
    assert sorted(p.instance_id for p in placements) == sorted(r.instance_id for r in stream)
    # Shelf order: shelf, then oversized, then spill; index 1.. across; positions 1.. per slot.
    rank = {"shelf": 0, "oversized": 1, "spill": 2}
    assert [rank[p.area] for p in placements] == sorted(rank[p.area] for p in placements)
    assert [p.index for p in placements] == list(range(1, len(placements) + 1))
    by_slot: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for p in placements:
        by_slot[p.slot].append(p.position)
        assert p.width == measures[p.instance_id]
    assert all(positions == list(range(1, len(positions) + 1)) for positions in by_slot.values())
    # No unit over its width; the fills add up.
    for fill in layout.units:
        assert fill.used <= fill.capacity + 1e-9
        members = [
            p
            for p in placements
            if p.area == "shelf" and (p.space, p.unit) == (fill.space, fill.unit)
        ]
        assert fill.count == len(members)
        assert round(fill.used * SCALE) == sum(round(p.width * SCALE) for p in members)
    # The oversized area holds exactly the flagged (unless inline) and the too wide.
    flagged = definition.oversized == "area"
    oversized = [
        r.instance_id
        for r in stream
        if measures[r.instance_id] > widest or (flagged and r.size == "oversized")
    ]
    assert [p.instance_id for p in placements if p.area == "oversized"] == oversized
    # Shelf + spill follow the sort order, except what look-ahead pulled forward, and never by more than N.
    shelved = [r.instance_id for r in stream if r.instance_id not in set(oversized)]
    walked = [p.instance_id for p in placements if p.area != "oversized"]
    if definition.look_ahead == 0:
        assert walked == shelved
    elif definition.look_ahead > 0 and definition.grouping == "none":
        where = {instance: i for i, instance in enumerate(walked)}
        for i, instance in enumerate(shelved):
            overtaken = sum(1 for earlier in shelved[:i] if where[earlier] > where[instance])
            assert overtaken <= definition.look_ahead
    # Grouping: a run that fits in a unit stands in one unit (or all in spill).
    if definition.grouping != "none":
        slot_of = {p.instance_id: p.slot for p in placements}
        key = group_key(definition.grouping)
        run: list[Record] = []
        for record in [*(r for r in stream if r.instance_id in set(shelved)), None]:
            if run and (record is None or key(record) != key(run[0])):
                if sum(round(measures[r.instance_id] * SCALE) for r in run) <= round(
                    widest * SCALE
                ):
                    assert len({slot_of[r.instance_id] for r in run}) == 1
                run = []
            if record is not None:
                run.append(record)


@pytest.mark.parametrize("seed", range(6))
def test_invariants_hold_for_random_collections(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        records = random_collection(rng)
        definition = random_organisation(rng)
        layout = lay_out(definition, records, FOLDERS, SETTINGS)
        check_invariants(definition, records, layout)
        rng.shuffle(records)
        assert lay_out(definition, records, FOLDERS, SETTINGS) == layout


@pytest.mark.parametrize("seed", range(3))
def test_spread_is_never_fuller_than_tight_and_keeps_strict_order(seed: int) -> None:
    rng = random.Random(100 + seed)
    for _ in range(60):
        records = random_collection(rng)
        tight_definition = replace(random_organisation(rng), fill="tight")
        spread_definition = replace(tight_definition, fill="spread")
        tight = lay_out(tight_definition, records, FOLDERS, SETTINGS)
        spread = lay_out(spread_definition, records, FOLDERS, SETTINGS)
        check_invariants(spread_definition, records, spread)
        assert max(u.ratio for u in spread.units) <= max(u.ratio for u in tight.units) + 1e-9
        spilled = [p for p in tight.placements if p.area == "spill"]
        assert len([p for p in spread.placements if p.area == "spill"]) == len(spilled)
        if tight_definition.look_ahead == 0:
            assert [p.instance_id for p in spread.placements] == [
                p.instance_id for p in tight.placements
            ]
