"""A record's neighbours in words a person at the shelf cannot misread.

Everywhere (the slip, the Shelves pane, `locate`) a record stands "right of" the records on its
left and "left of" those on its right, nearest first. `moves --json` and `locate --json` keep
shelf order instead: `before` are the records to its left, `after` those to its right.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

RIGHT_OF = "right of:"
LEFT_OF = "left of:"


def neighbour_sides(before: Sequence[T], after: Sequence[T]) -> list[tuple[str, list[T]]]:
    """(label, neighbours nearest first) for each side that has any; `before` and `after` are in
    shelf order, so `before[-1]` and `after[0]` are the nearest."""
    sides = [(RIGHT_OF, list(reversed(before))), (LEFT_OF, list(after))]
    return [(label, items) for label, items in sides if items]
