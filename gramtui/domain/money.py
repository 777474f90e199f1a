"""Money is integer cents with a currency; never float. Text becomes an amount only here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


class AmountError(ValueError):
    """Text that is not a usable number; the message quotes it."""


class NotFiniteError(AmountError):
    """A number, but NaN or infinite (or, where plain numbers are asked for, with an exponent)."""


def parse_decimal(value: str | int | Decimal, *, plain: bool = False) -> Decimal:
    """A finite Decimal from text such as " 12.50 " (or an int/Decimal); AmountError otherwise.

    `plain` also refuses exponents ("1e30"): a setting is written as a person would write it."""
    text = value.strip() if isinstance(value, str) else value
    try:
        number = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        raise AmountError(f"{value!r} is not a number") from None
    if not number.is_finite() or (plain and isinstance(text, str) and "e" in text.lower()):
        raise NotFiniteError(f"{value!r} is not a plain decimal number")
    return number


@dataclass(frozen=True, slots=True, order=True)
class Money:
    cents: int
    currency: str = "USD"

    @classmethod
    def from_value(cls, value: float | int | str | Decimal, currency: str = "USD") -> Money:
        """From a Discogs number such as 14.3191391 (rounded half up to the cent)."""
        d = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return cls(int(d * 100), currency)

    @classmethod
    def parse(cls, text: str | Decimal, currency: str = "USD") -> Money:
        """From text such as "12.50" (rounded half up to the cent); AmountError otherwise."""
        return cls.from_value(parse_decimal(text), currency)

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.cents) / 100

    def __str__(self) -> str:
        return f"{self.decimal:.2f} {self.currency}"
