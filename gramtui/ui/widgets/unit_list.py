"""The spaces and units of an organisation, one line each with its fill, and the two areas.

A line is a space's title or a target: a unit or an area, standing for a header of the
ShelfList beside it (`target`), which the organisation view scrolls to.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style

from gramtui.ui.widgets.fill_bar import amount, fill_bar
from gramtui.ui.widgets.line_list import LineList, fit
from gramtui.ui.widgets.shelf_list import ShelfRows

_SPACE = Style(bold=True)
_DIM = Style(dim=True)


class UnitList(LineList):
    DEFAULT_CSS = """
    UnitList {
        /* The records beside take what is left: a third of an 80-column screen at most. */
        width: 30%;
        min-width: 26;
        max-width: 44;
        height: 1fr;
        border-right: vkey $primary-darken-2;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: ShelfRows | None = None
        self._lines: list[tuple[str, int]] = []  # (space title or "", header number or -1)

    def show(self, rows: ShelfRows | None) -> None:
        self.rows = rows
        self._lines = []
        if rows is not None:
            spaces = {s.name: s for s in rows.view.organisation.spaces}
            for number, header in enumerate(rows.headers):
                fill = header.fill
                if fill is not None and fill.unit == 1:
                    space = spaces[fill.space]
                    self._lines.append((f"{space.name} · {space.units} × {space.width:g}", -1))
                elif fill is None and header.kind == "oversized":
                    self._lines.append(("Areas", -1))
                self._lines.append(("", number))
        self.rows_changed()

    def row_count(self) -> int:
        return len(self._lines)

    def target(self, index: int) -> int | None:
        """The header number a line stands for; None on a space's title line."""
        if not 0 <= index < len(self._lines):
            return None
        number = self._lines[index][1]
        return number if number >= 0 else None

    def line_of(self, header: int) -> int:
        for index, (_, number) in enumerate(self._lines):
            if number == header:
                return index
        return 0

    def render_row(self, index: int, width: int) -> list[Segment]:
        title, number = self._lines[index]
        if number < 0 or self.rows is None:
            return [Segment(fit(title, width), _SPACE)]
        header = self.rows.headers[number]
        fill = header.fill
        if fill is None:
            title = fit(header.title, max(1, min(17, width - 8)))
            return [Segment(f"  {title}"), Segment(f"{header.count:>6}", _DIM)]
        used = amount(fill.used, fill.capacity, self.rows.view.unit_name)
        # Narrow, the amount gives way first (the detail line says it), then the bar shrinks.
        cells = max(4, min(10, width - 12))
        segments = [
            Segment(f"  {fill.unit:>3} "),
            *fill_bar(fill.ratio, cells),
            Segment(f" {header.count:>4} ", _DIM),
        ]
        if width >= 12 + cells + len(used):
            segments.append(Segment(used, _DIM))
        return segments
