"""The config is read once into typed values: money, fractions and steps as Decimal, not text."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from gramtui.domain.ladder import StepRule
from gramtui.domain.money import Money
from gramtui.engine.sales import config_from_settings
from gramtui.settings.config import Config, ConfigError, StepSize, parse_config


def test_sales_amounts_steps_and_fractions_are_decimals_at_load() -> None:
    sales = parse_config(
        '[sales]\ncurrency = "EUR"\nfloor = "2.50"\nmedian_step = "0.50"\n'
        'low_step = "4%"\nfloor_fraction_of_low = "0.8"\nmax_drop_percent = ""\n'
        'apply_max_share = "30"\n'
    ).sales
    assert sales.floor == Decimal("2.50") and sales.floor_fraction_of_low == Decimal("0.8")
    assert sales.median_step == StepSize(Decimal("0.50"), percent=False)
    assert sales.low_step == StepSize(Decimal(4), percent=True)
    assert sales.max_drop_percent is None and sales.apply_max_share == Decimal(30)
    ladder = config_from_settings(sales)
    assert ladder.floor == Money(250, "EUR") and ladder.median_step == StepRule(
        amount=Money(50, "EUR")
    )
    assert ladder.low_step == StepRule(percent=Decimal(4)) and ladder.max_drop_percent is None


def test_unset_premium_and_intervals_mean_their_one_default() -> None:
    written = parse_config(
        '[sales]\nstart_premium = "0"\nmedian_interval_days = 0\nlow_interval_days = 0\n'
    ).sales
    blank = parse_config('[sales]\nstart_premium = ""\n').sales
    defaults = Config().sales
    assert written.start_premium == blank.start_premium == defaults.start_premium == Decimal("1.30")
    assert written.median_interval_days == written.low_interval_days == 7
    ladder = config_from_settings(written)
    assert ladder.median_interval == ladder.low_interval == timedelta(days=7)


def test_deals_scores_and_rates_are_decimals_at_load() -> None:
    deals = parse_config('[deals]\nhigh = "0.5"\nrates = { EUR_USD = "1.08" }\n').deals
    assert deals.high == Decimal("0.5") and deals.good == Decimal("0.25")
    assert deals.rates == {"EUR_USD": Decimal("1.08")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[sales]\n\nmedian_step = ""\n', "line 3: sales.median_step = '' is neither a percent"),
        ('[sales]\nfloor = "5%"\n', "line 2: sales.floor = '5%' is not a number"),
        ("[sales]\nfloor = 2.5\n", "line 2: sales.floor must be a quoted string, not float 2.5"),
        ('[deals]\nhigh = "2"\n', "line 2: deals.high must be from 0.01 to 1, not '2'"),
        (
            '[deals]\nrates = { EUR_USD = "x" }\n',
            "line 2: deals.rates.EUR_USD = 'x' is not a plain",
        ),
    ],
)
def test_a_value_that_cannot_be_read_names_its_line(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text, "config.toml")
    assert expected in str(raised.value)
