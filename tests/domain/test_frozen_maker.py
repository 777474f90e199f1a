"""`maker(cls)`: the fast constructor the bulk readers use makes what the class itself makes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from gramtui.domain.frozen_maker import maker
from gramtui.domain.records import Artist, Format, Label, Record, Release, ShelfKeys
from gramtui.domain.rules.compile import Classification


def test_made_objects_equal_constructed_ones_field_for_field() -> None:
    release_args = (
        7,
        "Title",
        (Artist("A", "a", "&"),),
        (Label("L", "C 1"),),
        (Format("Vinyl", 2, ("LP",), "x"),),
        1999,
        ("Rock",),
        ("Punk",),
        5,
        1998,
        "t.jpg",
        ShelfKeys("l", "a", "t"),
    )
    release = maker(Release)(*release_args)
    assert release == Release(*release_args) and hash(release) == hash(Release(*release_args))
    assert release.shelf == ShelfKeys("l", "a", "t")  # compare=False: checked by hand
    added = datetime(2020, 1, 2, tzinfo=UTC)
    record = maker(Record)(1, release, 3, added, 4, {"F": "v"}, "oversized", 2.5)
    assert record == Record(1, release, 3, added, 4, {"F": "v"}, "oversized", 2.5)
    assert record.fields == {"F": "v"} and record.width == 2.5
    assert type(record) is Record
    assert maker(Classification)("f", "l", "d", 1, 2, 3) == Classification("f", "l", "d", 1, 2, 3)


def test_made_objects_stay_frozen() -> None:
    label = maker(Label)("L", "C")
    with pytest.raises(AttributeError):
        label.name = "other"  # type: ignore[misc]  # the point: frozen refuses it


@dataclass
class Plain:
    a: int


@dataclass(frozen=True)
class NoSlots:
    a: int


@dataclass(frozen=True, slots=True)
class WithPostInit:
    a: int
    b: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.b.append(self.a)


@pytest.mark.parametrize("cls", [Plain, NoSlots, WithPostInit])
def test_refuses_classes_it_would_build_wrong(cls: type) -> None:
    with pytest.raises(TypeError):
        maker(cls)
