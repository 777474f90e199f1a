"""How the ladder walks a price down: step sizes, intervals, hold time, floors, guard rails.

`LadderConfig` holds the defaults; `LadderOverride` holds per-listing changes (every field optional,
None meaning "inherit") plus per-listing market figures that replace the ones from Discogs.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from gramtui.domain.ladder.codec import from_json, to_json
from gramtui.domain.ladder.errors import LadderConfigError, require_aware
from gramtui.domain.ladder.pricing import format_percent, percent_of
from gramtui.domain.money import Money


def _check_decimal(name: str, value: object, above: Decimal, at_most: Decimal | None) -> None:
    if not isinstance(value, Decimal):
        raise LadderConfigError(
            f'{name} must be a Decimal (e.g. Decimal("1.3")), got {type(value).__name__}.'
        )
    if not value.is_finite() or value <= above or (at_most is not None and value > at_most):
        limit = f" and at most {at_most}" if at_most is not None else ""
        raise LadderConfigError(f"{name} must be above {above}{limit}, got {value}.")


def _check_money(name: str, value: object) -> None:
    if not isinstance(value, Money) or type(value.cents) is not int:
        raise LadderConfigError(f"{name} must be Money with whole cents, got {value!r}.")
    if value.cents <= 0:
        raise LadderConfigError(f"{name} must be above zero, got {value}.")


def _check_duration(name: str, value: object, *, allow_zero: bool) -> None:
    if not isinstance(value, timedelta):
        raise LadderConfigError(f"{name} must be a timedelta, got {type(value).__name__}.")
    if value < timedelta(0) or (value == timedelta(0) and not allow_zero):
        raise LadderConfigError(f"{name} must be longer than zero, got {value}.")


@dataclass(frozen=True, slots=True)
class StepRule:
    """The size of one step down: a percent of the current price, or a fixed amount."""

    percent: Decimal | None = None
    amount: Money | None = None

    def __post_init__(self) -> None:
        if (self.percent is None) == (self.amount is None):
            raise LadderConfigError("A step needs exactly one of percent or amount; set one.")
        if self.percent is not None:
            _check_decimal("step percent", self.percent, Decimal(0), Decimal(100))
        if self.amount is not None:
            _check_money("step amount", self.amount)

    def drop_cents(self, price: Money) -> int:
        """How many cents this step takes off `price`; at least one, so a walk always ends."""
        if self.amount is not None:
            return self.amount.cents
        assert self.percent is not None
        return max(1, percent_of(price, self.percent))

    def describe(self) -> str:
        return format_percent(self.percent) if self.percent is not None else str(self.amount)


@dataclass(frozen=True, slots=True)
class LadderConfig:
    """Ladder settings. Money amounts must be in the listing's currency or the listing is held."""

    start_premium: Decimal = Decimal("1.30")  # start price = suggestion for the condition x this
    median_step: StepRule = StepRule(percent=Decimal(5))
    median_interval: timedelta = timedelta(days=7)
    hold_time: timedelta = timedelta(days=28)  # time spent at the median before heading to the low
    low_step: StepRule = StepRule(percent=Decimal(3))
    low_interval: timedelta = timedelta(days=7)
    floor: Money | None = None  # never priced below this
    floor_fraction_of_low: Decimal | None = None  # ...nor below this fraction of the market low
    stale_after: timedelta | None = None  # time at the low before walking to the stale floor
    stale_price: Money | None = None
    stale_fraction_of_low: Decimal | None = None
    max_drop_percent: Decimal | None = Decimal(10)  # of the current price, per step
    max_drop_amount: Money | None = None
    allow_raise: bool = False
    # With no floor set, the floor is this fraction of the listing's first price (None: no floor).
    default_floor_fraction: Decimal | None = Decimal("0.5")
    max_raise_percent: Decimal = Decimal(10)  # a raise adds at most this % of the price per step
    max_raise_multiple: Decimal = Decimal(2)  # ...and never goes above this x the first price

    def __post_init__(self) -> None:
        _check_decimal("start_premium", self.start_premium, Decimal(0), None)
        if self.default_floor_fraction is not None:
            _check_decimal(
                "default_floor_fraction", self.default_floor_fraction, Decimal(0), Decimal(1)
            )
        _check_decimal("max_raise_percent", self.max_raise_percent, Decimal(0), None)
        _check_decimal("max_raise_multiple", self.max_raise_multiple, Decimal(0), None)
        for name in ("median_interval", "low_interval"):
            _check_duration(name, getattr(self, name), allow_zero=False)
        _check_duration("hold_time", self.hold_time, allow_zero=True)
        for name in ("floor", "stale_price", "max_drop_amount"):
            if getattr(self, name) is not None:
                _check_money(name, getattr(self, name))
        for name in ("floor_fraction_of_low", "stale_fraction_of_low"):
            if getattr(self, name) is not None:
                _check_decimal(name, getattr(self, name), Decimal(0), Decimal(1))
        if self.max_drop_percent is not None:
            _check_decimal("max_drop_percent", self.max_drop_percent, Decimal(0), Decimal(100))
        has_stale_target = self.stale_price is not None or self.stale_fraction_of_low is not None
        if self.stale_after is not None:
            _check_duration("stale_after", self.stale_after, allow_zero=False)
            if not has_stale_target:
                raise LadderConfigError(
                    "stale_after is set but there is no stale floor; "
                    "set stale_price or stale_fraction_of_low."
                )
        elif has_stale_target:
            raise LadderConfigError(
                "A stale floor is set but not when it applies; set stale_after (time at the low)."
            )
        if not isinstance(self.allow_raise, bool):
            raise LadderConfigError(f"allow_raise must be true or false, got {self.allow_raise!r}.")

    @property
    def stale(self) -> bool:
        return self.stale_after is not None

    def merged(self, override: LadderOverride | None) -> LadderConfig:
        """This configuration with the listing's overrides applied (None fields inherit)."""
        if override is None:
            return self
        changes = {
            name: getattr(override, name)
            for name in CONFIG_FIELDS
            if getattr(override, name) is not None
        }
        return dataclasses.replace(self, **changes) if changes else self

    def to_dict(self) -> dict[str, Any]:
        return to_json(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LadderConfig:
        return from_json(cls, data, LadderConfigError)


@dataclass(frozen=True, slots=True)
class LadderOverride:
    """Per-listing settings; None inherits from the configuration. Also the listing's own figures
    for the market median and low, which replace what Discogs says."""

    start_premium: Decimal | None = None
    median_step: StepRule | None = None
    median_interval: timedelta | None = None
    hold_time: timedelta | None = None
    low_step: StepRule | None = None
    low_interval: timedelta | None = None
    floor: Money | None = None
    floor_fraction_of_low: Decimal | None = None
    stale_after: timedelta | None = None
    stale_price: Money | None = None
    stale_fraction_of_low: Decimal | None = None
    max_drop_percent: Decimal | None = None
    max_drop_amount: Money | None = None
    allow_raise: bool | None = None
    default_floor_fraction: Decimal | None = None
    max_raise_percent: Decimal | None = None
    max_raise_multiple: Decimal | None = None
    median: Money | None = None
    median_at: datetime | None = None  # when the user set the median (shown as its age)
    low: Money | None = None
    low_at: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("median", "low"):
            if getattr(self, name) is not None:
                _check_money(f"override {name}", getattr(self, name))
        for name in ("median_at", "low_at"):
            if getattr(self, name) is not None:
                require_aware(getattr(self, name), f"override {name}")

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in to_json(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LadderOverride:
        return from_json(cls, data, LadderConfigError)


CONFIG_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(LadderConfig))
