"""The collection's value over days, as Discogs formats it ("$1,234.56"): amounts, a sparkline
and the change since the first snapshot, for the Insight pane's headline."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SPARKS = "▁▂▃▄▅▆▇█"


def amount_of(text: str) -> Decimal | None:
    """The number in "$1,234.56" (None when there is none)."""
    digits = re.sub(r"[^0-9.\-]", "", text)
    try:
        return Decimal(digits) if digits else None
    except InvalidOperation:
        return None


def symbol_of(text: str) -> str:
    """What stands before the number: "$", "€", "CA$"…"""
    match = re.match(r"[^0-9\-]*", text.strip())
    return match.group(0).strip() if match else ""


def sparkline(amounts: list[Decimal], width: int) -> str:
    """The last `width` amounts as one row of block characters (low ▁ … high █)."""
    shown = amounts[-width:] if width > 0 else []
    if not shown:
        return ""
    low, high = min(shown), max(shown)
    if high == low:
        return SPARKS[len(SPARKS) // 2] * len(shown)
    steps = len(SPARKS) - 1
    return "".join(SPARKS[int((a - low) / (high - low) * steps + Decimal("0.5"))] for a in shown)


def change_words(first_day: str, first: str, last: str, *, percent: bool = False) -> str:
    """ "+$12.30 since 2026-10-01" (with `percent`: "+$12.30 (+1.2 %) since …"), or "" when
    the amounts cannot be read."""
    a, b = amount_of(first), amount_of(last)
    if a is None or b is None:
        return ""
    diff = b - a
    sign = "+" if diff >= 0 else "−"
    share = f" ({sign}{abs(diff) / a * 100:.1f} %)" if a and percent else ""
    return f"{sign}{symbol_of(last)}{abs(diff):,.2f}{share} since {first_day}"
