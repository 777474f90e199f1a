"""Record widths: explicit > sleeve multiplier > format estimate > average of the known ones."""

from __future__ import annotations

import random

import pytest

from gramtui.domain.records import Format, Record, Release
from gramtui.domain.widths import (
    DEFAULT_DISC_WIDTHS,
    WidthSettings,
    disc_count,
    disc_kind,
    record_width,
    widths_for,
)

LP = Format("Vinyl", 1, ("LP", "Album"))
SETTINGS = WidthSettings(sleeve_multipliers={"Gatefold": 2.0, "Die-cut": 1.5})


def rec(
    instance_id: int,
    *formats: Format,
    fields: dict[str, str] | None = None,
    width: float | None = None,
) -> Record:
    release = Release(id=instance_id, title="T", formats=formats)
    return Record(instance_id, release, folder_id=1, fields=fields or {}, width=width)


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [
        (Format("Vinyl", 1, ("LP", "Album")), "lp"),
        (Format("Vinyl", 1, ('12"', "45 RPM")), "lp"),
        (Format("Vinyl", 1, ('10"', "78 RPM")), "10"),
        (Format("Shellac", 1, ('10"',)), "10"),
        (Format("Vinyl", 1, ('7"', "Single")), "7"),
        (Format("Vinyl", 1, ()), "lp"),
        (Format("CD", 1, ("Album",)), "cd"),
        (Format("CDr", 1, ()), "cd"),
        (Format("Cassette", 1, ("Album",)), "cassette"),
        (Format("Box Set", 1, ("Compilation",)), "box"),
        (Format("DVD", 1, ()), "other"),
        (Format("File", 1, ("MP3",)), None),
        (Format("All Media", 1, ()), None),
    ],
)
def test_kind_reads_descriptions_and_names(fmt: Format, kind: str | None) -> None:
    assert disc_kind(fmt) == kind


def test_explicit_width_in_the_app_wins() -> None:
    record = rec(1, LP, fields={"Width": "2.0", "Sleeve": "Gatefold"}, width=4.5)
    assert record_width(record, SETTINGS) == 4.5


@pytest.mark.parametrize(
    ("text", "width"), [("2.5", 2.5), ("2,5", 2.5), (" 3 cm", 3.0), ("1CM", 1.0)]
)
def test_explicit_width_from_the_custom_field(text: str, width: float) -> None:
    record = rec(1, LP, fields={"Width": text, "Sleeve": "Gatefold"})
    assert record_width(record, SETTINGS) == width


def test_the_width_field_name_is_configurable_and_unreadable_values_fall_through() -> None:
    settings = WidthSettings(width_field="Spine")
    assert record_width(rec(1, LP, fields={"Spine": "0.9", "Width": "5"}), settings) == 0.9
    assert record_width(rec(2, LP, fields={"Spine": "thick"}), settings) == 0.35
    assert record_width(rec(3, LP, fields={"Spine": "0"}), settings) == 0.35


def test_sleeve_multiplier_scales_the_format_estimate() -> None:
    two_lps = Format("Vinyl", 2, ("LP",))
    assert record_width(rec(1, two_lps, fields={"Sleeve": "Gatefold"}), SETTINGS) == pytest.approx(
        1.4
    )
    assert record_width(rec(2, two_lps, fields={"Sleeve": "Generic"}), SETTINGS) == pytest.approx(
        0.7
    )
    other_field = WidthSettings(sleeve_field="Cover", sleeve_multipliers={"Gatefold": 2.0})
    assert record_width(rec(3, LP, fields={"Cover": "Gatefold"}), other_field) == pytest.approx(0.7)


def test_format_estimate_sums_per_disc_widths_times_quantity() -> None:
    box = rec(1, Format("Box Set", 1, ()), Format("Vinyl", 5, ("LP",)), Format("File", 1, ("MP3",)))
    assert record_width(box, SETTINGS) == pytest.approx(1.0 + 5 * 0.35)
    lp_and_cd = rec(2, LP, Format("CD", 2, ()))
    assert record_width(lp_and_cd, SETTINGS) == pytest.approx(0.35 + 2 * 1.0)
    assert record_width(rec(3, Format("Vinyl", 0, ('7"',))), SETTINGS) == pytest.approx(0.25)


def test_per_disc_widths_are_configurable_and_partial_settings_keep_the_defaults() -> None:
    settings = WidthSettings(disc_widths={"lp": 0.5})
    assert record_width(rec(1, Format("Vinyl", 2, ("LP",))), settings) == pytest.approx(1.0)
    assert record_width(rec(2, Format("CD", 1, ())), settings) == DEFAULT_DISC_WIDTHS["cd"]


def test_nothing_known_gives_none() -> None:
    assert record_width(rec(1), SETTINGS) is None
    assert record_width(rec(2, Format("File", 1, ("FLAC",))), SETTINGS) is None


def test_widths_for_fills_unknown_with_the_average_of_known() -> None:
    records = [rec(1, width=1.0), rec(2, width=2.0), rec(3, fields={"Width": "3"}), rec(4), rec(5)]
    assert widths_for(records, SETTINGS) == {1: 1.0, 2: 2.0, 3: 3.0, 4: 2.0, 5: 2.0}


def test_widths_for_uses_the_fallback_when_nothing_is_known() -> None:
    settings = WidthSettings(fallback_width=0.42)
    assert widths_for([rec(1), rec(2)], settings) == {1: 0.42, 2: 0.42}
    assert widths_for([], settings) == {}


def test_widths_are_rounded_to_thousandths_and_never_zero() -> None:
    widths = widths_for([rec(1, width=0.12345), rec(2, width=0.0001)], SETTINGS)
    assert widths == {1: 0.123, 2: 0.001}
    assert all(isinstance(w, float) for w in widths.values())


def test_the_average_does_not_depend_on_input_order() -> None:
    rng = random.Random(7)
    records = [rec(n, width=rng.uniform(0.1, 3.0)) for n in range(200)] + [
        rec(n) for n in range(200, 210)
    ]
    expected = widths_for(records, SETTINGS)
    for _ in range(20):
        rng.shuffle(records)
        assert widths_for(records, SETTINGS) == expected


def test_count_density_measures_every_record_as_one() -> None:
    records = [rec(1, Format("Vinyl", 3, ("LP",)), width=9.0), rec(2)]
    assert widths_for(records, SETTINGS, "count") == {1: 1.0, 2: 1.0}


def test_discs_density_counts_physical_discs() -> None:
    box = rec(1, Format("Box Set", 1, ()), Format("Vinyl", 4, ("LP",)), Format("File", 1, ()))
    records = [box, rec(2, Format("Vinyl", 2, ("LP",)), Format("CD", 1, ())), rec(3)]
    assert widths_for(records, SETTINGS, "discs") == {1: 4.0, 2: 3.0, 3: 1.0}
    assert disc_count(rec(4, Format("Box Set", 1, ()))) == 1
