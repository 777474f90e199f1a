"""A horizontal bar chart as a keyboard list: one bar a line, its name on the left, its number
right after it, the cursor on one bar (Enter posts `Selected`).

Drawn by hand on the line API (LineList) rather than with a plotting library: every bar needs a
cursor and Enter, names from Discogs must stay plain text (Segments, never markup), long charts
scroll, and at 80 columns the names, bars and numbers each get their share of the width.
Colours come from the theme through component classes.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from gramtui.domain.bar_cells import split_bar
from gramtui.domain.text import printable
from gramtui.engine.insight import Bar, Chart
from gramtui.ui.widgets.line_list import LineList, fit

MIN_BAR = 8  # cells a bar gets at least; the names give way first
MAX_BAR = 60  # on a wide terminal the numbers stay near the names


def money(cents: int, currency: str) -> str:
    return f"{cents / 100:,.2f} {currency}".strip()


def number_text(chart: Chart, bar: Bar) -> str:
    """What stands beside a bar: its count, and what the count means where it is not records."""
    if bar.amount_cents is not None:
        amount = money(bar.amount_cents, bar.currency)
        return amount if bar.release_id is not None else f"{amount} · {bar.count} rec."
    if chart.by == "rarity" and bar.want is not None:
        return f"{bar.count} have · {bar.want} want"
    if chart.by == "rarity":
        return f"{bar.count} for sale"
    if chart.by == "copies":
        return f"×{bar.count}"
    if bar.estimated:
        return f"{bar.count} ({bar.estimated} est.)"
    return str(bar.count)


def measure(bar: Bar) -> int:
    """The length a bar stands for: money where the chart is about money, else its count."""
    return bar.amount_cents if bar.amount_cents is not None else bar.count


class BarChart(LineList):
    DEFAULT_CSS = """
    BarChart { height: 1fr; }
    BarChart > .bar-chart--bar { color: $primary; }
    BarChart > .bar-chart--estimate { color: $primary 45%; }
    BarChart > .bar-chart--number { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        *LineList.COMPONENT_CLASSES,
        "bar-chart--bar",
        "bar-chart--estimate",
        "bar-chart--number",
    }

    BINDINGS = [
        Binding("enter", "select", "Records"),
        Binding("right", "drill", "Styles"),
        Binding("left,backspace", "up", "Back", show=False),
    ]

    class Drill(LineList.Highlighted):
        """→ on a bar: show what it is made of (the styles within a genre)."""

    class Up(Message):
        """← : back out of the bar (to the chart it came from)."""

    can_drill = False  # set by whoever shows a chart whose bars have parts

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.chart: Chart | None = None
        self._numbers: list[str] = []
        self._top = 0

    def set_chart(self, chart: Chart, cursor: int = 0) -> None:
        """Show another chart, the cursor on bar `cursor`."""
        self.chart = chart
        self._numbers = [number_text(chart, b) for b in chart.bars]
        self._top = max((measure(b) for b in chart.bars), default=0)
        self.set_reactive(LineList.cursor, max(0, min(cursor, len(chart.bars) - 1)))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.rows_changed()
        self.move_to(self.cursor, center=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drill":
            return self.can_drill
        return True

    def action_drill(self) -> None:
        if self.can_drill and self.row_count():
            self.post_message(self.Drill(self, self.cursor))

    def action_up(self) -> None:
        self.post_message(self.Up())

    @property
    def current(self) -> Bar | None:
        if self.chart is None or not 0 <= self.cursor < len(self.chart.bars):
            return None
        return self.chart.bars[self.cursor]

    def row_count(self) -> int:
        return len(self.chart.bars) if self.chart is not None else 0

    def render_line(self, y: int) -> Strip:
        """The cursor row highlights the name and the number; its bar keeps the bar's colour
        (LineList would paint the whole row in the cursor's colours and hide the bar)."""
        index = self.scroll_offset.y + y
        if index != self.cursor or not 0 <= index < self.row_count():
            return super().render_line(y)
        base, width = self.rich_style, self.size.width
        cursor = (
            self.get_component_rich_style("line-list--cursor")
            if self.has_focus
            else Style(reverse=True, dim=True)
        )
        key, sure, estimated, number = self.render_row(index, width)
        segments = [
            Segment(printable(key.text), base + cursor),
            Segment(sure.text, base + (sure.style or Style())),
            Segment(estimated.text, base + (estimated.style or Style())),
            Segment(" ", base),
            Segment(number.text.lstrip(), base + cursor),
        ]
        return Strip(segments).adjust_cell_length(width, base).crop(0, width)

    def render_row(self, index: int, width: int) -> list[Segment]:
        assert self.chart is not None
        bar = self.chart.bars[index]
        number_width = max(cell_len(n) for n in self._numbers)
        widest_key = max(cell_len(b.key) for b in self.chart.bars)
        key_width = max(4, min(widest_key, width * 2 // 5, width - number_width - MIN_BAR - 3))
        bar_width = max(1, min(MAX_BAR, width - key_width - number_width - 3))
        sure, estimated = split_bar(measure(bar), bar.estimated, self._top, bar_width)
        number = self._numbers[index]
        return [
            Segment(fit(bar.key, key_width) + " "),
            Segment(sure, self.get_component_rich_style("bar-chart--bar")),
            Segment(estimated, self.get_component_rich_style("bar-chart--estimate")),
            Segment(" " + number, self.get_component_rich_style("bar-chart--number")),
        ]
