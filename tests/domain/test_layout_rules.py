"""The layout's must-holds, each a test; the reference implementation's failure modes included."""

from __future__ import annotations

import copy
import random
from dataclasses import replace

import pytest

from gramtui.domain.layout import Layout, LayoutError, lay_out, locate
from gramtui.domain.organisation import Organisation, OrganisationError, Source, Space
from gramtui.domain.placement import Placement
from gramtui.domain.records import Artist, Folder, Format, Label, Record, Release
from gramtui.domain.widths import WidthSettings

FOLDERS = (Folder(1, "Uncategorized"), Folder(10, "12s"), Folder(11, "7s"), Folder(12, "Boxes"))
SETTINGS = WidthSettings()


def rec(
    instance_id: int,
    width: float | None = 1.0,
    *,
    label: str = "Label",
    catno: str | None = None,
    folder: int = 10,
    oversized: bool = False,
    formats: tuple[Format, ...] = (),
) -> Record:
    """A record whose catalogue number puts it in instance-id order unless told otherwise."""
    catno = f"CAT-{instance_id}" if catno is None else catno
    release = Release(
        id=instance_id, title=f"T{instance_id}", labels=(Label(label, catno),), formats=formats
    )
    return Record(
        instance_id,
        release,
        folder_id=folder,
        width=width,
        size="oversized" if oversized else "regular",
    )


def org(units: int = 3, width: float = 10.0, **options: object) -> Organisation:
    base = Organisation("Shelves", (Space("Kallax", units, width),), (Source("12s"),))
    return replace(base, **options)  # type: ignore[arg-type]


def shelf(layout: Layout) -> list[list[int]]:
    """Instance ids per unit, units in order."""
    out: dict[tuple[str, int], list[int]] = {(u.space, u.unit): [] for u in layout.units}
    for p in layout.placements:
        if p.area == "shelf":
            out[(p.space, p.unit)].append(p.instance_id)
    return list(out.values())


def area(layout: Layout, name: str) -> list[int]:
    return [p.instance_id for p in layout.placements if p.area == name]


def test_every_instance_of_the_sources_appears_exactly_once_and_others_are_ignored() -> None:
    records = [rec(n, 2.5) for n in range(1, 21)] + [rec(100, folder=11), rec(101, folder=1)]
    layout = lay_out(org(), records, FOLDERS, SETTINGS)
    placed = [p.instance_id for p in layout.placements]
    assert sorted(placed) == list(range(1, 21))
    assert shelf(layout) == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    assert area(layout, "spill") == list(range(13, 21))


def test_no_unit_holds_more_than_its_width_and_a_record_wider_than_every_unit_is_oversized() -> (
    None
):
    records = [rec(1, 6.0), rec(2, 5.0), rec(3, 10.5), rec(4, 4.0), rec(5, 10.0)]
    layout = lay_out(org(units=4), records, FOLDERS, SETTINGS)
    assert shelf(layout) == [[1], [2, 4], [5], []]
    assert area(layout, "oversized") == [3]
    for fill in layout.units:
        assert fill.used <= fill.capacity
    assert [(u.used, u.count) for u in layout.units] == [(6.0, 1), (9.0, 2), (10.0, 1), (0.0, 0)]


@pytest.mark.parametrize("look_ahead", [0, 1, 2, 5, -1])
def test_look_ahead_never_places_a_record_twice(look_ahead: int) -> None:
    records = [rec(1, 3.0), rec(2, 20.0), rec(3, 3.0)]
    layout = lay_out(org(look_ahead=look_ahead), records, FOLDERS, SETTINGS)
    assert sorted(p.instance_id for p in layout.placements) == [1, 2, 3]
    assert shelf(layout) == [[1, 3], [], []]
    assert area(layout, "oversized") == [2]
    assert area(layout, "spill") == []


def test_look_ahead_fills_the_gap_without_duplicating_a_record() -> None:
    records = [rec(1, 3.0), rec(2, 8.0), rec(3, 3.0)]
    assert shelf(lay_out(org(), records, FOLDERS, SETTINGS)) == [[1], [2], [3]]
    assert shelf(lay_out(org(look_ahead=1), records, FOLDERS, SETTINGS)) == [[1, 3], [2], []]


def test_look_ahead_reaches_only_n_records_and_unlimited_reaches_all() -> None:
    records = [rec(1, 3.0), rec(2, 8.0), rec(3, 8.0), rec(4, 8.0), rec(5, 3.0)]
    # Record 5 is the third record after record 2, the one that does not fit unit 1.
    short = lay_out(org(units=4, look_ahead=2), records, FOLDERS, SETTINGS)
    assert shelf(short) == [[1], [2], [3], [4]]
    assert area(short, "spill") == [5]
    for reach in (3, -1):
        layout = lay_out(org(units=4, look_ahead=reach), records, FOLDERS, SETTINGS)
        assert shelf(layout) == [[1, 5], [2], [3], [4]]


def test_unlimited_look_ahead_pulls_small_records_from_far_away() -> None:
    records = [rec(n, 4.0) for n in range(1, 51)] + [rec(51, 2.0), rec(52, 2.0)]
    layout = lay_out(org(units=30, look_ahead=-1), records, FOLDERS, SETTINGS)
    assert shelf(layout)[0] == [1, 2, 51]
    assert shelf(layout)[1] == [3, 4, 52]


@pytest.mark.parametrize("how", ["flagged", "wider than every unit"])
def test_one_oversized_record_does_not_move_any_later_record_to_spill(how: str) -> None:
    records = [rec(n, 5.0) for n in range(1, 7)]
    box = (
        rec(99, 3.0, catno="CAT-3.5", oversized=True)
        if how == "flagged"
        else rec(99, 50.0, catno="CAT-3.5")
    )
    layout = lay_out(org(), [*records, box], FOLDERS, SETTINGS)
    assert shelf(layout) == [[1, 2], [3, 4], [5, 6]]
    assert area(layout, "oversized") == [99]
    assert area(layout, "spill") == []


def test_inline_shelves_flagged_records_but_never_ones_wider_than_every_unit() -> None:
    records = [rec(1, 4.0), rec(2, 4.0, oversized=True), rec(3, 11.0, oversized=True)]
    layout = lay_out(org(oversized="inline"), records, FOLDERS, SETTINGS)
    assert shelf(layout) == [[1, 2], [], []]
    assert area(layout, "oversized") == [3]


def test_catalogue_number_variants_are_shelved_in_number_order() -> None:
    records = [rec(1, catno="MPI/LP 521"), rec(2, catno="MPI/LP - 512"), rec(3, catno="MPI/LP-519")]
    records += [rec(4, label="ABC", catno="ABC-10"), rec(5, label="ABC", catno="ABC-9")]
    layout = lay_out(org(), records, FOLDERS, SETTINGS)
    assert [p.instance_id for p in layout.placements] == [5, 4, 2, 3, 1]


def test_the_same_input_gives_the_same_layout_and_hash_also_shuffled() -> None:
    rng = random.Random(12)
    records = [
        rec(n, rng.choice([0.3, 0.35, 1.0, 2.5]), catno=f"X-{rng.randint(1, 9)}")
        for n in range(300)
    ]
    definition = org(units=20, width=33.0, fill="spread", grouping="label", look_ahead=3)
    first = lay_out(definition, records, FOLDERS, SETTINGS)
    for _ in range(5):
        rng.shuffle(records)
        again = lay_out(definition, records, FOLDERS, SETTINGS)
        assert again == first
        assert again.hash == first.hash
    assert len(first.hash) == 64
    moved = lay_out(definition, records[:-1], FOLDERS, SETTINGS)
    assert moved.hash != first.hash


def test_nothing_passed_in_is_changed() -> None:
    records = [rec(n, 2.0 + n % 3, oversized=n == 4) for n in range(1, 30)]
    records.append(
        replace(rec(40, None, formats=(Format("Vinyl", 2, ("LP",)),)), fields={"Width": "x"})
    )
    definition = Organisation(
        "Shelves",
        (Space("Kallax", 2, 10.0), Space("Crate", 1, 6.0)),
        (Source("12s", "label", 1), Source(11, "label", 1), Source("Boxes", "year", 0)),
        fill="spread",
        grouping="label",
        look_ahead=-1,
    )
    settings = WidthSettings(sleeve_multipliers={"Gatefold": 2.0})
    folders = list(FOLDERS)
    snapshot = copy.deepcopy((definition, records, folders, settings))
    lay_out(definition, records, folders, settings)
    assert (definition, records, folders, settings) == snapshot
    assert [r.fields for r in records] == [r.fields for r in snapshot[1]]


def test_spread_keeps_the_order_and_no_unit_is_fuller_than_under_tight() -> None:
    records = [rec(n, 1.0) for n in range(1, 16)]
    tight = lay_out(org(), records, FOLDERS, SETTINGS)
    spread = lay_out(org(fill="spread"), records, FOLDERS, SETTINGS)
    assert shelf(tight) == [list(range(1, 11)), list(range(11, 16)), []]
    assert shelf(spread) == [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15]]
    assert [p.instance_id for p in spread.placements] == [p.instance_id for p in tight.placements]
    assert max(u.ratio for u in spread.units) <= max(u.ratio for u in tight.units)


def test_spread_falls_back_to_tight_when_the_shelves_are_full() -> None:
    records = [rec(n, 4.0) for n in range(1, 10)]
    tight = lay_out(org(), records, FOLDERS, SETTINGS)
    assert lay_out(org(fill="spread"), records, FOLDERS, SETTINGS).placements == tight.placements


def test_grouping_moves_a_whole_run_to_the_next_unit() -> None:
    records = [
        rec(1, 4.0, label="A"),
        rec(2, 4.0, label="B"),
        rec(3, 3.0, label="B"),
        rec(4, 2.0, label="C"),
    ]
    assert shelf(lay_out(org(), records, FOLDERS, SETTINGS)) == [[1, 2], [3, 4], []]
    assert shelf(lay_out(org(grouping="label"), records, FOLDERS, SETTINGS)) == [[1], [2, 3, 4], []]


def test_a_run_wider_than_a_unit_is_split_like_plain_records() -> None:
    records = [rec(1, 4.0, label="A")] + [rec(n, 4.0, label="B") for n in range(2, 6)]
    assert shelf(lay_out(org(grouping="label"), records, FOLDERS, SETTINGS)) == [
        [1, 2],
        [3, 4],
        [5],
    ]


def test_grouping_by_artist_uses_the_filing_name() -> None:
    def by(instance_id: int, artist: str, width: float) -> Record:
        record = rec(instance_id, width)
        return replace(record, release=replace(record.release, artists=(Artist(artist),)))

    records = [by(1, "Abba", 5.0), by(2, "The Beatles", 3.0), by(3, "Beatles, The", 3.0)]
    definition = org(grouping="artist", sources=(Source("12s", "artist"),))
    assert shelf(lay_out(definition, records, FOLDERS, SETTINGS)) == [[1], [2, 3], []]


def test_sources_with_one_order_are_merged_and_lower_orders_come_first() -> None:
    definition = org(
        units=1,
        width=100.0,
        sources=(Source("7s", "label", 1), Source("12s", "label", 1), Source("Boxes", "label", 0)),
    )
    records = [
        rec(1, folder=10),
        rec(2, folder=11),
        rec(3, folder=10),
        rec(4, folder=12),
        rec(5, folder=12),
    ]
    layout = lay_out(definition, records, FOLDERS, SETTINGS)
    assert shelf(layout) == [[4, 5, 1, 2, 3]]


def test_spaces_are_filled_in_order_and_placements_number_within_units_and_areas() -> None:
    definition = org(spaces=(Space("Top", 1, 5.0), Space("Bottom", 2, 3.0)))
    records = [rec(n, 2.0) for n in range(1, 8)] + [rec(20, 9.0)]
    layout = lay_out(definition, records, FOLDERS, SETTINGS)
    assert layout.placements == (
        Placement(1, "Top", 1, 1, 1, 2.0),
        Placement(2, "Top", 1, 2, 2, 2.0),
        Placement(3, "Bottom", 1, 1, 3, 2.0),
        Placement(4, "Bottom", 2, 1, 4, 2.0),
        Placement(20, "", 0, 1, 5, 9.0, "oversized"),
        Placement(5, "", 0, 1, 6, 2.0, "spill"),
        Placement(6, "", 0, 2, 7, 2.0, "spill"),
        Placement(7, "", 0, 3, 8, 2.0, "spill"),
    )
    assert [(u.space, u.unit, u.capacity) for u in layout.units] == [
        ("Top", 1, 5.0),
        ("Bottom", 1, 3.0),
        ("Bottom", 2, 3.0),
    ]


def test_a_record_too_wide_for_a_small_space_waits_for_a_wider_one() -> None:
    definition = org(spaces=(Space("Small", 1, 3.0), Space("Big", 1, 10.0)))
    layout = lay_out(definition, [rec(1, 5.0), rec(2, 1.0)], FOLDERS, SETTINGS)
    assert shelf(layout) == [[], [1, 2]]


def test_count_density_reads_unit_width_as_a_number_of_records() -> None:
    records = [rec(n, 9.0) for n in range(1, 8)]
    layout = lay_out(org(width=3.0, density="count"), records, FOLDERS, SETTINGS)
    assert shelf(layout) == [[1, 2, 3], [4, 5, 6], [7]]
    assert all(p.width == 1.0 for p in layout.placements)


def test_discs_density_counts_discs_and_oversizes_a_box_with_more_discs_than_a_unit() -> None:
    double = (Format("Vinyl", 2, ("LP",)),)
    box = (Format("Box Set", 1, ()), Format("Vinyl", 5, ("LP",)))
    records = [
        rec(1, formats=double),
        rec(2, formats=double),
        rec(3, formats=box),
        rec(4, formats=double),
    ]
    layout = lay_out(org(width=4.0, density="discs"), records, FOLDERS, SETTINGS)
    assert shelf(layout) == [[1, 2], [4], []]
    assert area(layout, "oversized") == [3]


def test_locate_gives_the_place_and_neighbours_in_the_same_unit_only() -> None:
    layout = lay_out(org(), [rec(n, 2.0) for n in range(1, 13)], FOLDERS, SETTINGS)
    found = locate(layout, 3)
    assert found is not None
    assert (found.placement.unit, found.placement.position) == (1, 3)
    assert (found.before, found.after) == ((1, 2), (4, 5))
    edge = locate(layout, 5, n=3)
    assert edge is not None and (edge.before, edge.after) == ((2, 3, 4), ())
    assert locate(layout, 6, n=1) == locate(layout, 6, n=1)
    assert locate(layout, 6, n=1).before == ()  # type: ignore[union-attr]
    assert locate(layout, 999) is None
    assert layout.find(7) == Placement(7, "Kallax", 2, 2, 7, 2.0)
    assert layout.find(999) is None


def test_handing_an_instance_twice_is_an_error() -> None:
    with pytest.raises(LayoutError, match="Instance 1 was handed to the layout twice"):
        lay_out(org(), [rec(1), rec(1)], FOLDERS, SETTINGS)


def test_a_source_folder_that_no_longer_exists_is_an_error() -> None:
    with pytest.raises(OrganisationError, match='unknown folder "12s"'):
        lay_out(org(), [rec(1)], (Folder(1, "Uncategorized"),), SETTINGS)


def test_an_empty_collection_lays_out_empty_units() -> None:
    layout = lay_out(org(fill="spread", look_ahead=-1, grouping="label"), [], FOLDERS, SETTINGS)
    assert layout.placements == ()
    assert [u.count for u in layout.units] == [0, 0, 0]
