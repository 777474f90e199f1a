"""One planning step for one listing: change its price, hold it, or stop; always with a reason.

`plan` makes at most one change, and the next step is timed from `now`, so a laptop that slept
for a week makes one step on waking, not seven. Store `new_state` only once a change is applied
(or together with the listing's new price): a state ahead of the listing reads as a user's edit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from gramtui.domain.ladder.config import LadderConfig
from gramtui.domain.ladder.errors import LadderError, require_aware
from gramtui.domain.ladder.market import MarketInputs
from gramtui.domain.ladder.phases import Outcome, advance, interval_for
from gramtui.domain.ladder.pricing import format_day
from gramtui.domain.ladder.state import LadderState, Phase
from gramtui.domain.marketplace import Listing
from gramtui.domain.money import Money

FOR_SALE = "For Sale"
_LOOKAHEAD = 8  # more than enough moves to reach the next change through any phase handovers


@dataclass(frozen=True, slots=True)
class Step:
    """What to do with a listing now, and what comes next if the market holds still."""

    action: Literal["change", "hold", "stop"]
    new_price: Money | None  # set for "change"
    phase: Phase
    next_at: datetime | None  # when the next change would happen; None when none is in sight
    next_price: Money | None
    reason: str
    new_state: LadderState


def plan(
    listing: Listing,
    state: LadderState | None,
    market: MarketInputs,
    config: LadderConfig,
    now: datetime,
) -> Step:
    """The ladder's step for `listing` at `now`, from its stored `state` (None: not tracked yet)."""
    require_aware(now, "now")
    if state is not None and state.listing_id != listing.listing_id:
        raise LadderError(
            f"Ladder state of listing {state.listing_id} was given for listing "
            f"{listing.listing_id}; pass that listing's own state."
        )
    if listing.status != FOR_SALE:
        return _stop(listing, state, now, f"stopped: listing is {listing.status}")
    if state is not None and state.paused:
        return Step("stop", None, "stopped", None, None, "stopped: paused", state)

    if state is not None and state.first_price is None:
        state = replace(state, first_price=state.last_price)  # stored before first prices were
    if state is None or state.phase == "stopped":
        state, outcome = _track(listing, state, config, now)
    elif listing.price != state.last_price:
        state, outcome = _adopt(listing.price, state, config, now)
    else:
        outcome, state = advance(listing.price, state, market, config, now)

    price = outcome.price if outcome.price is not None else listing.price
    next_at, next_price = _next_change(price, state, market, config, now)
    action: Literal["change", "hold"] = "change" if outcome.price is not None else "hold"
    return Step(action, outcome.price, state.phase, next_at, next_price, outcome.reason, state)


def _stop(listing: Listing, state: LadderState | None, now: datetime, reason: str) -> Step:
    if state is None:
        state = LadderState(
            listing.listing_id, "stopped", now, now, listing.price, first_price=listing.price
        )
    elif state.phase != "stopped":
        state = replace(state, phase="stopped", entered_at=now)
    return Step("stop", None, "stopped", None, None, reason, state)


def _track(
    listing: Listing, stopped: LadderState | None, config: LadderConfig, now: datetime
) -> tuple[LadderState, Outcome]:
    """Start (or restart) the ladder at the listing's price; its first step waits an interval."""
    # A restart keeps the last change's time so a relisting cannot shorten an interval.
    since = now if stopped is None else max(now, stopped.last_change_at)
    first = listing.price if stopped is None or stopped.first_price is None else stopped.first_price
    state = LadderState(listing.listing_id, "start", now, since, listing.price, first_price=first)
    first_day = format_day(since + config.median_interval)
    verb = "started: tracking" if stopped is None else "restarted: listing is For Sale again"
    reason = f"{verb} at {listing.price}; no step before {first_day}"
    return state, Outcome(None, "start", reason)


def _adopt(
    price: Money, state: LadderState, config: LadderConfig, now: datetime
) -> tuple[LadderState, Outcome]:
    """The user changed the price on Discogs: continue from it, an interval from now."""
    since = max(now, state.last_change_at)
    adopted = replace(state, last_change_at=since, last_price=price)
    next_day = format_day(since + interval_for(state.phase, config))
    reason = (
        f"adopted {price} set on Discogs (was {state.last_price}); next step allowed on {next_day}"
    )
    return adopted, Outcome(None, state.phase, reason)


def _next_change(
    price: Money, state: LadderState, market: MarketInputs, config: LadderConfig, now: datetime
) -> tuple[datetime | None, Money | None]:
    """When and to what the price would next change, replaying holds until their wake times."""
    at = now
    for _ in range(_LOOKAHEAD):
        outcome, state = advance(price, state, market, config, at)
        if outcome.price is not None:
            return at, outcome.price
        if outcome.wake_at is None or outcome.wake_at <= at:
            break
        at = outcome.wake_at
    return None, None
