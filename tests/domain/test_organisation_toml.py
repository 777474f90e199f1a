"""Organisation definitions: parsing the TOML structure, refusing bad ones, writing them back."""

from __future__ import annotations

import copy
import tomllib

import pytest

from gramtui.domain.organisation import (
    Organisation,
    OrganisationError,
    Source,
    Space,
    check_organisations,
    dump_organisations,
    parse_organisations,
)
from gramtui.domain.records import Folder

FOLDERS = [Folder(0, "All"), Folder(1, "Uncategorized"), Folder(10, "12s"), Folder(11, "7s")]

EXAMPLE = """
[[organisation]]
name = "Main Shelves"
density = "width"   # count | discs | width
fill = "tight"      # tight | spread
grouping = "none"   # none | label | artist
look_ahead = 0      # 0 strict order, N records, -1 unlimited
[[organisation.source]]
folder = "12s"      # folder name or id
sort = "label"      # label | artist | year | earliest_year | added
order = 0
[[organisation.space]]
name = "Kallax"
units = 8
width = 33.0        # cm
"""


def parse(text: str) -> list[Organisation]:
    return parse_organisations(tomllib.loads(text), FOLDERS)


def minimal(**org: object) -> dict[str, object]:
    table: dict[str, object] = {
        "name": "Shelves",
        "source": [{"folder": "12s"}],
        "space": [{"name": "Kallax", "units": 4, "width": 33.0}],
    }
    table.update(org)
    return {"organisation": [table]}


def test_the_issue_example_parses() -> None:
    assert parse(EXAMPLE) == [
        Organisation(
            name="Main Shelves",
            spaces=(Space("Kallax", 8, 33.0),),
            sources=(Source("12s", "label", 0),),
        )
    ]


def test_defaults_and_integer_width_and_folder_id() -> None:
    data = minimal(source=[{"folder": 11}], space=[{"name": "Box", "units": 1, "width": 40}])
    (org,) = parse_organisations(data, FOLDERS)
    assert (org.density, org.fill, org.grouping, org.look_ahead, org.oversized) == (
        "width",
        "tight",
        "none",
        0,
        "area",
    )
    assert org.sources == (Source(11, "label", 0),)
    assert org.spaces[0].width == 40.0 and isinstance(org.spaces[0].width, float)


def test_no_organisation_table_means_none_and_other_sections_are_left_alone() -> None:
    assert parse_organisations({"printer": {"width": 42}}, FOLDERS) == []


def test_dump_parses_back_equal() -> None:
    orgs = [
        Organisation(
            name='Living "room" \\ wall\tA\x7f\x01 é ♫',
            spaces=(
                Space("Kallax", 8, 33.0),
                Space("Tiny shelf", 1, 0.1),
                Space("Huge", 2, 9999.999999),
            ),
            sources=(Source("12s", "artist", 0), Source(11, "year", 2)),
            density="discs",
            fill="spread",
            grouping="artist",
            look_ahead=-1,
            oversized="inline",
        ),
        Organisation(
            name="Singles",
            spaces=(Space("Crate", 3, 25.5),),
            sources=(Source(1, "added", 0),),
            look_ahead=7,
        ),
    ]
    text = dump_organisations(orgs)
    assert parse(text) == orgs
    assert dump_organisations(parse(text)) == text


def test_dump_of_the_example_uses_the_issue_keys() -> None:
    text = dump_organisations(parse(EXAMPLE))
    for line in ("[[organisation]]", "[[organisation.source]]", "[[organisation.space]]"):
        assert line in text
    assert 'folder = "12s"' in text and "width = 33.0" in text


def test_parsing_does_not_change_the_input() -> None:
    data = tomllib.loads(EXAMPLE)
    before = copy.deepcopy(data)
    parse_organisations(data, FOLDERS)
    assert data == before


BAD: list[tuple[str, dict[str, object], str]] = [
    ("unknown folder name", minimal(source=[{"folder": "Tapes"}]), 'unknown folder "Tapes"'),
    ("unknown folder id", minimal(source=[{"folder": 99}]), "unknown folder id 99"),
    ("folder All", minimal(source=[{"folder": 0}]), '("All")'),
    ("folder All by name", minimal(source=[{"folder": "All"}]), 'unknown folder "All"'),
    ("space without units", minimal(space=[{"name": "K", "width": 3.0}]), "no units"),
    ("zero units", minimal(space=[{"name": "K", "units": 0, "width": 3.0}]), "0 units"),
    ("negative width", minimal(space=[{"name": "K", "units": 2, "width": -3.0}]), "width -3.0"),
    ("zero width", minimal(space=[{"name": "K", "units": 2, "width": 0}]), "width 0.0"),
    ("infinite width", minimal(space=[{"name": "K", "units": 2, "width": float("inf")}]), "inf"),
    ("no width", minimal(space=[{"name": "K", "units": 2}]), "no width"),
    ("no spaces", minimal(space=[]), "has no space"),
    ("no sources", minimal(source=[]), "has no source"),
    ("unknown org key", minimal(colour="red"), "unknown key 'colour'"),
    ("unknown source key", minimal(source=[{"folder": "12s", "sorting": "label"}]), "'sorting'"),
    (
        "unknown space key",
        minimal(space=[{"name": "K", "units": 1, "width": 1.0, "depth": 3}]),
        "'depth'",
    ),
    (
        "unknown sort",
        minimal(source=[{"folder": "12s", "sort": "colour"}]),
        "unknown sort 'colour'",
    ),
    ("unknown density", minimal(density="weight"), "unknown density 'weight'"),
    ("unknown fill", minimal(fill="loose"), "unknown fill 'loose'"),
    ("unknown grouping", minimal(grouping="genre"), "unknown grouping 'genre'"),
    ("unknown oversized", minimal(oversized="floor"), "unknown oversized 'floor'"),
    ("look_ahead below -1", minimal(look_ahead=-2), "look_ahead is -2"),
    ("look_ahead not a number", minimal(look_ahead="3"), "look_ahead must be a whole number"),
    ("look_ahead a bool", minimal(look_ahead=True), "look_ahead must be a whole number"),
    ("units a float", minimal(space=[{"name": "K", "units": 2.5, "width": 1.0}]), "units must be"),
    ("width a string", minimal(space=[{"name": "K", "units": 2, "width": "33"}]), "width must be"),
    ("folder a float", minimal(source=[{"folder": 1.5}]), "folder must be"),
    ("folder missing", minimal(source=[{"sort": "label"}]), "has no folder"),
    ("order a string", minimal(source=[{"folder": "12s", "order": "1"}]), "order must be"),
    ("space a string", minimal(space="Kallax"), "array of tables"),
    ("space without name", minimal(space=[{"units": 2, "width": 3.0}]), "space #1 has no name"),
    (
        "two spaces one name",
        minimal(
            space=[{"name": "K", "units": 1, "width": 1.0}, {"name": "K", "units": 1, "width": 2.0}]
        ),
        'two spaces are named "K"',
    ),
    (
        "folder twice",
        minimal(source=[{"folder": "12s"}, {"folder": 10}]),
        "listed twice",
    ),
    (
        "merged sources sorting differently",
        minimal(source=[{"folder": "12s", "sort": "label"}, {"folder": "7s", "sort": "year"}]),
        "merged but sort differently",
    ),
]


@pytest.mark.parametrize(("case", "data", "expected"), BAD, ids=[case for case, _, _ in BAD])
def test_bad_definitions_are_refused_naming_the_organisation(
    case: str, data: dict[str, object], expected: str
) -> None:
    with pytest.raises(OrganisationError) as caught:
        parse_organisations(data, FOLDERS)
    assert expected in str(caught.value)
    assert '"Shelves"' in str(caught.value)


def test_an_organisation_without_a_name_is_refused() -> None:
    data = minimal()
    del data["organisation"][0]["name"]  # type: ignore[index]
    with pytest.raises(OrganisationError, match="#1 has no name"):
        parse_organisations(data, FOLDERS)


def test_organisation_must_be_an_array_of_tables() -> None:
    with pytest.raises(OrganisationError, match="array of tables"):
        parse_organisations({"organisation": {"name": "x"}}, FOLDERS)


def test_duplicate_organisation_names_are_refused() -> None:
    text = EXAMPLE + EXAMPLE.replace('"12s"', '"7s"')
    with pytest.raises(OrganisationError, match='Two organisations are named "Main Shelves"'):
        parse(text)


def test_two_organisations_claiming_one_folder_are_refused_by_name_or_id() -> None:
    text = EXAMPLE + EXAMPLE.replace("Main Shelves", "Other").replace('"12s"', "10")
    with pytest.raises(OrganisationError) as caught:
        parse(text)
    message = str(caught.value)
    assert 'Organisation "Other"' in message and '"12s"' in message
    assert 'organisation "Main Shelves"' in message


def test_ambiguous_folder_names_ask_for_the_id() -> None:
    folders = [*FOLDERS, Folder(12, "12s")]
    with pytest.raises(OrganisationError, match="2 folders are named"):
        parse_organisations(minimal(), folders)
    (org,) = parse_organisations(minimal(source=[{"folder": 12}]), folders)
    assert org.sources[0].folder == 12


def test_check_refuses_objects_built_in_code_too() -> None:
    org = Organisation("Code", (Space("S", 1, 10.0),), (Source("12s"),), fill="loose")  # type: ignore[arg-type]
    with pytest.raises(OrganisationError, match="unknown fill"):
        check_organisations([org], FOLDERS)
