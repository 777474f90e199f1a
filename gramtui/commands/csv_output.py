"""`--csv`: the rows a command prints with `--json`, flattened into a spreadsheet's columns.

Nested values become one cell (a record's labels "Blue Note BST 84003; Liberty LBS 1"), and a text
cell a spreadsheet would run as a formula (it starts with = + - @) is quoted with a leading
apostrophe: titles come from Discogs and are data, never code.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def cell(value: object) -> str:
    """One value as the text of one cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}={cell(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(_item(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _item(value: object) -> str:
    # A label {"name": "Blue Note", "catno": "BST 84003"} reads "Blue Note BST 84003".
    if isinstance(value, Mapping):
        parts = (_inner(v) for v in value.values() if v not in (None, "", [], ()))
        return " ".join(parts)
    return cell(value)


def _inner(value: object) -> str:
    # A format's descriptions inside one item: "Vinyl 1 7\", 45 RPM", so "; " still splits items.
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    return cell(value)


def emit_csv(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> None:
    """A header line, then one line per row, written as the rows come (memory stays flat)."""
    import csv  # here: `--help` stays light

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
