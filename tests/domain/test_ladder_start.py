"""The start price for putting a record up for sale."""

from __future__ import annotations

from decimal import Decimal

from gramtui.domain.ladder import LadderConfig, start_price
from gramtui.domain.money import Money

VGP = "Very Good Plus (VG+)"


def test_start_price_is_the_suggestion_times_the_premium() -> None:
    price = start_price(VGP, {VGP: Money(1840)}, LadderConfig())
    assert price == Money(2392)
    assert type(price.cents) is int  # type: ignore[union-attr]


def test_start_price_rounds_half_up_to_the_cent() -> None:
    config = LadderConfig(start_premium=Decimal("1.5"))
    assert start_price(VGP, {VGP: Money(1001)}, config) == Money(1502)  # 1501.5
    assert start_price(VGP, {VGP: Money(1003)}, config) == Money(1505)  # 1504.5
    assert start_price(VGP, {VGP: Money(1000, "EUR")}, config) == Money(1500, "EUR")


def test_no_suggestion_for_the_condition_means_ask_the_user() -> None:
    assert start_price(VGP, {"Mint (M)": Money(3000)}, LadderConfig()) is None
    assert start_price(VGP, {}, LadderConfig()) is None


def test_start_price_is_never_below_the_floor() -> None:
    config = LadderConfig(floor=Money(2500))
    assert start_price(VGP, {VGP: Money(1000)}, config) == Money(2500)
