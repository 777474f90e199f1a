"""How commands print: readable text by default, JSON with --json, errors as one sentence.

Text output quotes Discogs data (titles, server messages): `say` and `fail` make every control
character visible (gramtui.domain.text.printable), so nothing from outside reaches the terminal
as an escape code. JSON is left as the data is: its encoder escapes control characters itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from gramtui.domain.text import printable

if TYPE_CHECKING:
    import json


def _default(o: Any) -> Any:
    from datetime import date, datetime

    if isinstance(o, datetime | date):
        return o.isoformat()
    if isinstance(o, set | frozenset | tuple):
        return list(o)
    raise TypeError(f"cannot encode {type(o).__name__}")


@cache
def _encoder(indented: bool) -> json.JSONEncoder:
    """The encoder, made on first use (json is imported then: `--help` never needs it)."""
    import json

    return json.JSONEncoder(default=_default, ensure_ascii=False, indent=2 if indented else None)


@cache
def _compact_item_encoder() -> Callable[[Any], str]:
    """What `_encoder(False).encode` does for one item, without its per-call set-up: each call
    builds the C encoder anew, a third of the time of encoding 50,000 small records."""
    from json import encoder as json_encoder

    enc = _encoder(False)
    # not in the stubs (the C half of the json package): looked up by name, typed here
    make: Callable[..., Callable[[Any, int], Iterable[str]]] | None = getattr(
        json_encoder, "c_make_encoder", None
    )
    if make is None:  # no C accelerator in this Python
        return enc.encode
    markers: dict[int, object] = {}  # circular-reference check: emptied as each item ends
    one = make(
        markers,
        enc.default,
        json_encoder.encode_basestring,  # ensure_ascii=False
        None,
        enc.key_separator,
        enc.item_separator,
        enc.sort_keys,
        enc.skipkeys,
        enc.allow_nan,
    )

    def encode(item: Any) -> str:
        try:
            return "".join(one(item, 0))
        except BaseException:
            markers.clear()  # an item that failed half way leaves its containers' marks behind
            raise

    return encode


_ITEMS_PER_WRITE = 500  # a long array goes out in a few big writes, not one per item


def emit_json(data: Any) -> None:
    """Indented on a terminal, for reading. On a pipe compact, a list one item a line: the
    indenting encoder is pure Python and several times slower than the C one at 50,000 items."""
    if isinstance(data, list | tuple):
        emit_json_items(data)
    else:
        sys.stdout.write(_encoder(sys.stdout.isatty()).encode(data) + "\n")


def emit_json_items(items: Iterable[Any]) -> None:
    """A JSON array written item by item as the items come, so a long one never sits in memory;
    on a terminal exactly what `emit_json` indents, on a pipe one compact item a line."""
    indent = sys.stdout.isatty()
    encode = _encoder(True).encode if indent else _compact_item_encoder()
    chunk: list[str] = ["["]
    sep = "\n"
    for item in items:
        text = encode(item)
        chunk.append(sep + ("  " + text.replace("\n", "\n  ") if indent else text))
        sep = ",\n"
        if len(chunk) >= _ITEMS_PER_WRITE:
            sys.stdout.write("".join(chunk))
            chunk.clear()
    chunk.append("\n]\n" if sep != "\n" or not indent else "]\n")
    sys.stdout.write("".join(chunk))


JsonScalar = str | int | None


class _ValueTexts(dict[JsonScalar, str]):
    """Each value as JSON, remembered for text and null (a column of classifications or folders
    repeats a few values); a number is written as it comes. Only str and None are kept as keys:
    1, 1.0 and True are equal keys with different texts."""

    def __init__(self, encode: Callable[[Any], str]) -> None:
        super().__init__()
        self.encode = encode

    def __missing__(self, value: JsonScalar) -> str:
        if type(value) is int:
            return int.__repr__(value)
        text = self.encode(value)  # anything else as the encoder writes it (a bool: true)
        if type(value) is str or value is None:
            if len(self) >= 4096:
                self.clear()
            self[value] = text
        return text


def emit_json_rows(keys: Sequence[str], rows: Iterable[Sequence[JsonScalar]]) -> None:
    """`emit_json_items` of one `{key: value}` object per row, for rows of plain values: on a pipe
    each object is written from a template made once, each distinct text escaped once, so no dict
    is built and no encoder runs per row; the bytes are the same (tests/cli checks)."""
    if sys.stdout.isatty():
        emit_json_items(dict(zip(keys, row, strict=True)) for row in rows)
        return
    from json.encoder import encode_basestring  # the escaping the encoder uses (no ASCII)

    names = (encode_basestring(k).replace("%", "%%") for k in keys)
    template = "{" + ", ".join(f"{name}: %s" for name in names) + "}"
    text = _ValueTexts(_compact_item_encoder()).__getitem__
    chunk: list[str] = ["["]
    sep = "\n"
    for row in rows:
        chunk.append(sep + template % tuple(map(text, row)))
        sep = ",\n"
        if len(chunk) >= _ITEMS_PER_WRITE:
            sys.stdout.write("".join(chunk))
            chunk.clear()
    chunk.append("\n]\n")  # as emit_json_items ends on a pipe, empty or not
    sys.stdout.write("".join(chunk))


def say(text: str = "") -> None:
    sys.stdout.write(printable(text, multiline=True) + "\n")


def fail(message: str, code: int = 1) -> int:
    sys.stderr.write(f"gramtui: {printable(message, multiline=True)}\n")
    return code
