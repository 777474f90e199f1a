"""The width left for a DataTable's one flexible column, so a table fills the width it has."""

from __future__ import annotations

from collections.abc import Iterable

CELL_PADDING = 2  # DataTable pads every cell by one each side
SCROLLBAR = 2  # and keeps two cells for its vertical scrollbar


def flexible_width(total: int, fixed: Iterable[int], minimum: int) -> int:
    """What a table `total` cells wide leaves for its flexible column after the `fixed` ones
    (never less than `minimum`: a narrow table scrolls sideways rather than lose the column)."""
    used = sum(width + CELL_PADDING for width in fixed) + CELL_PADDING + SCROLLBAR
    return max(minimum, total - used)
