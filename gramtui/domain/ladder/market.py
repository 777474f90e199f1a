"""The two market figures the ladder aims at, and where each came from.

The median is Discogs's price suggestion for the listing's condition, the low is the marketplace's
lowest price; the listing's override replaces either. A missing figure carries why it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gramtui.domain.ladder.config import LadderOverride
from gramtui.domain.ladder.errors import LadderError
from gramtui.domain.ladder.pricing import format_age
from gramtui.domain.marketplace import Listing, MarketData
from gramtui.domain.money import Money

OVERRIDE = "override"
SUGGESTION = "suggestion:"  # + the condition, e.g. "suggestion:Very Good Plus (VG+)"
STATS_LOWEST = "stats:lowest"
MISSING = "missing:"  # + why, e.g. "missing:market data not fetched yet"


@dataclass(frozen=True, slots=True)
class MarketInputs:
    median: Money | None
    median_source: str
    median_at: datetime | None
    low: Money | None
    low_source: str
    low_at: datetime | None


def market_inputs(
    listing: Listing, market: MarketData | None, override: LadderOverride | None = None
) -> MarketInputs:
    """The median and low for `listing`, from Discogs's figures or the listing's override."""
    if market is not None and market.release_id != listing.release_id:
        raise LadderError(
            f"Market data for release {market.release_id} was given for listing "
            f"{listing.listing_id} of release {listing.release_id}; pass that release's data."
        )
    median, median_source, median_at = _median(listing, market)
    low, low_source, low_at = _low(market)
    if override is not None and override.median is not None:
        median, median_source, median_at = override.median, OVERRIDE, override.median_at
    if override is not None and override.low is not None:
        low, low_source, low_at = override.low, OVERRIDE, override.low_at
    return MarketInputs(median, median_source, median_at, low, low_source, low_at)


def describe_source(source: str, at: datetime | None, now: datetime) -> str:
    """Where a figure came from and how old it is, e.g. `suggestion for VG+, 2 days old`."""
    if source == OVERRIDE:
        return "your override" if at is None else f"your override, {format_age(at, now)}"
    if source.startswith(SUGGESTION):
        label = f"suggestion for {condition_short(source.removeprefix(SUGGESTION))}"
    elif source == STATS_LOWEST:
        label = "marketplace stats"
    else:
        label = source
    return f"{label}, {format_age(at, now)}"


def missing_why(source: str) -> str:
    return source.removeprefix(MISSING)


def condition_short(condition: str) -> str:
    """The short grade, `Very Good Plus (VG+)` -> `VG+`; a name without one stays whole."""
    start, end = condition.rfind("("), condition.rfind(")")
    return condition[start + 1 : end] if 0 <= start < end else condition


def _median(
    listing: Listing, market: MarketData | None
) -> tuple[Money | None, str, datetime | None]:
    if market is None:
        return None, MISSING + "market data not fetched yet", None
    if not market.suggestions_available:
        return None, MISSING + "price suggestions unavailable (fill in seller settings)", None
    if not listing.condition:
        return None, MISSING + "the listing has no condition", None
    suggestion = market.suggestions.get(listing.condition)
    if suggestion is None:
        return None, MISSING + f"no price suggestion for {listing.condition}", None
    return suggestion, SUGGESTION + listing.condition, market.fetched_at


def _low(market: MarketData | None) -> tuple[Money | None, str, datetime | None]:
    if market is None:
        return None, MISSING + "market data not fetched yet", None
    if market.lowest is None:
        return None, MISSING + "no marketplace low (nothing for sale, or blocked)", None
    return market.lowest, STATS_LOWEST, market.fetched_at
