"""How commands print: readable text by default, JSON with --json, errors as one sentence.

Text output quotes Discogs data (titles, server messages): `say` and `fail` make every control
character visible (gramtui.domain.text.printable), so nothing from outside reaches the terminal
as an escape code. JSON is left as the data is: its encoder escapes control characters itself.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from gramtui.domain.text import printable


def _default(o: Any) -> Any:
    if isinstance(o, datetime | date):
        return o.isoformat()
    if isinstance(o, set | frozenset | tuple):
        return list(o)
    raise TypeError(f"cannot encode {type(o).__name__}")


def emit_json(data: Any) -> None:
    """Indented on a terminal, for reading. On a pipe compact, a list one item a line: the
    indenting encoder is pure Python and several times slower than the C one at 50,000 items."""
    if isinstance(data, list | tuple):
        emit_json_items(data)
    elif sys.stdout.isatty():
        sys.stdout.write(json.dumps(data, default=_default, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(json.dumps(data, default=_default, ensure_ascii=False) + "\n")


def emit_json_items(items: Iterable[Any]) -> None:
    """A JSON array written item by item as the items come, so a long one never sits in memory;
    on a terminal exactly what `emit_json` indents, on a pipe one compact item a line."""
    write, indent = sys.stdout.write, sys.stdout.isatty()
    sep = "\n"
    write("[")
    for item in items:
        if indent:
            text = "  " + json.dumps(item, default=_default, ensure_ascii=False, indent=2).replace(
                "\n", "\n  ")
        else:
            text = json.dumps(item, default=_default, ensure_ascii=False)
        write(sep + text)
        sep = ",\n"
    write("\n]\n" if sep != "\n" or not indent else "]\n")


def say(text: str = "") -> None:
    sys.stdout.write(printable(text, multiline=True) + "\n")


def fail(message: str, code: int = 1) -> int:
    sys.stderr.write(f"gramtui: {printable(message, multiline=True)}\n")
    return code
