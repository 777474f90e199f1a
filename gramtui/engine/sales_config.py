"""The sales ladder's configuration from the `[sales]` settings, on its own: opening a session
checks it, and that must not import the whole sales engine."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from gramtui.domain.ladder import LadderConfig, StepRule
from gramtui.domain.money import Money
from gramtui.settings.config import SalesSection, StepSize


def config_from_settings(s: SalesSection) -> LadderConfig:
    """The ladder's configuration from the `[sales]` section (read and checked at load; the
    ladder checks how the values fit together, LadderConfigError naming the key)."""

    def money(amount: Decimal | None) -> Money | None:
        return None if amount is None else Money.from_value(amount, s.currency)

    def step(rule: StepSize) -> StepRule:
        if rule.percent:
            return StepRule(percent=rule.size)
        return StepRule(amount=Money.from_value(rule.size, s.currency))

    def days(count: int) -> timedelta | None:
        return timedelta(days=count) if count else None

    return LadderConfig(
        start_premium=s.start_premium,
        median_step=step(s.median_step),
        median_interval=timedelta(days=s.median_interval_days),
        hold_time=timedelta(days=s.hold_days),
        low_step=step(s.low_step),
        low_interval=timedelta(days=s.low_interval_days),
        floor=money(s.floor),
        floor_fraction_of_low=s.floor_fraction_of_low,
        stale_after=days(s.stale_after_days),
        stale_price=money(s.stale_price),
        stale_fraction_of_low=s.stale_fraction_of_low,
        max_drop_percent=s.max_drop_percent,
        max_drop_amount=money(s.max_drop_amount),
        allow_raise=s.allow_raise,
        default_floor_fraction=s.default_floor_fraction,
        max_raise_percent=s.max_raise_percent,
        max_raise_multiple=s.max_raise_multiple,
    )
