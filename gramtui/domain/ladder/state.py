"""Where one listing stands on its ladder; stored by the caller between plans (as JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from gramtui.domain.ladder.codec import from_json, to_json
from gramtui.domain.ladder.errors import LadderStateError, require_aware
from gramtui.domain.money import Money

Phase = Literal["start", "to_median", "hold", "to_low", "at_low", "stale", "stopped"]
PHASES: tuple[Phase, ...] = ("start", "to_median", "hold", "to_low", "at_low", "stale", "stopped")


@dataclass(frozen=True, slots=True)
class LadderState:
    """`entered_at`: when `phase` began; `last_change_at`: the last price change (ours, or the
    user's that we adopted), from which the next step's interval is measured; `last_price`: the
    price we last knew the listing to have. `paused` keeps the phase, so resuming continues it.
    `first_price`: the price the ladder first saw the listing at (the default floor and the raise
    ceiling are measured from it); None only in states stored before it was kept."""

    listing_id: int
    phase: Phase
    entered_at: datetime
    last_change_at: datetime
    last_price: Money
    paused: bool = False
    first_price: Money | None = None

    def __post_init__(self) -> None:
        if self.phase not in PHASES:
            raise LadderStateError(
                f"Listing {self.listing_id} has unknown ladder phase {self.phase!r}; "
                f"expected one of {', '.join(PHASES)}."
            )
        require_aware(self.entered_at, "entered_at")
        require_aware(self.last_change_at, "last_change_at")

    def to_dict(self) -> dict[str, Any]:
        return to_json(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LadderState:
        required = ("listing_id", "phase", "entered_at", "last_change_at", "last_price")
        missing = [key for key in required if key not in data]
        if missing:
            raise LadderStateError(
                f"Stored ladder state lacks {', '.join(missing)}; drop it to restart the ladder."
            )
        return from_json(cls, data, LadderStateError)
