"""Market inputs: where the median and the low come from, and why one is missing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gramtui.domain.ladder import LadderError, LadderOverride, describe_source, market_inputs
from gramtui.domain.marketplace import Listing, MarketData
from gramtui.domain.money import Money

NOW = datetime(2026, 11, 20, tzinfo=UTC)
FETCHED = NOW - timedelta(days=2)
VGP = "Very Good Plus (VG+)"
LISTING = Listing(1, 99, "For Sale", Money(2500), condition=VGP)


def market(**changes: object) -> MarketData:
    values: dict = {
        "release_id": 99,
        "fetched_at": FETCHED,
        "suggestions": {VGP: Money(1840), "Mint (M)": Money(3000)},
        "lowest": Money(1200),
    }
    return MarketData(**(values | changes))


def test_median_is_the_suggestion_for_the_condition_and_low_the_marketplace_low() -> None:
    inputs = market_inputs(LISTING, market())
    assert inputs.median == Money(1840)
    assert inputs.median_source == f"suggestion:{VGP}"
    assert inputs.median_at == FETCHED
    assert inputs.low == Money(1200)
    assert inputs.low_source == "stats:lowest"
    assert inputs.low_at == FETCHED


def test_overrides_replace_each_figure_and_say_so() -> None:
    set_at = NOW - timedelta(days=5)
    override = LadderOverride(median=Money(2000), median_at=set_at)
    inputs = market_inputs(LISTING, market(), override)
    assert (inputs.median, inputs.median_source, inputs.median_at) == (
        Money(2000),
        "override",
        set_at,
    )
    assert inputs.low_source == "stats:lowest"
    low_only = market_inputs(LISTING, None, LadderOverride(low=Money(900)))
    assert (low_only.low, low_only.low_source, low_only.low_at) == (Money(900), "override", None)
    assert low_only.median is None


@pytest.mark.parametrize(
    ("listing", "data", "why"),
    [
        (LISTING, None, "market data not fetched yet"),
        (LISTING, market(suggestions_available=False), "seller settings"),
        (LISTING, market(suggestions={}), f"no price suggestion for {VGP}"),
        (Listing(1, 99, "For Sale", Money(2500)), market(), "the listing has no condition"),
    ],
)
def test_a_missing_median_says_why(listing: Listing, data: MarketData | None, why: str) -> None:
    inputs = market_inputs(listing, data)
    assert inputs.median is None and inputs.median_at is None
    assert inputs.median_source.startswith("missing:")
    assert why in inputs.median_source


def test_a_missing_low_says_why() -> None:
    inputs = market_inputs(LISTING, market(lowest=None))
    assert inputs.low is None
    assert inputs.low_source == "missing:no marketplace low (nothing for sale, or blocked)"


def test_market_data_of_another_release_is_refused() -> None:
    with pytest.raises(LadderError, match="release 5 was given for listing 1"):
        market_inputs(LISTING, market(release_id=5))


def test_sources_are_described_with_their_age() -> None:
    assert describe_source(f"suggestion:{VGP}", FETCHED, NOW) == "suggestion for VG+, 2 days old"
    assert describe_source("stats:lowest", NOW, NOW) == "marketplace stats, today"
    assert describe_source("override", None, NOW) == "your override"
    assert describe_source("override", NOW - timedelta(days=1), NOW) == "your override, 1 day old"
    ahead = describe_source("stats:lowest", NOW + timedelta(days=1), NOW)
    assert ahead == "marketplace stats, dated ahead of the clock"
