"""Money arithmetic for the ladder: whole cents, half-up, through Decimal (never float)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from gramtui.domain.money import Money

ONE_DAY = timedelta(days=1)


def round_cents(value: Decimal) -> int:
    """A Decimal amount of cents rounded half up to whole cents."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(price: Money, percent: Decimal) -> int:
    """`percent`% of `price`, in whole cents."""
    return round_cents(Decimal(price.cents) * percent / 100)


def times(price: Money, factor: Decimal) -> Money:
    """`price` multiplied by `factor`, in the same currency."""
    return Money(round_cents(Decimal(price.cents) * factor), price.currency)


def format_percent(percent: Decimal) -> str:
    """Decimal("5") -> "5%", Decimal("2.50") -> "2.5%" (no exponent notation)."""
    return f"{percent.normalize():f}%"


def format_day(at: datetime) -> str:
    """The UTC calendar day of `at`, as shown in reasons."""
    return at.astimezone(UTC).date().isoformat()


def format_age(at: datetime | None, now: datetime) -> str:
    """How old a market figure is, in whole days."""
    if at is None:
        return "age unknown"
    if at > now:
        return "dated ahead of the clock"
    days = (now - at) // ONE_DAY
    if days == 0:
        return "today"
    return "1 day old" if days == 1 else f"{days} days old"
