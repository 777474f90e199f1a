"""plan(): each phase transition, each guard rail, each reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from gramtui.domain.ladder import (
    LadderClockError,
    LadderConfig,
    LadderError,
    LadderState,
    MarketInputs,
    Step,
    StepRule,
    plan,
)
from gramtui.domain.marketplace import Listing
from gramtui.domain.money import Money

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
WEEK = timedelta(days=7)
VGP = "Very Good Plus (VG+)"
MARKET = MarketInputs(
    median=Money(1840),
    median_source=f"suggestion:{VGP}",
    median_at=NOW - timedelta(days=2),
    low=Money(1200),
    low_source="stats:lowest",
    low_at=NOW - timedelta(days=1),
)
MEDIAN_LABEL = "the median 18.40 USD (suggestion for VG+, 2 days old)"
LOW_LABEL = "the market low 12.00 USD (marketplace stats, 1 day old)"
CONFIG = LadderConfig()


def listing(cents: int, status: str = "For Sale", currency: str = "USD") -> Listing:
    return Listing(1, 99, status, Money(cents, currency), condition=VGP)


def state(phase: str, cents: int, *, entered: timedelta, changed: timedelta, **kw) -> LadderState:
    """A state of listing 1 that entered `phase` and last changed the given time before NOW
    (first seen at `cents` unless `first_price` is given)."""
    kw.setdefault("first_price", Money(cents))
    return LadderState(1, phase, NOW - entered, NOW - changed, Money(cents), **kw)  # type: ignore[arg-type]


def assert_money(step: Step) -> None:
    for money in (step.new_price, step.next_price, step.new_state.last_price):
        if money is not None:
            assert isinstance(money, Money) and type(money.cents) is int


# --- tracking starts ---------------------------------------------------------------------------


def test_an_untracked_listing_starts_and_waits_one_interval() -> None:
    step = plan(listing(2392), None, MARKET, CONFIG, NOW)
    assert step.action == "hold" and step.new_price is None
    assert step.phase == "start"
    assert step.reason == "started: tracking at 23.92 USD; no step before 2026-11-27"
    assert step.new_state == LadderState(1, "start", NOW, NOW, Money(2392), first_price=Money(2392))
    assert step.next_at == NOW + WEEK
    assert step.next_price == Money(2272)  # 23.92 - 5% (1.196 -> 1.20)
    assert_money(step)


def test_start_holds_until_its_first_step_is_allowed() -> None:
    step = plan(
        listing(2392), state("start", 2392, entered=WEEK / 2, changed=WEEK / 2), MARKET, CONFIG, NOW
    )
    assert step.action == "hold" and step.phase == "start"
    assert step.reason == "held: no step before 2026-11-24"


# --- start -> to_median -> hold ----------------------------------------------------------------


def test_the_first_step_enters_to_median() -> None:
    step = plan(
        listing(2392), state("start", 2392, entered=WEEK, changed=WEEK), MARKET, CONFIG, NOW
    )
    assert step.action == "change"
    assert step.new_price == Money(2272)
    assert step.phase == "to_median"
    assert step.reason == f"5% step towards {MEDIAN_LABEL}"
    assert step.new_state == LadderState(
        1, "to_median", NOW, NOW, Money(2272), first_price=Money(2392)
    )
    assert (step.next_at, step.next_price) == (NOW + WEEK, Money(2158))
    assert_money(step)


def test_to_median_waits_for_its_interval() -> None:
    current = state("to_median", 2272, entered=timedelta(days=3), changed=timedelta(days=3))
    step = plan(listing(2272), current, MARKET, CONFIG, NOW)
    assert step.action == "hold" and step.phase == "to_median"
    assert step.reason == "held: next step allowed on 2026-11-24"
    assert step.new_state == current
    assert step.next_at == NOW + timedelta(days=4)


def test_reaching_the_median_enters_hold() -> None:
    current = state("to_median", 1900, entered=WEEK * 3, changed=WEEK)
    step = plan(listing(1900), current, MARKET, CONFIG, NOW)
    assert step.action == "change" and step.new_price == Money(1840)
    assert step.phase == "hold"
    assert step.reason == f"last step down to {MEDIAN_LABEL}"
    assert step.new_state.entered_at == NOW
    assert step.next_at == NOW + CONFIG.hold_time  # the hold ends, then 3% towards the low
    assert step.next_price == Money(1785)


def test_a_price_already_at_or_below_the_median_goes_straight_to_hold() -> None:
    step = plan(
        listing(1700), state("start", 1700, entered=WEEK, changed=WEEK), MARKET, CONFIG, NOW
    )
    assert step.action == "hold" and step.phase == "hold"
    assert step.reason == f"held at {MEDIAN_LABEL} until 2026-12-18"
    assert step.new_state.entered_at == NOW
    assert step.next_at == NOW + CONFIG.hold_time


# --- hold -> to_low -> at_low -> stale ---------------------------------------------------------


def test_hold_waits_for_the_hold_time() -> None:
    current = state("hold", 1840, entered=timedelta(days=20), changed=timedelta(days=20))
    step = plan(listing(1840), current, MARKET, CONFIG, NOW)
    assert step.action == "hold" and step.phase == "hold"
    assert step.reason == f"held at {MEDIAN_LABEL} until 2026-11-28"
    assert step.next_at == NOW + timedelta(days=8)


def test_after_the_hold_time_the_price_steps_towards_the_low() -> None:
    current = state("hold", 1840, entered=timedelta(days=28), changed=timedelta(days=28))
    step = plan(listing(1840), current, MARKET, CONFIG, NOW)
    assert step.action == "change" and step.new_price == Money(1785)  # 55.2 cents off
    assert step.phase == "to_low"
    assert step.reason == f"3% step towards {LOW_LABEL}"


def test_reaching_the_low_enters_at_low_and_then_nothing_more_happens() -> None:
    current = state("to_low", 1230, entered=WEEK * 5, changed=WEEK)
    step = plan(listing(1230), current, MARKET, CONFIG, NOW)
    assert step.action == "change" and step.new_price == Money(1200)
    assert step.phase == "at_low"
    assert step.reason == f"last step down to {LOW_LABEL}"
    assert (step.next_at, step.next_price) == (None, None)
    later = plan(listing(1200), step.new_state, MARKET, CONFIG, NOW + WEEK * 3)
    assert later.action == "hold" and later.phase == "at_low"
    assert (
        later.reason == "held at the market low 12.00 USD (marketplace stats, 22 days old); "
        "nothing more to do"
    )


def test_at_low_goes_stale_after_the_configured_time() -> None:
    config = LadderConfig(stale_after=timedelta(days=30), stale_fraction_of_low=Decimal("0.8"))
    early = plan(
        listing(1200),
        state("at_low", 1200, entered=timedelta(days=10), changed=timedelta(days=10)),
        MARKET,
        config,
        NOW,
    )
    assert early.action == "hold"
    assert early.reason == f"held at {LOW_LABEL}; the stale floor applies from 2026-12-10"
    assert (early.next_at, early.next_price) == (NOW + timedelta(days=20), Money(1164))

    due = state("at_low", 1200, entered=timedelta(days=30), changed=timedelta(days=30))
    step = plan(listing(1200), due, MARKET, config, NOW)
    assert step.action == "change" and step.new_price == Money(1164)
    assert step.phase == "stale"
    assert step.reason == "3% step towards the stale floor 9.60 USD"

    settled = plan(
        listing(960), replace(step.new_state, last_price=Money(960)), MARKET, config, NOW + WEEK * 9
    )
    assert settled.action == "hold" and settled.phase == "stale"
    assert settled.reason == "held at the stale floor 9.60 USD; nothing more to do"


def test_at_low_follows_a_falling_low() -> None:
    current = state("at_low", 1200, entered=WEEK * 4, changed=WEEK * 4)
    step = plan(listing(1200), current, replace(MARKET, low=Money(1000)), CONFIG, NOW)
    assert step.action == "change" and step.new_price == Money(1164)
    assert step.phase == "at_low"
    assert step.new_state.entered_at == current.entered_at


# --- floors and step limits --------------------------------------------------------------------


def test_a_floor_above_the_median_becomes_the_target() -> None:
    config = LadderConfig(floor=Money(2000))
    step = plan(
        listing(2050), state("to_median", 2050, entered=WEEK, changed=WEEK), MARKET, config, NOW
    )
    assert step.new_price == Money(2000)
    assert step.phase == "hold"
    assert step.reason == f"last step down to the floor 20.00 USD (above {MEDIAN_LABEL})"


def test_a_floor_as_a_fraction_of_the_low_needs_the_low() -> None:
    config = LadderConfig(floor_fraction_of_low=Decimal("0.9"))
    no_low = replace(MARKET, low=None, low_source="missing:market data not fetched yet")
    step = plan(
        listing(2392), state("to_median", 2392, entered=WEEK, changed=WEEK), no_low, config, NOW
    )
    assert step.action == "hold"
    assert step.reason == (
        "held: the floor is a fraction of the market low, which is missing "
        "(market data not fetched yet)"
    )
    assert step.next_at is None


def test_a_price_below_the_floor_is_left_alone() -> None:
    config = LadderConfig(floor=Money(1500))
    step = plan(
        listing(1400), state("hold", 1400, entered=WEEK * 8, changed=WEEK), MARKET, config, NOW
    )
    assert step.action == "hold"
    assert step.reason == (
        "held: the price 14.00 USD is below the floor 15.00 USD and the ladder may not raise it"
    )


def test_the_max_drop_caps_a_step_and_says_so() -> None:
    config = LadderConfig(median_step=StepRule(amount=Money(500)), max_drop_amount=Money(150))
    step = plan(
        listing(3000), state("to_median", 3000, entered=WEEK, changed=WEEK), MARKET, config, NOW
    )
    assert step.new_price == Money(2850)
    assert (
        step.reason == f"5.00 USD step towards {MEDIAN_LABEL} (capped by the max drop of 1.50 USD)"
    )


def test_the_max_drop_percent_caps_too() -> None:
    config = LadderConfig(median_step=StepRule(percent=Decimal(40)))
    step = plan(
        listing(3000), state("to_median", 3000, entered=WEEK, changed=WEEK), MARKET, config, NOW
    )
    assert step.new_price == Money(2700)  # 10% of 30.00, not 40%


def test_a_fixed_amount_step() -> None:
    config = LadderConfig(median_step=StepRule(amount=Money(100)))
    step = plan(
        listing(2392), state("to_median", 2392, entered=WEEK, changed=WEEK), MARKET, config, NOW
    )
    assert step.new_price == Money(2292)
    assert step.reason == f"1.00 USD step towards {MEDIAN_LABEL}"


# --- missing or mismatched market data ---------------------------------------------------------


def test_no_median_holds_the_listing_and_says_why() -> None:
    no_median = replace(
        MARKET, median=None, median_at=None, median_source=f"missing:no price suggestion for {VGP}"
    )
    step = plan(
        listing(2392), state("to_median", 2392, entered=WEEK, changed=WEEK), no_median, CONFIG, NOW
    )
    assert step.action == "hold" and step.new_price is None
    assert step.reason == (
        f"held: no market median for this listing (no price suggestion for {VGP})"
    )
    assert (step.next_at, step.next_price) == (None, None)


def test_no_low_holds_the_listing_in_the_low_phases() -> None:
    no_low = replace(MARKET, low=None, low_source="missing:no marketplace low")
    step = plan(
        listing(1840), state("to_low", 1840, entered=WEEK, changed=WEEK), no_low, CONFIG, NOW
    )
    assert step.action == "hold"
    assert step.reason == "held: no market low for this listing (no marketplace low)"


def test_a_missing_median_does_not_block_the_end_of_the_hold() -> None:
    no_median = replace(MARKET, median=None, median_source="missing:market data not fetched yet")
    current = state("hold", 1840, entered=timedelta(days=10), changed=timedelta(days=10))
    step = plan(listing(1840), current, no_median, CONFIG, NOW)
    assert step.action == "hold"
    assert step.next_at == NOW + timedelta(days=18)  # the hold ends; the low is known
    assert step.next_price == Money(1785)


def test_market_figures_in_another_currency_hold_the_listing() -> None:
    step = plan(
        listing(2392, currency="EUR"),
        LadderState(1, "to_median", NOW - WEEK, NOW - WEEK, Money(2392, "EUR")),
        MARKET,
        CONFIG,
        NOW,
    )
    assert step.action == "hold"
    assert step.reason == "held: the market median is in USD but the listing is priced in EUR"


def test_settings_in_another_currency_hold_the_listing() -> None:
    config = LadderConfig(floor=Money(500, "EUR"))
    step = plan(
        listing(2392), state("to_median", 2392, entered=WEEK, changed=WEEK), MARKET, config, NOW
    )
    assert step.reason == (
        "held: the floor setting is in EUR but the listing is priced in USD; set it in USD"
    )


# --- status, pause, user edits -----------------------------------------------------------------


@pytest.mark.parametrize("status", ["Sold", "Draft", "Expired", "Deleted", "Suspended"])
def test_a_listing_not_for_sale_is_stopped(status: str) -> None:
    current = state("to_median", 2392, entered=WEEK, changed=WEEK)
    step = plan(listing(2392, status), current, MARKET, CONFIG, NOW)
    assert step.action == "stop" and step.new_price is None
    assert step.phase == "stopped"
    assert step.reason == f"stopped: listing is {status}"
    assert step.new_state.phase == "stopped" and step.new_state.entered_at == NOW
    assert (step.next_at, step.next_price) == (None, None)
    untracked = plan(listing(2392, status), None, MARKET, CONFIG, NOW)
    assert untracked.action == "stop" and untracked.new_state.phase == "stopped"


def test_a_relisted_listing_restarts_without_shortening_the_interval() -> None:
    stopped = LadderState(1, "stopped", NOW - WEEK, NOW + timedelta(days=1), Money(2000))
    step = plan(listing(2100), stopped, MARKET, CONFIG, NOW)
    assert step.action == "hold" and step.phase == "start"
    assert step.reason == (
        "restarted: listing is For Sale again at 21.00 USD; no step before 2026-11-28"
    )
    assert step.new_state.last_change_at == NOW + timedelta(days=1)
    assert step.new_state.last_price == Money(2100)


def test_a_paused_listing_is_stopped_but_keeps_its_phase() -> None:
    current = state("to_median", 2392, entered=WEEK, changed=WEEK, paused=True)
    step = plan(listing(2392), current, MARKET, CONFIG, NOW)
    assert step.action == "stop" and step.phase == "stopped"
    assert step.reason == "stopped: paused"
    assert step.new_state == current
    resumed = plan(listing(2392), replace(current, paused=False), MARKET, CONFIG, NOW)
    assert resumed.action == "change" and resumed.phase == "to_median"


def test_a_price_the_user_set_on_discogs_is_adopted_not_fought() -> None:
    current = state("to_median", 2272, entered=WEEK * 2, changed=WEEK * 2)
    step = plan(listing(2600), current, MARKET, CONFIG, NOW)
    assert step.action == "hold" and step.phase == "to_median"
    assert step.reason == (
        "adopted 26.00 USD set on Discogs (was 22.72 USD); next step allowed on 2026-11-27"
    )
    assert step.new_state.last_price == Money(2600)
    assert step.new_state.last_change_at == NOW
    assert (step.next_at, step.next_price) == (NOW + WEEK, Money(2470))  # from 26.00, not 22.72
    again = plan(listing(2600), step.new_state, MARKET, CONFIG, NOW + timedelta(days=1))
    assert again.action == "hold"


def test_adopting_with_a_clock_behind_does_not_move_the_last_change_back() -> None:
    current = state("to_median", 2272, entered=WEEK, changed=-timedelta(days=2))
    step = plan(listing(2000), current, MARKET, CONFIG, NOW)
    assert step.new_state.last_change_at == NOW + timedelta(days=2)


# --- clocks ------------------------------------------------------------------------------------


def test_a_week_asleep_makes_one_step_not_several() -> None:
    current = state("to_median", 3000, entered=WEEK * 8, changed=WEEK * 7)
    woke = plan(listing(3000), current, MARKET, CONFIG, NOW)
    assert woke.action == "change" and woke.new_price == Money(2850)
    assert woke.next_at == NOW + WEEK  # timed from now, not from the missed schedule
    changes = [woke]
    price, at_state = woke.new_price, woke.new_state
    for minutes in (0, 1, 60, 600):
        again = plan(
            listing(price.cents), at_state, MARKET, CONFIG, NOW + timedelta(minutes=minutes)
        )
        assert again.action == "hold"
        changes.append(again)
    assert sum(s.action == "change" for s in changes) == 1


def test_a_clock_moving_backwards_changes_nothing() -> None:
    current = state("to_median", 2272, entered=WEEK, changed=timedelta(0))
    step = plan(listing(2272), current, MARKET, CONFIG, NOW - timedelta(days=30))
    assert step.action == "hold"
    assert step.reason == (
        "held: the clock (2026-10-21 12:00) is behind the ladder's last record "
        "(2026-11-20 12:00); nothing changes until it catches up"
    )
    assert step.new_state == current
    assert step.next_at == NOW + WEEK


def test_now_must_be_timezone_aware() -> None:
    with pytest.raises(LadderClockError, match="now must be a timezone-aware"):
        plan(listing(2392), None, MARKET, CONFIG, datetime(2026, 11, 20))


def test_state_of_another_listing_is_refused() -> None:
    other = LadderState(2, "start", NOW, NOW, Money(100))
    with pytest.raises(LadderError, match="state of listing 2 was given for listing 1"):
        plan(listing(2392), other, MARKET, CONFIG, NOW)


# --- raising -----------------------------------------------------------------------------------


def test_prices_are_not_raised_by_default() -> None:
    risen = replace(MARKET, median=Money(2500))
    current = state("hold", 1840, entered=WEEK, changed=WEEK)
    step = plan(listing(1840), current, risen, CONFIG, NOW)
    assert step.action == "hold"


def test_allow_raise_lifts_the_price_to_a_risen_median() -> None:
    config = LadderConfig(allow_raise=True, max_raise_percent=Decimal(50))  # caps: own tests
    risen = replace(MARKET, median=Money(2500))
    step = plan(listing(1840), state("hold", 1840, entered=WEEK, changed=WEEK), risen, config, NOW)
    assert step.action == "change" and step.new_price == Money(2500)
    assert step.phase == "hold"
    assert step.reason == (
        "raised to the median 25.00 USD (suggestion for VG+, 2 days old) (raising allowed)"
    )


def test_a_raise_stops_at_the_start_price() -> None:
    config = LadderConfig(
        allow_raise=True, start_premium=Decimal("1.1"), max_raise_percent=Decimal(100)
    )
    high_low = replace(MARKET, low=Money(3000))  # a low above the median: odd, but possible
    step = plan(
        listing(1500), state("at_low", 1500, entered=WEEK, changed=WEEK), high_low, config, NOW
    )
    assert step.new_price == Money(2024)  # 18.40 x 1.1
    assert step.reason.startswith("raised towards the market low 30.00 USD")
