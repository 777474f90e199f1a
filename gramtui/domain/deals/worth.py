"""What a matched listing is worth, and how good a deal it is.

Worth is the Discogs price suggestion for the listing's condition (eBay's condition mapped to a
Discogs grade: a grade written in the title wins, unknown is VG, sealed or new is Mint), or the
lower median of the master's pressings when the match is a master. score = (worth − (price +
shipping)) / worth. Currencies are compared only through a rate the user configured.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gramtui.domain.figures import Refusal, check_figure
from gramtui.domain.money import AmountError, Money, parse_decimal

MINT, NEAR_MINT, VG_PLUS, VG, G_PLUS, G, FAIR, POOR = (
    "Mint (M)",
    "Near Mint (NM or M-)",
    "Very Good Plus (VG+)",
    "Very Good (VG)",
    "Good Plus (G+)",
    "Good (G)",
    "Fair (F)",
    "Poor (P)",
)
_BY_CONDITION_ID = {
    "1000": MINT,
    "1500": NEAR_MINT,
    "2750": NEAR_MINT,
    "4000": VG,
    "5000": G,
    "6000": G,
    "7000": POOR,
}
_TITLE_GRADES = {
    "M": MINT,
    "MINT": MINT,
    "NM": NEAR_MINT,
    "M-": NEAR_MINT,
    "EX+": VG_PLUS,
    "EX": VG_PLUS,
    "VG++": VG_PLUS,
    "VG+": VG_PLUS,
    "VG": VG,
    "G+": G_PLUS,
    "G": G,
    "F": FAIR,
    "P": POOR,
}
_GRADE = re.compile(r"(?<![\w+\-])(MINT|NM|M-|EX\+|EX|VG\+\+|VG\+|VG|G\+|M|G|F|P)(?![\w+\-])")
_SEALED = re.compile(r"\b(sealed|unplayed|brand new)\b", re.IGNORECASE)


def discogs_condition(condition_id: str | None, title: str) -> str:
    """The Discogs grade a listing is valued at. The first grade in the title is the media's."""
    if _SEALED.search(title) or condition_id == "1000":
        return MINT
    grade = _GRADE.search(title.upper().replace("VG +", "VG+"))
    # A lone "M" or "G" is too often an initial; as "M/M" or "G/VG" it is a grade.
    if grade and (len(grade.group(1)) > 1 or "/" in title):
        return _TITLE_GRADES[grade.group(1)]
    return _BY_CONDITION_ID.get(condition_id or "", VG)


def accept_worth(figure: Money | None) -> tuple[Money | None, str]:
    """A market figure fit to value a deal against, or None with the reason it is refused. What
    counts as a figure is domain/figures.py's rule, the one the sales ladder and the want queue use;
    the listing's own price is no reference here (a deal is exactly a price far below worth)."""
    if figure is None:
        return None, "no figure"
    if not re.fullmatch(r"[A-Z]{3}", figure.currency or ""):
        return None, f"worth {figure} refused: no currency"
    verdict = check_figure("worth", figure, figure.currency, figure.currency, None, owner="deal")
    if isinstance(verdict, Refusal) or verdict is None:
        return None, str(verdict or "no figure")
    return verdict, ""


def worth_of_release(suggestions: Mapping[str, Money], condition: str) -> Money | None:
    figure, _ = accept_worth(suggestions.get(condition))
    return figure


def worth_of_master(pressings: Sequence[Money]) -> Money | None:
    """The lower median of the pressings' figures in their most common currency: conservative."""
    accepted = [m for m in (accept_worth(p)[0] for p in pressings) if m is not None]
    if not accepted:
        return None
    currencies = [m.currency for m in accepted]
    currency = max(set(currencies), key=lambda c: (currencies.count(c), c))
    cents = sorted(m.cents for m in accepted if m.currency == currency)
    return Money(cents[(len(cents) - 1) // 2], currency)


def parse_rates(rates: Mapping[str, str | Decimal]) -> dict[tuple[str, str], Decimal]:
    """`{"EUR_USD": "1.08"}` (one EUR is 1.08 USD) as pairs, both ways."""
    out: dict[tuple[str, str], Decimal] = {}
    for pair, value in rates.items():
        match = re.fullmatch(r"([A-Z]{3})_([A-Z]{3})", pair)
        try:
            rate = parse_decimal(value)
        except AmountError:
            rate = Decimal(0)  # refused below, with the pair named
        if not match or rate <= 0:
            raise ValueError(f'rate {pair} = {value!r}: write "EUR_USD" = "1.08".')
        out[(match.group(1), match.group(2))] = rate
        out[(match.group(2), match.group(1))] = 1 / rate
    return out


def convert(money: Money, currency: str, rates: Mapping[tuple[str, str], Decimal]) -> Money | None:
    if money.currency == currency:
        return money
    rate = rates.get((money.currency, currency))
    if rate is None:
        return None
    return Money(int((Decimal(money.cents) * rate).quantize(Decimal(1), ROUND_HALF_UP)), currency)


@dataclass(frozen=True, slots=True)
class Score:
    value: Decimal | None  # None: not comparable (no rate for the currencies) or no worth
    cost: Money  # price + shipping, in the listing's currency
    note: str = ""


def score(
    worth: Money | None,
    price: Money,
    shipping: Money | None,
    rates: Mapping[tuple[str, str], Decimal],
) -> Score:
    """(worth − (price + shipping)) / worth, rounded to 3 places; shipping unknown counts as 0
    and says so."""
    note = "" if shipping is not None else "shipping not included (calculated at checkout)"
    cost = price
    if shipping is not None:
        same = convert(shipping, price.currency, rates)
        if same is None:
            return Score(None, price, f"shipping in {shipping.currency}: not comparable")
        cost = Money(price.cents + same.cents, price.currency)
    if worth is None:
        return Score(None, cost, "no worth known")
    cost_in_worth = convert(cost, worth.currency, rates)
    if cost_in_worth is None:
        return Score(
            None,
            cost,
            f"{cost.currency} vs {worth.currency}: not comparable (set a rate in [deals] rates)",
        )
    value = (Decimal(worth.cents - cost_in_worth.cents) / worth.cents).quantize(Decimal("0.001"))
    return Score(value, cost, note)


def band(value: Decimal | None, high: Decimal, good: Decimal) -> str:
    if value is None:
        return ""
    return "high" if value >= high else "good" if value >= good else ""
