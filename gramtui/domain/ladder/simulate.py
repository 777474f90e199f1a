"""The projected path of listings down their ladders, market figures held still."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from gramtui.domain.ladder.config import LadderConfig
from gramtui.domain.ladder.errors import require_aware
from gramtui.domain.ladder.market import MarketInputs
from gramtui.domain.ladder.plan import plan
from gramtui.domain.ladder.state import LadderState, Phase
from gramtui.domain.marketplace import Listing
from gramtui.domain.money import Money


@dataclass(frozen=True, slots=True)
class PathPoint:
    at: datetime
    price: Money
    phase: Phase
    reason: str


def simulate(
    listing: Listing,
    state: LadderState | None,
    market: MarketInputs,
    config: LadderConfig,
    start: datetime,
    weeks: int,
) -> list[PathPoint]:
    """The listing's price now and at every projected change or phase change up to `weeks` ahead.

    Replays `plan` at each step's `next_at`, applying every change, so the path is exactly what
    the ladder would do if Discogs and the market stood still.
    """
    require_aware(start, "start")
    end = start + timedelta(weeks=weeks)
    at = start
    path: list[PathPoint] = []
    while True:
        step = plan(listing, state, market, config, at)
        state = step.new_state
        if step.new_price is not None:
            listing = replace(listing, price=step.new_price)
        if not path or step.action == "change" or step.phase != path[-1].phase:
            path.append(PathPoint(at, listing.price, step.phase, step.reason))
        if step.next_at is None or step.next_at > end or step.next_at <= at:
            return path
        at = step.next_at


def simulate_all(
    items: Iterable[tuple[Listing, LadderState | None, MarketInputs, LadderConfig]],
    start: datetime,
    weeks: int,
) -> dict[int, list[PathPoint]]:
    """`simulate` for each (listing, state, market, config), keyed by listing id."""
    return {
        listing.listing_id: simulate(listing, state, market, config, start, weeks)
        for listing, state, market, config in items
    }
