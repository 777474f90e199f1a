"""Money is integer cents with a currency; never float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, slots=True, order=True)
class Money:
    cents: int
    currency: str = "USD"

    @classmethod
    def from_value(cls, value: float | int | str | Decimal, currency: str = "USD") -> Money:
        """From a Discogs number such as 14.3191391 (rounded half up to the cent)."""
        d = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return cls(int(d * 100), currency)

    @property
    def decimal(self) -> Decimal:
        return Decimal(self.cents) / 100

    def __str__(self) -> str:
        return f"{self.decimal:.2f} {self.currency}"
