"""Argument types for ids given on the command line: refused by argparse with a sentence, not by
SQLite with an OverflowError."""

from __future__ import annotations

import argparse

from gramtui.domain.ids import ID_RANGE, is_discogs_id


def id_argument(text: str) -> int:
    """An id (Discogs' or the queue's): a whole number in the range every id here lives in."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id; an id is {ID_RANGE}") from None
    if not is_discogs_id(value):
        raise argparse.ArgumentTypeError(f"{text} is out of range; an id is {ID_RANGE}")
    return value
