"""Amounts typed into the sales forms: beyond the named limit, or not finite, they are refused with
a sentence (an amount such as 1e30 could not even be rounded to the cent)."""

from __future__ import annotations

import pytest

from gramtui.domain.money import Money
from gramtui.settings.config import MAX_AMOUNT
from gramtui.ui.screens.sales_money import parse_amount


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("1e30", f"at most {MAX_AMOUNT:,} EUR"),
        ("1000000.01", f"at most {MAX_AMOUNT:,} EUR"),
        ("NaN", "above zero"),
        ("Infinity", "above zero"),
        ("-5", "above zero"),
    ],
)
def test_amounts_out_of_range_are_refused(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_amount(text, "EUR", "price")


def test_the_largest_amount_is_kept() -> None:
    assert parse_amount("1000000", "EUR", "price") == Money(100_000_000, "EUR")
