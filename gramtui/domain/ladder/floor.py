"""The floor a listing is never priced below, and where it comes from.

A floor always exists: the one set (per listing or in the configuration), else a fraction of the
price the ladder first saw the listing at (`default_floor_fraction`, 50 % by default), so a market
that answers nonsense can never walk a price to a cent. Never below one cent.
"""

from __future__ import annotations

from dataclasses import dataclass

from gramtui.domain.ladder.config import LadderConfig
from gramtui.domain.ladder.pricing import format_percent, times
from gramtui.domain.money import Money


@dataclass(frozen=True, slots=True)
class Floor:
    price: Money
    source: str  # "configured", "50% of first price 25.00", or "none (one cent)"


def base_floor(config: LadderConfig, first_price: Money | None, currency: str) -> Floor:
    """The floor before the market low's fraction (`floor_fraction_of_low`) is applied."""
    if config.floor is not None:
        return Floor(Money(max(1, config.floor.cents), currency), "configured")
    fraction = config.default_floor_fraction
    if fraction is not None and first_price is not None and first_price.currency == currency:
        floor = times(first_price, fraction)
        percent = format_percent(fraction * 100)
        return Floor(
            Money(max(1, floor.cents), currency),
            f"{percent} of first price {first_price.decimal:.2f}",
        )
    return Floor(Money(1, currency), "none (one cent)")
