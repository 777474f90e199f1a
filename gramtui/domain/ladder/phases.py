"""How each phase moves an active listing's price: at most one change per call.

Every phase aims at a target (the median, the market low or the stale floor, never below the
floor) and walks towards it one step per interval. A phase whose work is done hands over to the
next one within the same call, so transitions never cost an interval.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from gramtui.domain.ladder.config import LadderConfig, StepRule
from gramtui.domain.ladder.floor import base_floor
from gramtui.domain.ladder.market import MarketInputs, describe_source, missing_why
from gramtui.domain.ladder.pricing import format_day, format_percent, percent_of, times
from gramtui.domain.ladder.state import LadderState, Phase
from gramtui.domain.money import Money

MEDIAN_PHASES: frozenset[Phase] = frozenset({"start", "to_median", "hold"})


@dataclass(frozen=True, slots=True)
class Outcome:
    """A change (`price` set) or a hold; `wake_at` is when a hold may end by itself."""

    price: Money | None
    phase: Phase
    reason: str
    wake_at: datetime | None = None


def interval_for(phase: Phase, config: LadderConfig) -> timedelta:
    """The least time between two changes in `phase`."""
    return config.median_interval if phase in MEDIAN_PHASES else config.low_interval


def advance(
    price: Money, state: LadderState, market: MarketInputs, config: LadderConfig, now: datetime
) -> tuple[Outcome, LadderState]:
    """The next move of an active (For Sale, not paused, price adopted) listing at `now`."""
    try:
        _check_clock(state, now)
        _check_currencies(price.currency, market, config)
        _check_refused(market)
        move = _RULES[state.phase](_Context(price, state, market, config, now))
        while isinstance(move, _Enter):  # phases only hand forwards, so this ends
            state = replace(state, phase=move.phase, entered_at=now)
            move = _RULES[state.phase](_Context(price, state, market, config, now))
    except _Held as held:
        move = Outcome(None, state.phase, held.reason, held.wake_at)
    if move.price is None:
        return move, state
    return move, replace(
        state,
        phase=move.phase,
        entered_at=now if move.phase != state.phase else state.entered_at,
        last_change_at=now,
        last_price=move.price,
    )


class _Held(Exception):
    """Raised deep in a rule to hold the listing where it is, with the reason why."""

    def __init__(self, reason: str, wake_at: datetime | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wake_at = wake_at


@dataclass(frozen=True, slots=True)
class _Enter:
    phase: Phase


@dataclass(frozen=True, slots=True)
class _Context:
    price: Money
    state: LadderState
    market: MarketInputs
    config: LadderConfig
    now: datetime


@dataclass(frozen=True, slots=True)
class _Target:
    price: Money  # the phase's figure, lifted to the floor when it is below it
    label: str
    floor: Money


def _start(ctx: _Context) -> Outcome | _Enter:
    due = ctx.state.last_change_at + ctx.config.median_interval
    if ctx.now < due:
        return Outcome(None, "start", f"held: no step before {format_day(due)}", due)
    return _Enter("to_median")


def _to_median(ctx: _Context) -> Outcome | _Enter:
    target = _median_target(ctx)
    step = _follow(ctx, target, ctx.config.median_step, ctx.config.median_interval, "hold")
    return step if step is not None else _Enter("hold")


def _hold(ctx: _Context) -> Outcome | _Enter:
    ends = ctx.state.entered_at + ctx.config.hold_time
    if ctx.now >= ends:
        return _Enter("to_low")
    with _waking_by(ends):
        target = _median_target(ctx)
        step = _follow(ctx, target, ctx.config.median_step, ctx.config.median_interval, "hold")
    if step is not None:
        return step
    return Outcome(None, "hold", f"held at {target.label} until {format_day(ends)}", ends)


def _to_low(ctx: _Context) -> Outcome | _Enter:
    target = _low_target(ctx)
    step = _follow(ctx, target, ctx.config.low_step, ctx.config.low_interval, "at_low")
    return step if step is not None else _Enter("at_low")


def _at_low(ctx: _Context) -> Outcome | _Enter:
    stale_from = None
    if ctx.config.stale_after is not None:
        stale_from = ctx.state.entered_at + ctx.config.stale_after
        if ctx.now >= stale_from:
            return _Enter("stale")
    with _waking_by(stale_from):
        target = _low_target(ctx)
        step = _follow(ctx, target, ctx.config.low_step, ctx.config.low_interval, "at_low")
    if step is not None:
        return step
    if stale_from is None:
        return Outcome(None, "at_low", f"held at {target.label}; nothing more to do")
    later = f"; the stale floor applies from {format_day(stale_from)}"
    return Outcome(None, "at_low", f"held at {target.label}{later}", stale_from)


def _stale(ctx: _Context) -> Outcome | _Enter:
    target = _stale_target(ctx)
    step = _follow(ctx, target, ctx.config.low_step, ctx.config.low_interval, "stale")
    if step is not None:
        return step
    return Outcome(None, "stale", f"held at {target.label}; nothing more to do")


_RULES: dict[Phase, Callable[[_Context], Outcome | _Enter]] = {
    "start": _start,
    "to_median": _to_median,
    "hold": _hold,
    "to_low": _to_low,
    "at_low": _at_low,
    "stale": _stale,
}


def _follow(
    ctx: _Context, target: _Target, rule: StepRule, interval: timedelta, arrive: Phase
) -> Outcome | None:
    """One step from the price towards `target` if one is due; None when there is nothing to do.

    Landing on the target enters `arrive`.
    """
    price, config = ctx.price, ctx.config
    if price > target.price:
        _require_due(ctx, interval)
        limit = _max_drop_cents(price, config)
        drop = min(rule.drop_cents(price), limit)
        if drop <= 0:
            raise _Held(f"held: the max drop per step rounds to nothing at {price}")
        cents = max(price.cents - drop, target.price.cents)
        if cents == target.price.cents:
            return Outcome(target.price, arrive, f"last step down to {target.label}")
        reason = f"{rule.describe()} step towards {target.label}"
        if drop < rule.drop_cents(price):
            reason += f" (capped by the max drop of {Money(limit, price.currency)})"
        return Outcome(Money(cents, price.currency), ctx.state.phase, reason)
    if price < target.price and config.allow_raise:
        ceiling = _raise_ceiling(ctx)
        if ceiling is not None:
            raised = min(target.price, ceiling.price)
            if raised > price and raised >= target.floor:
                _require_due(ctx, interval)
                if raised == target.price:
                    return Outcome(raised, arrive, f"raised to {target.label} (raising allowed)")
                return Outcome(
                    raised,
                    ctx.state.phase,
                    f"raised towards {target.label}, up to {ceiling.label}",
                )
    if price < target.floor:
        raise _Held(
            f"held: the price {price} is below the floor {target.floor} "
            "and the ladder may not raise it"
        )
    return None


def _require_due(ctx: _Context, interval: timedelta) -> None:
    due = ctx.state.last_change_at + interval
    if ctx.now < due:
        raise _Held(f"held: next step allowed on {format_day(due)}", due)


def _max_drop_cents(price: Money, config: LadderConfig) -> int:
    limits = [price.cents]
    if config.max_drop_percent is not None:
        limits.append(percent_of(price, config.max_drop_percent))
    if config.max_drop_amount is not None:
        limits.append(config.max_drop_amount.cents)
    return min(limits)


@dataclass(frozen=True, slots=True)
class _Ceiling:
    price: Money
    label: str


def _raise_ceiling(ctx: _Context) -> _Ceiling | None:
    """How high one raise may go (none without a median): the start price the median gives, at
    most `max_raise_percent` above the price, and never above `max_raise_multiple` x the first
    price. Each cap is measured from a figure the market cannot inflate but the first."""
    median = ctx.market.median
    if median is None:
        return None
    config, price = ctx.config, ctx.price
    first = ctx.state.first_price or ctx.state.last_price
    caps = [
        _Ceiling(
            times(median, config.start_premium),
            f"the start price {times(median, config.start_premium)}",
        )
    ]
    step_cap = times(price, 1 + config.max_raise_percent / 100)
    caps.append(
        _Ceiling(
            step_cap,
            f"{format_percent(config.max_raise_percent)} more "
            f"({step_cap}, the most one raise may add)",
        )
    )
    if first.currency == price.currency:
        top = times(first, config.max_raise_multiple)
        caps.append(
            _Ceiling(
                top,
                f"{config.max_raise_multiple.normalize():f}x the first price "
                f"{first} ({top}, the highest a raise may reach)",
            )
        )
    return min(caps, key=lambda c: c.price.cents)


def _floor(ctx: _Context) -> Money:
    """The lowest price the ladder may set; a price is always at least one cent."""
    config, low = ctx.config, ctx.market.low
    first = ctx.state.first_price or ctx.state.last_price
    cents = base_floor(config, first, ctx.price.currency).price.cents
    if config.floor_fraction_of_low is not None:
        if low is None:
            raise _Held(
                "held: the floor is a fraction of the market low, which is missing "
                f"({missing_why(ctx.market.low_source)})"
            )
        cents = max(cents, times(low, config.floor_fraction_of_low).cents)
    return Money(cents, ctx.price.currency)


def _lifted(ctx: _Context, figure: Money, label: str) -> _Target:
    floor = _floor(ctx)
    if figure >= floor:
        return _Target(figure, label, floor)
    return _Target(floor, f"the floor {floor} (above {label})", floor)


def _median_target(ctx: _Context) -> _Target:
    market = ctx.market
    if market.median is None:
        raise _Held(
            f"held: no market median for this listing ({missing_why(market.median_source)})"
        )
    source = describe_source(market.median_source, market.median_at, ctx.now)
    return _lifted(ctx, market.median, f"the median {market.median} ({source})")


def _low_target(ctx: _Context) -> _Target:
    market = ctx.market
    if market.low is None:
        raise _Held(f"held: no market low for this listing ({missing_why(market.low_source)})")
    source = describe_source(market.low_source, market.low_at, ctx.now)
    return _lifted(ctx, market.low, f"the market low {market.low} ({source})")


def _stale_target(ctx: _Context) -> _Target:
    config, low = ctx.config, ctx.market.low
    cents = config.stale_price.cents if config.stale_price is not None else 1
    if config.stale_fraction_of_low is not None:
        if low is None:
            raise _Held(
                "held: the stale floor is a fraction of the market low, which is missing "
                f"({missing_why(ctx.market.low_source)})"
            )
        cents = max(cents, times(low, config.stale_fraction_of_low).cents)
    stale = Money(cents, ctx.price.currency)
    return _lifted(ctx, stale, f"the stale floor {stale}")


def _check_clock(state: LadderState, now: datetime) -> None:
    """A clock behind the ladder's own record never moves a price."""
    latest = max(state.last_change_at, state.entered_at)
    if now < latest:
        raise _Held(
            f"held: the clock ({now:%Y-%m-%d %H:%M}) is behind the ladder's last record "
            f"({latest:%Y-%m-%d %H:%M}); nothing changes until it catches up",
            latest,
        )


def _check_refused(market: MarketInputs) -> None:
    """A figure Discogs gave that did not count holds the listing, whatever its phase."""
    if market.refused:
        raise _Held("held: " + "; ".join(r.reason for r in market.refused))


def _check_currencies(currency: str, market: MarketInputs, config: LadderConfig) -> None:
    figures = {"market median": market.median, "market low": market.low}
    settings = {
        "floor": config.floor,
        "stale_price": config.stale_price,
        "max_drop_amount": config.max_drop_amount,
        "median step amount": config.median_step.amount,
        "low step amount": config.low_step.amount,
    }
    for name, money in figures.items():
        if money is not None and money.currency != currency:
            raise _Held(
                f"held: the {name} is in {money.currency} but the listing is priced in {currency}"
            )
    for name, money in settings.items():
        if money is not None and money.currency != currency:
            raise _Held(
                f"held: the {name} setting is in {money.currency} but the listing is priced in "
                f"{currency}; set it in {currency}"
            )


@contextmanager
def _waking_by(deadline: datetime | None) -> Iterator[None]:
    """A hold raised inside a phase with a deadline of its own wakes by that deadline at the
    latest, so a held step does not hide the end of a hold or the start of the stale floor."""
    try:
        yield
    except _Held as held:
        if deadline is not None:
            held.wake_at = deadline if held.wake_at is None else min(held.wake_at, deadline)
        raise
