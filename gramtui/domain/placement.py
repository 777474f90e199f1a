"""Where one record stands in an organisation: the common currency of layouts, moves and slips."""

from __future__ import annotations

from typing import Literal, NamedTuple

Area = Literal["shelf", "oversized", "spill"]


class Placement(NamedTuple):
    """A NamedTuple rather than a frozen dataclass: a layout of 100,000 records builds 100,000
    of these, and a tuple is about four times cheaper to make. Immutable and comparable alike."""

    instance_id: int
    space: str  # the space's name; "" in the oversized and spill areas
    unit: int  # 1-based unit within the space; 0 in the oversized and spill areas
    position: int  # 1-based within the unit (or the area)
    # 1-based across the whole organisation, in shelf order; hides tuple.index(), which no one calls
    index: int  # type: ignore[assignment]  # renaming it means changing every caller, ui/ too
    width: float
    area: Area = "shelf"

    @property
    def slot(self) -> tuple[str, str, int]:
        """The container this record stands in: (area, space, unit)."""
        return (self.area, self.space, self.unit)
