"""`emit_json_items` on a pipe: each item exactly as the json module's compact encoder writes it
(the item encoder is built once, not per item, and must not change a byte)."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest

from gramtui.commands import output

ITEMS: list[object] = [
    {"instance_id": 1, "classification": None, "folder": 'Ünsorted "12"\n', "n": 1.5},
    {"when": datetime(2024, 5, 1, 12, 0, tzinfo=UTC), "day": date(2024, 5, 2)},
    {"tags": frozenset({"x"}), "pair": (1, 2), "odd": [float("inf"), -0.0, True, "\x01"]},
    "a string",
    7,
    None,
    [],
]


def test_items_on_a_pipe_match_the_compact_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()  # not a terminal: the compact form, one item a line
    monkeypatch.setattr("sys.stdout", out)
    output.emit_json_items(iter(ITEMS))
    encoder = json.JSONEncoder(default=output._default, ensure_ascii=False)
    expected = "[\n" + ",\n".join(encoder.encode(item) for item in ITEMS) + "\n]\n"
    assert out.getvalue() == expected


def test_a_circular_item_is_refused_as_json_refuses_it() -> None:
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        output._compact_item_encoder()(loop)
    assert output._compact_item_encoder()({"after": [1]}) == '{"after": [1]}'


KEYS = ("instance_id", 'odd "key" {0} %s', "folder", "none")
ROWS: list[tuple[str | int | None, ...]] = [
    (1, 'Ünsorted "12"\n\x01 {0} {}', "F", None),
    (-(2**70), "", "\u2028 tab\t", None),
    (True, "x", "y", 3),  # a bool is an int to Python but `true` to JSON
    (1, "x", None, True),  # ... and equal to 1: neither may take the other's text
    (0, "F", "F", None),
]


@pytest.mark.parametrize("rows", [ROWS, []])
def test_rows_on_a_pipe_are_the_items_as_dicts(
    monkeypatch: pytest.MonkeyPatch, rows: list[tuple[str | int | None, ...]]
) -> None:
    as_rows, as_items = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", as_rows)
    output.emit_json_rows(KEYS, iter(rows))
    monkeypatch.setattr("sys.stdout", as_items)
    output.emit_json_items(dict(zip(KEYS, row, strict=True)) for row in rows)
    assert as_rows.getvalue() == as_items.getvalue()
    assert json.loads(as_rows.getvalue()) == [dict(zip(KEYS, row, strict=True)) for row in rows]
