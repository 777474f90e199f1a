"""How commands print: readable text by default, JSON with --json, errors as one sentence."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any


def _default(o: Any) -> Any:
    if isinstance(o, datetime | date):
        return o.isoformat()
    if isinstance(o, set | frozenset | tuple):
        return list(o)
    raise TypeError(f"cannot encode {type(o).__name__}")


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, default=_default, ensure_ascii=False, indent=2) + "\n")


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def fail(message: str, code: int = 1) -> int:
    sys.stderr.write(f"gramtui: {message}\n")
    return code
