"""Reading a text file a command was given (rules, organisations, want lists), or stdin for '-'.

A file that cannot be read, is not UTF-8 or holds NUL bytes (a binary file) is refused with one
sentence naming it, before anything is opened or changed.
"""

from __future__ import annotations

import sys
from pathlib import Path


class TextInputError(Exception):
    """The named input is missing, unreadable or not text; the message says which and why."""


def read_text_input(name: str) -> str:
    shown = "standard input" if name == "-" else name
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as e:
        raise TextInputError(f"cannot read {shown} ({e.strerror or e}).") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise TextInputError(
            f"{shown} is not a text file (UTF-8 expected; byte {e.start + 1} is not UTF-8)."
        ) from None
    if "\x00" in text:
        raise TextInputError(f"{shown} is not a text file (UTF-8 expected; it holds NUL bytes).")
    return text
