"""An organisation's records in shelf order, a header line above each unit and area.

`ShelfRows` turns a layout into list rows once (in the worker that computed it); `ShelfList`
draws only the rows on screen, so 50,000 records scroll as smoothly as 50.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from rich.segment import Segment
from rich.style import Style

from gramtui.domain.layout import UnitFill
from gramtui.domain.placement import Placement
from gramtui.engine.layouts import ShelfView
from gramtui.ui.widgets.fill_bar import amount, fill_bar
from gramtui.ui.widgets.line_list import LineList, fit

HeaderKind = Literal["unit", "oversized", "spill"]
AREA_TITLES = {"oversized": "Oversized area", "spill": "Spill area"}


@dataclass(frozen=True, slots=True)
class Header:
    """The line above a unit's (or an area's) records."""

    kind: HeaderKind
    fill: UnitFill | None  # None for the areas
    count: int
    row: int  # the header's own row in the list

    @property
    def title(self) -> str:
        if self.fill is None:
            return AREA_TITLES[self.kind]
        return f"{self.fill.space} · unit {self.fill.unit}"


class ShelfRows:
    """The rows of a ShelfList: entry >= 0 is a placement's row in the layout, < 0 a header."""

    def __init__(self, view: ShelfView) -> None:
        self.view = view
        placements = view.layout.placements
        self.entries: list[int] = []
        self.headers: list[Header] = []
        self._row_of_placement = [0] * len(placements)
        k = 0
        for fill in view.layout.units:
            self._add(Header("unit", fill, fill.count, len(self.entries)))
            k = self._add_records(k, fill.count)
        for area in ("oversized", "spill"):
            count = sum(1 for p in placements[k:] if p.area == area)
            self._add(Header(area, None, count, len(self.entries)))
            k = self._add_records(k, count)
        self._header_rows = [h.row for h in self.headers]

    def _add(self, header: Header) -> None:
        self.entries.append(-1 - len(self.headers))
        self.headers.append(header)

    def _add_records(self, first: int, count: int) -> int:
        entries, rows = self.entries, self._row_of_placement
        for k in range(first, first + count):
            rows[k] = len(entries)
            entries.append(k)
        return first + count

    def __len__(self) -> int:
        return len(self.entries)

    def placement_at(self, row: int) -> Placement | None:
        entry = self.entries[row] if 0 <= row < len(self.entries) else -1
        return self.view.layout.placements[entry] if entry >= 0 else None

    def header_of(self, row: int) -> int:
        """The number of the header (unit or area) that row belongs to."""
        return max(0, bisect_right(self._header_rows, row) - 1)

    def row_of(self, instance_id: int) -> int | None:
        placement = self.view.layout.find(instance_id)
        return None if placement is None else self._row_of_placement[placement.index - 1]


_POSITION = 5
_WIDTH = 7
_COLUMNS = (("Artist", 3, 10), ("Title", 4, 10), ("Label", 2, 6), ("Cat#", 2, 6))
_DIM = Style(dim=True)
_CATNO = Style(color="cyan")
_HEADER = Style(bold=True)


def _column_widths(total: int) -> list[int]:
    free = total - _POSITION - _WIDTH - len(_COLUMNS)
    spare = max(0, free - sum(minimum for _, _, minimum in _COLUMNS))
    weights = sum(weight for _, weight, _ in _COLUMNS)
    widths = [minimum + spare * weight // weights for _, weight, minimum in _COLUMNS]
    widths[1] += max(0, free - sum(widths))
    return widths


def column_header(total: int) -> str:
    cells = [
        fit(title, w) for (title, _, _), w in zip(_COLUMNS, _column_widths(total), strict=True)
    ]
    return "#".rjust(_POSITION - 1) + " " + " ".join(cells) + " " + "Width".rjust(_WIDTH - 1)


class ShelfList(LineList):
    """Keys: the arrows, Page Up/Down, Home/End (from LineList)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: ShelfRows | None = None

    def show(self, rows: ShelfRows | None) -> None:
        self.rows = rows
        self.rows_changed()

    def row_count(self) -> int:
        return len(self.rows) if self.rows is not None else 0

    def render_row(self, index: int, width: int) -> list[Segment]:
        assert self.rows is not None
        entry = self.rows.entries[index]
        if entry < 0:
            return self._header(self.rows.headers[-1 - entry])
        placement = self.rows.view.layout.placements[entry]
        record = self.rows.view.records[placement.instance_id]
        artist, title, label, catno = (
            fit(text, w)
            for text, w in zip(
                (record.artist, record.title, record.label, record.catno),
                _column_widths(width),
                strict=True,
            )
        )
        mark = "*" if record.explicit_width is not None else " "
        return [
            Segment(f"{placement.position:>{_POSITION - 1}} ", _DIM),
            Segment(f"{artist} {title} {label} "),
            Segment(catno, _CATNO),
            Segment(f" {placement.width:>{_WIDTH - 2}g}{mark}", _DIM),
        ]

    def _header(self, header: Header) -> list[Segment]:
        unit_name = self.rows.view.unit_name if self.rows is not None else ""
        count = f"{header.count} record{'s' if header.count != 1 else ''}"
        if header.fill is None:
            return [Segment(f"▌{header.title}", _HEADER), Segment(f" · {count}", _DIM)]
        fill = header.fill
        return [
            Segment(f"▌{header.title}  ", _HEADER),
            *fill_bar(fill.ratio),
            Segment(f"  {amount(fill.used, fill.capacity, unit_name)} · {count}", _DIM),
        ]
