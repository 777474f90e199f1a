"""The price to put a record up for sale at: the top of its ladder."""

from __future__ import annotations

from collections.abc import Mapping

from gramtui.domain.figures import Refusal, check_figure
from gramtui.domain.ladder.config import LadderConfig
from gramtui.domain.ladder.pricing import times
from gramtui.domain.money import Money


def start_price(
    condition: str,
    suggestions: Mapping[str, Money],
    config: LadderConfig,
    currency: str | None = None,
) -> Money | None:
    """The suggestion for `condition` times the start premium, never below the floor.

    None when Discogs has no suggestion for that condition, or one that is no figure (zero,
    negative, or not in `currency` when given): ask the user for a price instead.
    """
    suggestion = suggestions.get(condition)
    if suggestion is None:
        return None
    verdict = check_figure(
        "price suggestion", suggestion, None, currency or suggestion.currency, None
    )
    if isinstance(verdict, Refusal):
        return None
    price = times(suggestion, config.start_premium)
    floor = config.floor
    if floor is not None and floor.currency == price.currency and floor > price:
        return floor
    return max(price, Money(1, price.currency))
