"""The sales ladder: a stored, per-listing state machine that walks a price down to sell.

start (suggestion x premium) -> to_median -> hold -> to_low -> at_low -> stale (optional);
"stopped" when the listing is not For Sale. Pure: the caller passes `now`, stores the state, and
applies the changes.
"""

from gramtui.domain.ladder.config import LadderConfig, LadderOverride, StepRule
from gramtui.domain.ladder.errors import (
    LadderClockError,
    LadderConfigError,
    LadderError,
    LadderStateError,
)
from gramtui.domain.ladder.market import MarketInputs, describe_source, market_inputs
from gramtui.domain.ladder.plan import FOR_SALE, Step, plan
from gramtui.domain.ladder.simulate import PathPoint, simulate, simulate_all
from gramtui.domain.ladder.start import start_price
from gramtui.domain.ladder.state import PHASES, LadderState, Phase

__all__ = [
    "FOR_SALE",
    "PHASES",
    "LadderClockError",
    "LadderConfig",
    "LadderConfigError",
    "LadderError",
    "LadderOverride",
    "LadderState",
    "LadderStateError",
    "MarketInputs",
    "PathPoint",
    "Phase",
    "Step",
    "StepRule",
    "describe_source",
    "market_inputs",
    "plan",
    "simulate",
    "simulate_all",
    "start_price",
]
