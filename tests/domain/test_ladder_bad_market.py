"""A year on the ladder over a marketplace that answers nonsense: no price moves. And the guard
rails that hold whatever the market says: the default floor and the raise cap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from gramtui.domain.figures import FigureBounds
from gramtui.domain.ladder import LadderConfig, LadderState, market_inputs, plan, simulate
from gramtui.domain.ladder.floor import base_floor
from gramtui.domain.marketplace import Listing, MarketData
from gramtui.domain.money import Money

START = datetime(2026, 1, 5, 9, tzinfo=UTC)
VGP = "Very Good Plus (VG+)"
YEAR = 52


def listing(cents: int) -> Listing:
    return Listing(1, 99, "For Sale", Money(cents), condition=VGP)


def market(suggestion: Money, low: Money) -> MarketData:
    return MarketData(99, START, {VGP: suggestion}, low, 12)


BAD_MARKETS = {
    "zeros": market(Money(0), Money(0)),
    "negatives": market(Money(-1840), Money(-1200)),
    "huge": market(Money(100_000_000_000), Money(100_000_000_000)),
    "other currency": market(Money(1840, "EUR"), Money(1200, "EUR")),
}


@pytest.mark.parametrize("allow_raise", [False, True])
@pytest.mark.parametrize("name", list(BAD_MARKETS))
def test_a_year_over_a_bad_market_changes_no_price(name: str, allow_raise: bool) -> None:
    item = listing(2392)
    inputs = market_inputs(item, BAD_MARKETS[name])
    assert inputs.median is None and inputs.low is None and len(inputs.refused) == 2
    path = simulate(item, None, inputs, LadderConfig(allow_raise=allow_raise), START, YEAR)
    assert [point.price for point in path] == [Money(2392)]  # tracked, then nothing
    # Once the first interval is over, the hold says which figure was refused and why.
    state = LadderState(1, "start", START, START, Money(2392), first_price=Money(2392))
    step = plan(item, state, inputs, LadderConfig(), START + timedelta(days=8))
    assert step.action == "hold" and step.reason.startswith("held: price suggestion ")
    assert "refused" in step.reason and "marketplace low" in step.reason


def test_the_same_year_over_a_sane_market_walks_down_to_the_low() -> None:
    item = listing(2392)
    path = simulate(
        item,
        None,
        market_inputs(item, market(Money(1840), Money(1400))),
        LadderConfig(),
        START,
        YEAR,
    )
    assert len(path) > 5 and path[-1].price == Money(1400)


def test_a_figure_too_far_from_the_listing_holds_it() -> None:
    item = listing(2500)
    inputs = market_inputs(item, market(Money(1840), Money(200)))  # a low under a tenth
    assert inputs.median == Money(1840) and inputs.low is None
    assert inputs.low_source == (
        "refused:marketplace low 2.00 USD refused: below a tenth of the listing's price 25.00"
    )
    wide = market_inputs(
        item, market(Money(1840), Money(200)), bounds=FigureBounds(Decimal("0.05"))
    )
    assert wide.low == Money(200)


def test_the_default_floor_is_half_the_first_price() -> None:
    """No floor set: a sane but low market stops at 50 % of the first price (it went on to the
    market low, 6.00, before)."""
    item = listing(2500)
    inputs = market_inputs(item, market(Money(1000), Money(600)))
    path = simulate(item, None, inputs, LadderConfig(), START, YEAR)
    assert min(point.price for point in path) == Money(1250)
    assert path[-1].price == Money(1250) and "the floor 12.50 USD" in path[-1].reason
    floor = base_floor(LadderConfig(), Money(2500), "USD")
    assert (floor.price, floor.source) == (Money(1250), "50% of first price 25.00")
    configured = base_floor(LadderConfig(floor=Money(900)), Money(2500), "USD")
    assert (configured.price, configured.source) == (Money(900), "configured")
    quarter = LadderConfig(default_floor_fraction=Decimal("0.25"))
    assert min(p.price for p in simulate(item, None, inputs, quarter, START, YEAR)) == Money(625)


def test_raises_are_capped_per_step_and_by_the_first_price() -> None:
    """A median at nine times the price (inside the figure bounds) and raising allowed: each
    raise adds at most 10 %, and the price never passes twice the first price."""
    item = listing(1000)
    state = LadderState(1, "hold", START, START, Money(1000), first_price=Money(1000))
    inputs = market_inputs(item, market(Money(9000), Money(8000)))
    assert inputs.median == Money(9000)
    config = LadderConfig(allow_raise=True)
    path = simulate(item, state, inputs, config, START, YEAR)
    prices = [point.price.cents for point in path]
    assert prices[1] == 1100 and "the most one raise may add" in path[1].reason
    assert all(b <= a * 1.1 + 1 for a, b in zip(prices, prices[1:], strict=False))
    assert max(prices) == 2000 and "2x the first price" in path[-1].reason
    # Bounds wide open (the market figure let through): the cap still holds at 2x.
    huge = market_inputs(
        item,
        market(Money(100_000_000_000), Money(100_000_000_000)),
        bounds=FigureBounds(max_multiple=Decimal(10**12)),
    )
    path = simulate(item, state, huge, config, START, YEAR)
    assert max(point.price for point in path) == Money(2000)


def test_a_state_from_before_first_prices_takes_its_last_price() -> None:
    old = LadderState(1, "to_median", START, START, Money(2000))
    step = plan(
        listing(2000),
        old,
        market_inputs(listing(2000), market(Money(1840), Money(1200))),
        LadderConfig(),
        START + timedelta(days=1),
    )
    assert step.new_state.first_price == Money(2000)
