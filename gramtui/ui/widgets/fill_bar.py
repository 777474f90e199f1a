"""How full a unit is, drawn in a few cells: a bar, and the amount as "used/width unit"."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style

_STYLES = (
    (0.85, Style(color="green")),
    (0.999, Style(color="yellow")),
    (float("inf"), Style(color="red")),
)
_EMPTY = Style(dim=True)


def fill_bar(ratio: float, cells: int = 10) -> list[Segment]:
    """`cells` cells, the used share solid; green with room to spare, yellow near full, red full."""
    ratio = max(0.0, ratio)
    solid = min(cells, int(ratio * cells + 1e-9))  # full only when full
    if ratio > 0 and solid == 0:
        solid = 1  # a unit holding anything never looks empty
    style = next(s for limit, s in _STYLES if ratio <= limit)
    return [Segment("█" * solid, style), Segment("░" * (cells - solid), _EMPTY)]


def amount(used: float, capacity: float, unit_name: str) -> str:
    """ "7.8/8.0 cm", or "22/30 records" under the counting densities."""
    if unit_name == "cm":
        return f"{used:.1f}/{capacity:.1f} cm"
    return f"{used:g}/{capacity:g} {unit_name}"
