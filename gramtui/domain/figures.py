"""What counts as a market figure: the one rule every feature that acts on Discogs's money uses.

Discogs answers odd figures (an empty suggestion read as 0, a negative value, a currency the user
does not sell in, a suggestion of 10^9); a seller's money must not follow them. The sales ladder
(its median and low), the want queue (the marketplace low it shows) and the Deals worth all pass
every figure through `check_figure` before acting on it.

API (pure; no clock reads, `now` is a parameter):

    check_figure(label, figure, currency, expected, reference, bounds=FigureBounds(), *,
                 owner="listing", at=None, now=None, max_age=None) -> Money | Refusal | None

- `label` names the figure in the reason: "price suggestion", "marketplace low", "worth".
- `figure` is a Money (in its own currency; `currency` is then ignored) or a Decimal amount in
  `currency`; None means "no figure" and gives None back (missing, not refused).
- `expected` is the currency the figure must be in (the listing's, the want list's, the deal's).
- `reference` is the price the figure is compared with (the listing's own price, a deal's asking
  price); None or another currency skips the distance check.
- `bounds` says how far from the reference a figure may be: below `min_fraction` of it or above
  `max_multiple` of it is refused (defaults: a tenth and ten times).
- `at`, `now`, `max_age`: when all three are given, a figure older than `max_age` is refused as
  stale (kind "stale": refresh it, then ask again).
- `owner` is the word for what the reference belongs to in the reason ("listing", "deal").

The result is the accepted Money, or a `Refusal` whose `reason` is one sentence for the user, e.g.
"price suggestion 0.00 USD refused: zero", "marketplace low 12.00 EUR refused: the listing is in
USD", "price suggestion 1.00 USD refused: below a tenth of the listing's price 25.00". A caller
that gets a Refusal does nothing with money and shows the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal

from gramtui.domain.money import AmountError, Money

RefusalKind = Literal["not_a_number", "zero", "negative", "currency", "below", "above", "stale"]


class FigureBoundsError(ValueError):
    """Bounds that would let every figure through or refuse every one."""


@dataclass(frozen=True, slots=True)
class FigureBounds:
    """How far from the reference price a market figure may be and still count."""

    min_fraction: Decimal = Decimal("0.1")  # refused below this fraction of the reference
    max_multiple: Decimal = Decimal(10)  # refused above this multiple of the reference

    def __post_init__(self) -> None:
        for name, value in (
            ("min_fraction", self.min_fraction),
            ("max_multiple", self.max_multiple),
        ):
            if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
                raise FigureBoundsError(f"{name} must be a number above 0, got {value!r}.")
        if self.min_fraction >= 1:
            raise FigureBoundsError(f"min_fraction must be below 1, got {self.min_fraction}.")
        if self.max_multiple <= 1:
            raise FigureBoundsError(f"max_multiple must be above 1, got {self.max_multiple}.")


@dataclass(frozen=True, slots=True)
class Refusal:
    """A figure that is not one: which, why (`kind`), and the sentence shown to the user."""

    label: str
    kind: RefusalKind
    reason: str

    def __str__(self) -> str:
        return self.reason


def check_figure(
    label: str,
    figure: Money | Decimal | None,
    currency: str | None,
    expected: str,
    reference: Money | None,
    bounds: FigureBounds = FigureBounds(),  # noqa: B008 - frozen, so one shared default is safe
    *,
    owner: str = "listing",
    at: datetime | None = None,
    now: datetime | None = None,
    max_age: timedelta | None = None,
) -> Money | Refusal | None:
    """The figure as Money when it counts, a Refusal saying why when it does not, None when
    there is no figure at all. See the module docstring."""
    if figure is None:
        return None
    if isinstance(figure, Money):
        money = figure
    else:
        if isinstance(figure, Decimal) and not figure.is_finite():
            return Refusal(label, "not_a_number", f"{label} {figure} refused: not a number")
        try:
            money = Money.parse(figure, currency or expected)
        except AmountError:
            return Refusal(label, "not_a_number", f"{label} {figure!r} refused: not a number")
    shown = f"{label} {money}"
    if money.cents == 0:
        return Refusal(label, "zero", f"{shown} refused: zero")
    if money.cents < 0:
        return Refusal(label, "negative", f"{shown} refused: negative")
    if money.currency != expected:
        return Refusal(label, "currency", f"{shown} refused: the {owner} is in {expected}")
    if at is not None and now is not None and max_age is not None and now - at > max_age:
        days = (now - at).days
        return Refusal(
            label,
            "stale",
            f"{shown} refused: {days} days old (older than {max_age.days} days); refreshing it",
        )
    if reference is not None and reference.currency == money.currency and reference.cents > 0:
        ref = Decimal(reference.cents)
        if Decimal(money.cents) < ref * bounds.min_fraction:
            return Refusal(
                label,
                "below",
                f"{shown} refused: below {_fraction(bounds.min_fraction)}"
                f" of the {owner}'s price {reference.decimal:.2f}",
            )
        if Decimal(money.cents) > ref * bounds.max_multiple:
            return Refusal(
                label,
                "above",
                f"{shown} refused: above {_multiple(bounds.max_multiple)}"
                f" the {owner}'s price {reference.decimal:.2f}",
            )
    return money


_FRACTIONS = {
    Decimal("0.5"): "half",
    Decimal("0.25"): "a quarter",
    Decimal("0.2"): "a fifth",
    Decimal("0.1"): "a tenth",
    Decimal("0.05"): "a twentieth",
}
_MULTIPLES = {
    Decimal(2): "twice",
    Decimal(3): "three times",
    Decimal(5): "five times",
    Decimal(10): "ten times",
    Decimal(20): "twenty times",
}


def _fraction(value: Decimal) -> str:
    return _FRACTIONS.get(value.normalize(), f"{(value * 100).normalize():f} %")


def _multiple(value: Decimal) -> str:
    return _MULTIPLES.get(value.normalize(), f"{value.normalize():f} times")
