"""A keyboard list that draws only the lines on screen (Textual's line API), for any row count.

Subclasses say how many rows there are and draw one; the list keeps a cursor, scrolls to it, and
posts `Highlighted` when it moves and `Selected` on Enter. Text from Discogs goes into plain
Segments: never markup, and every control character made visible (domain/text.py), both in `fit`
(so widths count the visible form) and in `render_line` (whatever a subclass drew).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from gramtui.domain.text import printable


def fit(text: str, width: int) -> str:
    """`text` on one line, cut with an ellipsis or padded to exactly `width` cells (a CJK
    character takes two)."""
    text = printable(text.replace("\n", " "))
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class LineList(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    LineList {
        height: 1fr;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;  /* rows are cut to the width: a bar would only hide the last row */
    }
    LineList > .line-list--cursor {
        background: $accent;
        color: $text;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"line-list--cursor"}
    _style_now: Style | None = None  # while render_lines draws
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor = reactive(0)

    class Highlighted(Message):
        def __init__(self, line_list: LineList, index: int) -> None:
            super().__init__()
            self.line_list = line_list
            self.index = index

        @property
        def control(self) -> LineList:
            return self.line_list

    class Selected(Highlighted):
        pass

    # -- for subclasses ----------------------------------------------------------------------

    def row_count(self) -> int:
        return 0

    def render_row(self, index: int, width: int) -> list[Segment]:
        """The segments of row `index`, styled or not (the list pads or cuts them to `width`)."""
        return []

    # -- the list ----------------------------------------------------------------------------

    def rows_changed(self) -> None:
        """Call after the rows changed: the cursor stays where it was, within the new rows."""
        self.virtual_size = Size(self.size.width, self.row_count())
        self.set_reactive(LineList.cursor, max(0, min(self.cursor, self.row_count() - 1)))
        self.refresh()

    def move_to(self, index: int, *, top: bool = False, center: bool = False) -> None:
        """Put the cursor on `index`; with `top` that row comes first on screen, with `center`
        in the middle."""
        index = max(0, min(index, self.row_count() - 1))
        if top or center:
            y = index if top else max(0, index - self.size.height // 2)
            self.scroll_to(y=y, animate=False, immediate=True)
        if self.cursor == index:
            self._scroll_to_cursor()
            self.refresh()
            self.post_message(self.Highlighted(self, index))
        else:
            self.cursor = index

    def on_mount(self) -> None:
        self.rows_changed()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count())

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style, worked out from the CSS once for all the lines drawn (once a line,
        # it was most of the time drawing an empty or short list took).
        self._style_now = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._style_now = None

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        base = self._style_now or self.rich_style
        if not 0 <= index < self.row_count():
            return Strip.blank(width, base)
        if index != self.cursor:
            segments = [
                Segment(printable(s.text), base + s.style if s.style else base)
                for s in self.render_row(index, width)
            ]
            return Strip(segments).adjust_cell_length(width, base).crop(0, width)
        cursor = (
            self.get_component_rich_style("line-list--cursor")
            if self.has_focus
            else Style(reverse=True, dim=True)
        )
        # On the cursor row the cursor's colours win over the row's own.
        segments = [
            Segment(printable(s.text), base + (s.style or Style()) + cursor)
            for s in self.render_row(index, width)
        ]
        return Strip(segments).adjust_cell_length(width, base + cursor).crop(0, width)

    def _scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        height = max(1, self.size.height)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, new))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self.cursor = max(0, min(self.row_count() - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.size.height - 1))

    def action_jump(self, where: int) -> None:
        self.cursor = max(0, self.row_count() - 1) if where < 0 else 0

    def action_select(self) -> None:
        if self.row_count():
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", None)
        if y is not None and self.row_count():
            self.cursor = max(0, min(self.row_count() - 1, self.scroll_offset.y + int(y)))
