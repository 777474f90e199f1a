"""Column widths of DataTables: the width left for a table's one flexible column, so a table
fills the width it has, and columns fitted to their contents before they are drawn."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

CELL_PADDING = 2  # DataTable pads every cell by one each side
SCROLLBAR = 2  # and keeps two cells for its vertical scrollbar


def flexible_width(total: int, fixed: Iterable[int], minimum: int) -> int:
    """What a table `total` cells wide leaves for its flexible column after the `fixed` ones
    (never less than `minimum`: a narrow table scrolls sideways rather than lose the column)."""
    used = sum(width + CELL_PADDING for width in fixed) + CELL_PADDING + SCROLLBAR
    return max(minimum, total - used)


def fill_fitted(
    table: DataTable[Text], headers: Sequence[str], rows: Sequence[Sequence[Text]]
) -> None:
    """Fill `table` anew, each column as wide as its header or its widest cell, set before a
    row is drawn. A DataTable measures auto-width columns on its next idle, after a frame may
    have drawn (and cached) the header at the old widths; that header stayed narrow above the
    widened rows (seen in the Deals pane's saved searches)."""
    table.clear(columns=True)
    for i, header in enumerate(headers):
        widest = max((row[i].cell_len for row in rows), default=0)
        table.add_column(header, width=max(cell_len(header), widest))
    for row in rows:
        table.add_row(*row)
