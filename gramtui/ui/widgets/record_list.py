"""The collection as a list that draws only the lines on screen (a LineList).

Rows come from a `CollectionView`, which pages them out of SQLite, so the list opens instantly
and scrolls smoothly at 50,000 records. Text from Discogs goes into plain Segments, never markup,
and is measured in terminal cells (a CJK character takes two).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment

from gramtui.engine.collection_view import CollectionView, Row
from gramtui.ui.widgets.line_list import LineList, fit


@dataclass(frozen=True)
class Column:
    title: str
    weight: int  # share of the free width
    minimum: int


COLUMNS = (
    Column("Artist", 3, 12),
    Column("Title", 4, 12),
    Column("Label", 2, 8),
    Column("Cat#", 2, 8),
    Column("Format", 2, 8),
    Column("Folder", 2, 8),
)


def _cells(row: Row) -> tuple[str, ...]:
    return (row.artist, row.title, row.label, row.catno, row.format, row.folder)


def column_widths(total: int) -> list[int]:
    gaps = len(COLUMNS) - 1
    free = max(0, total - gaps - sum(c.minimum for c in COLUMNS))
    weights = sum(c.weight for c in COLUMNS)
    widths = [c.minimum + free * c.weight // weights for c in COLUMNS]
    widths[1] += max(0, total - gaps - sum(widths))
    return widths


# The column each sort orders by, marked ▲ in the header; "added" has no column of its own.
SORTED_COLUMN = {"artist": "Artist", "title": "Title", "label": "Label", "folder": "Folder"}


def header_line(total: int, sort: str = "artist") -> str:
    """The column titles, the one the list is sorted by marked (newest added: beside Title)."""
    titles = [_title(c.title, sort) for c in COLUMNS]
    return " ".join(fit(t, w) for t, w in zip(titles, column_widths(total), strict=True))


def _title(title: str, sort: str) -> str:
    if SORTED_COLUMN.get(sort) == title:
        return f"{title} ▲"
    if sort == "added" and title == "Title":
        return f"{title} · newest added ▼"
    return title


class RecordList(LineList):
    DEFAULT_CSS = """
    RecordList { height: 1fr; scrollbar-size-vertical: 1; }
    """

    class Highlighted(LineList.Highlighted):
        @property
        def row(self) -> Row | None:
            return self.line_list.view.row(self.index)  # type: ignore[attr-defined,no-any-return]

    def __init__(self, view: CollectionView, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view = view

    def row_count(self) -> int:
        return self.view.count()

    def render_row(self, index: int, width: int) -> list[Segment]:
        row = self.view.row(index)
        if row is None:
            return []
        cells = zip(_cells(row), column_widths(width), strict=True)
        return [Segment(" ".join(fit(cell, w) for cell, w in cells))]

    def set_view(self, view: CollectionView, *, keep_cursor: bool = False) -> None:
        """Show another view (a search, a sort, new data); the cursor goes to the top unless kept."""
        self.view = view
        if not keep_cursor:
            self.set_reactive(LineList.cursor, 0)
            self.scroll_to(y=0, animate=False, immediate=True)
        self.rows_changed()
        self.post_message(self.Highlighted(self, self.cursor))

    @property
    def current(self) -> Row | None:
        return self.view.row(self.cursor)
