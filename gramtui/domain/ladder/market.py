"""The two market figures the ladder aims at, and where each came from.

The median is Discogs's price suggestion for the listing's condition, the low is the marketplace's
lowest price; the listing's override replaces either. A missing figure carries why it is missing.
Every figure from Discogs passes `gramtui.domain.figures.check_figure` (against the listing's own
price): a refused one is no figure, and its refusal is kept so the listing holds with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from gramtui.domain.figures import FigureBounds, Refusal, check_figure
from gramtui.domain.ladder.config import LadderOverride
from gramtui.domain.ladder.errors import LadderError
from gramtui.domain.ladder.pricing import format_age
from gramtui.domain.marketplace import Listing, MarketData
from gramtui.domain.money import Money

OVERRIDE = "override"
SUGGESTION = "suggestion:"  # + the condition, e.g. "suggestion:Very Good Plus (VG+)"
STATS_LOWEST = "stats:lowest"
MISSING = "missing:"  # + why, e.g. "missing:market data not fetched yet"
REFUSED = "refused:"  # + the refusal, e.g. "refused:price suggestion 0.00 USD refused: zero"


@dataclass(frozen=True, slots=True)
class MarketInputs:
    median: Money | None
    median_source: str
    median_at: datetime | None
    low: Money | None
    low_source: str
    low_at: datetime | None
    refused: tuple[Refusal, ...] = ()  # Discogs figures that did not count; the listing holds


def market_inputs(
    listing: Listing,
    market: MarketData | None,
    override: LadderOverride | None = None,
    bounds: FigureBounds = FigureBounds(),  # noqa: B008 - frozen
    *,
    now: datetime | None = None,
    max_age: timedelta | None = None,
) -> MarketInputs:
    """The median and low for `listing`, from Discogs's figures or the listing's override.

    Discogs's figures are checked against the listing's price with `bounds`, and, given `now` and
    `max_age`, for their age; the listing's override (the user's own figure) is taken as it is."""
    if market is not None and market.release_id != listing.release_id:
        raise LadderError(
            f"Market data for release {market.release_id} was given for listing "
            f"{listing.listing_id} of release {listing.release_id}; pass that release's data."
        )
    median, median_source, median_at = _median(listing, market)
    low, low_source, low_at = _low(market)
    refused: list[Refusal] = []
    if override is None or override.median is None:
        median, median_source = _checked(
            "price suggestion",
            median,
            median_source,
            listing,
            bounds,
            refused,
            at=median_at,
            now=now,
            max_age=max_age,
        )
    else:
        median, median_source, median_at = override.median, OVERRIDE, override.median_at
    if override is None or override.low is None:
        low, low_source = _checked(
            "marketplace low",
            low,
            low_source,
            listing,
            bounds,
            refused,
            at=low_at,
            now=now,
            max_age=max_age,
        )
    else:
        low, low_source, low_at = override.low, OVERRIDE, override.low_at
    return MarketInputs(median, median_source, median_at, low, low_source, low_at, tuple(refused))


def _checked(
    label: str,
    figure: Money | None,
    source: str,
    listing: Listing,
    bounds: FigureBounds,
    refused: list[Refusal],
    *,
    at: datetime | None,
    now: datetime | None,
    max_age: timedelta | None,
) -> tuple[Money | None, str]:
    """The figure when it counts; else None, a refused source, and the refusal noted."""
    verdict = check_figure(
        label,
        figure,
        None,
        listing.price.currency,
        listing.price,
        bounds,
        at=at,
        now=now,
        max_age=max_age,
    )
    if isinstance(verdict, Refusal):
        refused.append(verdict)
        return None, REFUSED + verdict.reason
    return verdict, source


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
    """Why a figure is missing (or was refused), from its source."""
    return source.removeprefix(MISSING).removeprefix(REFUSED)


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
