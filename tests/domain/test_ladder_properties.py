"""Property tests: thousands of random market timelines thrown at plan(), guard rails checked.

Each timeline draws a configuration, then 20-60 events: the clock moves (hours, days, week-long
sleeps, and backwards), the market median and low move or vanish, the user edits the price on
Discogs, the listing leaves and re-enters For Sale, the listing is paused and resumed. After each
event plan() runs and every change it makes is applied, as the queue would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from gramtui.domain.ladder import (
    PHASES,
    LadderConfig,
    LadderState,
    MarketInputs,
    Step,
    StepRule,
    plan,
)
from gramtui.domain.marketplace import LISTING_STATUSES, Listing
from gramtui.domain.money import Money

TIMELINES = 3000
SEED = 20261120
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
HOUR = timedelta(hours=1)


def random_money(rng: random.Random, low: int = 100, high: int = 6000) -> Money:
    return Money(rng.randint(low, high))


def random_step(rng: random.Random) -> StepRule:
    if rng.random() < 0.7:
        return StepRule(percent=Decimal(rng.randint(1, 25)))
    return StepRule(amount=random_money(rng, 1, 400))


def random_config(rng: random.Random) -> LadderConfig:
    stale = rng.random() < 0.3
    stale_price = random_money(rng, 50, 2000) if stale and rng.random() < 0.5 else None
    return LadderConfig(
        start_premium=Decimal(rng.choice(["1", "1.1", "1.3", "1.5", "2"])),
        median_step=random_step(rng),
        median_interval=HOUR * rng.randint(1, 240),
        hold_time=HOUR * rng.randint(0, 960),
        low_step=random_step(rng),
        low_interval=HOUR * rng.randint(1, 240),
        floor=random_money(rng, 50, 3000) if rng.random() < 0.4 else None,
        floor_fraction_of_low=Decimal(rng.choice(["0.5", "0.8", "0.95", "1"]))
        if rng.random() < 0.3
        else None,
        stale_after=HOUR * rng.randint(1, 1200) if stale else None,
        stale_price=stale_price,
        stale_fraction_of_low=Decimal(rng.choice(["0.6", "0.9"]))
        if stale and stale_price is None
        else None,
        max_drop_percent=Decimal(rng.randint(1, 40)) if rng.random() < 0.7 else None,
        max_drop_amount=random_money(rng, 1, 500) if rng.random() < 0.3 else None,
        allow_raise=rng.random() < 0.25,
    )


def random_market(rng: random.Random, at: datetime) -> MarketInputs:
    median = random_money(rng) if rng.random() < 0.9 else None
    if median is not None and rng.random() < 0.03:
        median = Money(median.cents, "EUR")  # fetched in the wrong currency: must hold
    low = random_money(rng, 50, 4000) if rng.random() < 0.85 else None
    return MarketInputs(
        median,
        "suggestion:Very Good Plus (VG+)" if median else "missing:no suggestion",
        at if median else None,
        low,
        "stats:lowest" if low else "missing:no low",
        at if low else None,
    )


def next_time(rng: random.Random, now: datetime) -> datetime:
    roll = rng.random()
    if roll < 0.10:
        return now + timedelta(days=rng.randint(7, 21), hours=rng.randint(0, 23))  # asleep
    if roll < 0.20:
        return now - HOUR * rng.randint(1, 240)  # the clock moved backwards
    if roll < 0.25:
        return now  # planned again at the same moment
    return now + HOUR * rng.randint(1, 240)


class Timeline(list[tuple[str, tuple[object, ...]]]):
    """What happened (a format and its values per line), formatted only when an assertion shows
    it: formatting every step of 3,000 timelines was a seventh of this test's time."""

    def __repr__(self) -> str:
        return repr([line.format(*values) for line, values in self])


@dataclass
class Guard:
    """What the ladder has done so far, to check each new change against."""

    config: LadderConfig
    highest_set: int  # the highest price the user ever gave the listing
    changes: int = 0
    last_mark: datetime | None = None  # latest change, adoption or (re)start
    log: Timeline = field(default_factory=lambda: Timeline())

    def mark(self, now: datetime) -> None:
        self.last_mark = now if self.last_mark is None else max(self.last_mark, now)


def floor_cents(config: LadderConfig, market: MarketInputs) -> Decimal:
    """The exact floor (before rounding to the cent) the market and settings give."""
    floor = Decimal(config.floor.cents if config.floor else 1)
    if config.floor_fraction_of_low is not None and market.low is not None:
        floor = max(floor, market.low.cents * config.floor_fraction_of_low)
    return floor


def check(step: Step, listing: Listing, market: MarketInputs, now: datetime, guard: Guard) -> None:
    config = guard.config
    assert step.phase in PHASES
    assert step.reason and isinstance(step.reason, str)
    assert step.new_state.listing_id == listing.listing_id
    if listing.status != "For Sale":
        assert step.action == "stop" and step.new_price is None, guard.log
        assert step.reason == f"stopped: listing is {listing.status}"
        return
    if step.action == "stop":
        assert step.reason == "stopped: paused" and step.new_state.paused
        return
    if step.next_at is not None:
        assert step.next_at >= now, guard.log
        assert step.next_price is not None and type(step.next_price.cents) is int
    if step.action == "hold":
        assert step.new_price is None
        if step.reason.startswith(("adopted", "started", "restarted")):
            guard.mark(now)
        return

    new = step.new_price
    assert step.action == "change" and new is not None
    assert isinstance(new, Money) and type(new.cents) is int and new.currency == "USD"
    assert new != listing.price
    # never below the floor (half a cent of rounding at most)
    assert new.cents >= floor_cents(config, market) - Decimal("0.5"), guard.log
    # never above the start, never up unless raising is allowed (and then only to the start price)
    if new > listing.price:
        assert config.allow_raise and market.median is not None, guard.log
        assert new.cents <= market.median.cents * config.start_premium + Decimal("0.5"), guard.log
    if not config.allow_raise:
        assert new.cents < guard.highest_set, guard.log
    # a step down never drops more than the max drop
    drop = listing.price.cents - new.cents
    if config.max_drop_percent is not None:
        assert drop <= listing.price.cents * config.max_drop_percent / 100 + Decimal("0.5")
    if config.max_drop_amount is not None:
        assert drop <= config.max_drop_amount.cents, guard.log
    # at most one change per interval, whatever the clock did
    interval = min(config.median_interval, config.low_interval)
    if guard.last_mark is not None:
        assert now >= guard.last_mark + interval, guard.log
    guard.mark(now)
    guard.changes += 1


def run_timeline(rng: random.Random, number: int) -> int:
    config = random_config(rng)
    now = EPOCH + timedelta(days=rng.randint(0, 300))
    listing = Listing(number, 7, "For Sale", random_money(rng, 200, 9000))
    market = random_market(rng, now)
    guard = Guard(config, highest_set=listing.price.cents)
    state: LadderState | None = None
    for _ in range(rng.randint(20, 60)):
        if rng.random() < 0.20:
            market = random_market(rng, now)
        if rng.random() < 0.07:
            listing = replace(listing, price=random_money(rng, 50, 9000))
            guard.highest_set = max(guard.highest_set, listing.price.cents)
        if rng.random() < (0.04 if listing.status == "For Sale" else 0.4):
            status = rng.choice(LISTING_STATUSES) if listing.status == "For Sale" else "For Sale"
            listing = replace(listing, status=status)
        if state is not None and rng.random() < (0.4 if state.paused else 0.03):
            state = replace(state, paused=not state.paused)
        now = next_time(rng, now)
        guard.log.append(
            ("{:%Y-%m-%d %H:%M} {} {} {}", (now, listing.status, listing.price, market))
        )
        repeats = 3 if rng.random() < 0.1 else 1  # woken several times at once
        changes_before = guard.changes
        for _ in range(repeats):
            step = plan(listing, state, market, config, now)
            check(step, listing, market, now, guard)
            guard.log.append(
                ("  {} {} {}: {}", (step.action, step.new_price, step.phase, step.reason))
            )
            state = step.new_state
            if step.new_price is not None:
                listing = replace(listing, price=step.new_price)
        assert guard.changes - changes_before <= 1, guard.log
    return guard.changes


@pytest.mark.slow
def test_random_timelines_keep_every_guard_rail() -> None:
    rng = random.Random(SEED)
    changes = sum(run_timeline(rng, number) for number in range(TIMELINES))
    assert changes > TIMELINES  # the ladder did move; the guards were exercised, not idle


def test_a_week_asleep_makes_at_most_one_change_per_listing() -> None:
    rng = random.Random(SEED + 1)
    for number in range(300):
        config = random_config(rng)
        listing = Listing(number, 7, "For Sale", random_money(rng, 500, 9000))
        market = random_market(rng, EPOCH)
        state = plan(listing, None, market, config, EPOCH).new_state
        wake = EPOCH + timedelta(days=rng.randint(7, 70))
        changes = 0
        for minutes in range(0, 120, 10):  # the app polls repeatedly after waking
            step = plan(listing, state, market, config, wake + timedelta(minutes=minutes))
            state = step.new_state
            if step.new_price is not None:
                listing = replace(listing, price=step.new_price)
                changes += 1
        assert changes <= 1
