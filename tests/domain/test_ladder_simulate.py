"""simulate(): the projected path of a listing down its ladder."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from gramtui.domain.ladder import (
    PHASES,
    LadderConfig,
    LadderState,
    MarketInputs,
    simulate,
    simulate_all,
)
from gramtui.domain.marketplace import Listing
from gramtui.domain.money import Money

START = datetime(2026, 11, 1, tzinfo=UTC)
WEEK = timedelta(days=7)
VGP = "Very Good Plus (VG+)"
MARKET = MarketInputs(Money(1840), f"suggestion:{VGP}", START, Money(1200), "stats:lowest", START)
LISTING = Listing(1, 99, "For Sale", Money(2392), condition=VGP)
# No default floor (50% of the first price would lift the stale floor): the stale walk itself.
STALE = LadderConfig(
    stale_after=timedelta(days=30),
    stale_fraction_of_low=Decimal("0.8"),
    default_floor_fraction=None,
)


def test_the_path_walks_every_phase_in_order() -> None:
    path = simulate(LISTING, None, MARKET, STALE, START, 52)
    phases = [point.phase for point in path]
    seen = list(dict.fromkeys(phases))
    assert seen == ["start", "to_median", "hold", "to_low", "at_low", "stale"]
    assert [PHASES.index(p) for p in phases] == sorted(PHASES.index(p) for p in phases)
    assert path[0] == replace(path[0], at=START, price=Money(2392), phase="start")
    prices = [point.price.cents for point in path]
    assert prices == sorted(prices, reverse=True)
    assert path[-1].price == Money(960)  # the stale floor: 0.8 x 12.00
    assert path[-1].reason == "last step down to the stale floor 9.60 USD"
    assert all(type(point.price.cents) is int for point in path)


def test_changes_are_an_interval_apart_and_the_hold_lasts_its_time() -> None:
    path = simulate(LISTING, None, MARKET, STALE, START, 52)
    gaps = [b.at - a.at for a, b in zip(path, path[1:], strict=False)]
    assert min(gaps) >= WEEK
    reached_median = next(p for p in path if p.phase == "hold")
    left_median = next(p for p in path if p.phase == "to_low")
    assert left_median.at - reached_median.at == STALE.hold_time
    assert reached_median.price == Money(1840)


def test_the_path_ends_at_the_horizon() -> None:
    path = simulate(LISTING, None, MARKET, STALE, START, 4)
    assert path[-1].at <= START + 4 * WEEK
    assert len(path) == 5  # now and four weekly steps
    assert simulate(LISTING, None, MARKET, STALE, START, 0) == path[:1]


def test_simulation_is_deterministic() -> None:
    first = simulate(LISTING, None, MARKET, STALE, START, 52)
    assert simulate(LISTING, None, MARKET, STALE, START, 52) == first


def test_a_listing_without_a_median_stays_put_and_says_why() -> None:
    no_median = replace(MARKET, median=None, median_source="missing:market data not fetched yet")
    state = LadderState(1, "to_median", START - WEEK, START - WEEK, Money(2392))
    path = simulate(LISTING, state, no_median, STALE, START, 52)
    assert len(path) == 1
    assert path[0].reason == "held: no market median for this listing (market data not fetched yet)"


def test_a_sold_listing_has_a_one_point_path() -> None:
    path = simulate(replace(LISTING, status="Sold"), None, MARKET, STALE, START, 52)
    assert [(p.phase, p.reason) for p in path] == [("stopped", "stopped: listing is Sold")]


def test_simulate_all_keys_paths_by_listing() -> None:
    other = replace(LISTING, listing_id=2, price=Money(1500))
    paths = simulate_all(
        [(LISTING, None, MARKET, STALE), (other, None, MARKET, LadderConfig())], START, 12
    )
    assert set(paths) == {1, 2}
    assert paths[1] == simulate(LISTING, None, MARKET, STALE, START, 12)
    assert paths[2][1].phase == "hold"  # 15.00 is already below the median
