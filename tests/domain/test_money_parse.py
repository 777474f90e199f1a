"""One parse of money text: plain finite decimals, rounded half up to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gramtui.domain.money import AmountError, Money, NotFiniteError, parse_decimal


def test_text_becomes_money_rounded_half_up() -> None:
    assert Money.parse(" 12.345 ", "EUR") == Money(1235, "EUR")
    assert Money.parse(Decimal("0.004")) == Money(0, "USD")
    assert Money.parse("7") == Money.from_value(7)


@pytest.mark.parametrize("text", ["", "abc", "1,50", "12 EUR"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(AmountError):
        Money.parse(text)


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf"])
def test_not_finite_is_its_own_refusal(text: str) -> None:
    with pytest.raises(NotFiniteError):
        parse_decimal(text)


def test_plain_refuses_exponents_that_a_person_would_not_write() -> None:
    assert parse_decimal("1e3") == Decimal(1000)
    with pytest.raises(NotFiniteError):
        parse_decimal("1e3", plain=True)
