"""How commands print: readable text by default, JSON with --json, errors as one sentence.

Text output quotes Discogs data (titles, server messages): `say` and `fail` make every control
character visible (gramtui.domain.text.printable), so nothing from outside reaches the terminal
as an escape code. JSON is left as the data is: its encoder escapes control characters itself.
"""

from __future__ import annotations

import json
import sys
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
    sys.stdout.write(json.dumps(data, default=_default, ensure_ascii=False, indent=2) + "\n")


def say(text: str = "") -> None:
    sys.stdout.write(printable(text, multiline=True) + "\n")


def fail(message: str, code: int = 1) -> int:
    sys.stderr.write(f"gramtui: {printable(message, multiline=True)}\n")
    return code
