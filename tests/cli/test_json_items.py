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
