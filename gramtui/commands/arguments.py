"""Argument types for ids given on the command line: refused by argparse with a sentence, not by
SQLite with an OverflowError."""

from __future__ import annotations

import argparse

from gramtui.domain.ids import ID_RANGE, is_discogs_id


def output_flags(parser: argparse.ArgumentParser, json_help: str | None = None) -> None:
    """`--json` or `--csv` (not both): machine-readable output beside the readable text."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help=json_help)
    group.add_argument("--csv", action="store_true", help="comma-separated, one row per line")


def id_argument(text: str) -> int:
    """An id (Discogs' or the queue's): a whole number in the range every id here lives in."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id; an id is {ID_RANGE}") from None
    if not is_discogs_id(value):
        raise argparse.ArgumentTypeError(f"{text} is out of range; an id is {ID_RANGE}")
    return value
