"""Where one record stands in an organisation: the common currency of layouts, moves and slips."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Area = Literal["shelf", "oversized", "spill"]


@dataclass(frozen=True, slots=True)
class Placement:
    instance_id: int
    space: str  # the space's name; "" in the oversized and spill areas
    unit: int  # 1-based unit within the space; 0 in the oversized and spill areas
    position: int  # 1-based within the unit (or the area)
    index: int  # 1-based across the whole organisation, in shelf order
    width: float
    area: Area = "shelf"

    @property
    def slot(self) -> tuple[str, str, int]:
        """The container this record stands in: (area, space, unit)."""
        return (self.area, self.space, self.unit)
