"""The fast path of a collection item (discogs/parse_fast.py) decides nothing: for every item it
takes, the result is the checked parser's; every item it declines, the checked parser reads."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from unittest.mock import patch

import httpx
import pytest

from gramtui.discogs import BadResponse, parse, parse_fast
from gramtui.discogs.models import CollectionItem
from gramtui.sandbox import Sandbox, SandboxConfig, build_state

FIXTURES = Path(__file__).parents[1] / "fixtures" / "discogs"


def _checked(value: Any, folder: int | None = None) -> CollectionItem:
    """What the checked path alone makes of an item (the fast path switched off)."""
    with _fast_path_off():
        return parse.parse_collection_item(value, folder=folder)


def _fast_path_off() -> AbstractContextManager[object]:
    def declined(_value: Any, _folder: int | None) -> CollectionItem | None:
        return None

    return patch.object(parse_fast, "collection_item", declined)


def _same(a: CollectionItem, b: CollectionItem) -> bool:
    """Equal in every field, notes too (left out of CollectionItem's own equality)."""
    return a == b and a.notes == b.notes and type(a.rating) is type(b.rating)


def _recorded_items() -> Iterator[Any]:
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and "releases" in path.name:
            try:
                page = json.loads(path.read_text())
            except ValueError:
                continue
            yield from page.get("releases", [])


def _sandbox_items() -> list[Any]:
    config = SandboxConfig()
    sandbox = Sandbox(build_state(instances=300, listings=0, wants=0), config)
    user = sandbox.state.username
    items: list[Any] = []
    for page in (1, 2, 3):
        request = httpx.Request(
            "GET",
            f"https://api.discogs.com/users/{user}/collection/folders/0/releases",
            params={"page": page, "per_page": 100},
            headers={"Authorization": f"Discogs token={config.token}", "User-Agent": "tests"},
        )
        items += sandbox.handle(request).json()["releases"]
    return items


def test_recorded_and_sandbox_items_take_the_fast_path_with_the_checked_result() -> None:
    items = [*_recorded_items(), *_sandbox_items()]
    assert len(items) > 300
    for value in items:
        fast = parse_fast.collection_item(value, 0)
        assert fast is not None, value  # the usual item is the fast path's
        assert _same(fast, _checked(value, 0))


BASE: dict[str, Any] = {
    "instance_id": 11,
    "folder_id": 3,
    "date_added": "2015-05-27T17:42:11-07:00",
    "rating": 4,
    "notes": [{"field_id": 1, "value": "Mint"}, {"field_id": 2, "value": None}],
    "basic_information": {
        "id": 22,
        "title": "T",
        "year": 1999,
        "master_id": 0,
        "thumb": None,
        "artists": [{"name": "A", "anv": "", "join": ","}],
        "labels": [{"name": "L", "catno": "C-1"}],
        "formats": [{"name": "Vinyl", "qty": "2", "descriptions": ["LP"], "text": None}],
        "genres": ["Rock"],
        "styles": None,
    },
}


def _with(path: str, value: Any) -> dict[str, Any]:
    """BASE with the value at a dotted path ("basic_information.formats.0.qty") replaced;
    the value `...` deletes the key."""
    item = copy.deepcopy(BASE)
    *parents, last = path.split(".")
    node: Any = item
    for step in parents:
        node = node[int(step)] if isinstance(node, list) else node[step]
    if value is ...:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return item


# Irregular, yet read by the checked path: the fast path must decline each, not misread it.
DECLINED_BUT_READ: list[tuple[str, Any]] = [
    ("basic_information.formats.0.qty", " 2"),
    ("basic_information.formats.0.qty", 2.0),
    ("basic_information.year", "1999"),
    ("basic_information.year", 1999.0),
    ("basic_information.title", 42),
    ("basic_information.genres", ["Rock", 7]),
    ("basic_information.styles", ["Rock", None]),
    ("basic_information.artists.0.name", 5),
    ("notes.0.field_id", "1"),
    ("notes.1.value", 3),
    ("instance_id", "11"),
    ("rating", "4"),
]


@pytest.mark.parametrize(("path", "value"), DECLINED_BUT_READ)
def test_an_irregular_item_is_left_to_the_checked_path(path: str, value: Any) -> None:
    item = _with(path, value)
    assert parse_fast.collection_item(item, 5) is None
    assert _same(parse.parse_collection_item(item, folder=5), _checked(item, 5))


# Regular, in the less common shapes: the fast path's, with the checked result.
TAKEN: list[tuple[str, Any]] = [
    ("date_added", "2015-05-27"),
    ("date_added", None),
    ("date_added", ""),
    ("folder_id", ...),
    ("rating", None),
    ("notes", None),
    ("basic_information.formats.0.qty", ""),
    ("basic_information.formats.0.qty", 3),
    ("basic_information.formats.0.descriptions", ...),
    ("basic_information.labels", []),
    ("basic_information.year", 0),
]


@pytest.mark.parametrize(("path", "value"), [("", None), *TAKEN])
def test_a_regular_item_is_the_fast_paths_with_the_checked_result(path: str, value: Any) -> None:
    item = _with(path, value) if path else BASE
    fast = parse_fast.collection_item(item, 5)
    assert fast is not None and _same(fast, _checked(item, 5))


# Wrong answers: declined by the fast path, refused by the checked one with its own sentence.
REFUSED: list[tuple[str, Any]] = [
    ("instance_id", True),
    ("instance_id", None),
    ("basic_information.id", 2**63),
    ("basic_information.formats.0.qty", "two"),
    ("basic_information.formats", {"name": "Vinyl"}),
    ("basic_information.artists.0", "A"),
    ("notes.0.field_id", None),
    ("date_added", "yesterday"),
    ("basic_information", None),
]


@pytest.mark.parametrize(("path", "value"), REFUSED)
def test_a_wrong_item_is_refused_as_before(path: str, value: Any) -> None:
    item = _with(path, value)
    assert parse_fast.collection_item(item, 5) is None
    with pytest.raises(BadResponse) as fast_error:
        parse.parse_collection_item(item, "releases[3]", folder=5)
    with pytest.raises(BadResponse) as checked_error, _fast_path_off():
        parse.parse_collection_item(item, "releases[3]", folder=5)
    assert str(fast_error.value) == str(checked_error.value)
