"""A list of records that draws only the lines on screen (Textual's line API).

Rows come from a `CollectionView`, which pages them out of SQLite, so the list opens instantly
and scrolls smoothly at 50,000 records. Text from Discogs goes into plain Segments: never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from gramtui.engine.collection_view import CollectionView, Row


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


def _fit(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    if len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text.ljust(width)


def column_widths(total: int) -> list[int]:
    gaps = len(COLUMNS) - 1
    free = max(0, total - gaps - sum(c.minimum for c in COLUMNS))
    weights = sum(c.weight for c in COLUMNS)
    widths = [c.minimum + free * c.weight // weights for c in COLUMNS]
    widths[1] += max(0, total - gaps - sum(widths))
    return widths


def header_line(total: int) -> str:
    return " ".join(_fit(c.title, w) for c, w in zip(COLUMNS, column_widths(total), strict=True))


class RecordList(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor = reactive(0)

    class Highlighted(Message):
        def __init__(self, row: Row | None) -> None:
            super().__init__()
            self.row = row

    def __init__(self, view: CollectionView, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view = view

    def on_mount(self) -> None:
        self._resize_virtual()

    def set_view(self, view: CollectionView) -> None:
        self.view = view
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self._resize_virtual()
        self.refresh()
        self.post_message(self.Highlighted(self.view.row(0)))

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.size.width, self.view.count())

    def on_resize(self) -> None:
        self._resize_virtual()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        row = self.view.row(index)
        if row is None:
            return Strip.blank(width, self.rich_style)
        text = " ".join(
            _fit(cell, w) for cell, w in zip(_cells(row), column_widths(width), strict=True)
        )
        style = self.rich_style
        if index == self.cursor:
            style = style + (
                self.get_component_rich_style("record-list--cursor")
                if self.has_focus
                else Style(reverse=True, dim=True)
            )
        return Strip([Segment(_fit(text, width), style)], width)

    COMPONENT_CLASSES = {"record-list--cursor"}

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        top = self.scroll_offset.y
        height = max(1, self.size.height)
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)
        self.post_message(self.Highlighted(self.view.row(new)))

    def action_cursor(self, delta: int) -> None:
        self.cursor = max(0, min(self.view.count() - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.size.height - 1))

    def action_jump(self, where: int) -> None:
        self.cursor = max(0, self.view.count() - 1) if where < 0 else 0

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", None)
        if y is not None:
            self.cursor = max(0, min(self.view.count() - 1, self.scroll_offset.y + int(y)))

    @property
    def current(self) -> Row | None:
        return self.view.row(self.cursor)
