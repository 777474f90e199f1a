"""Every numeric setting declares its range beside its field, and values outside it are refused."""

from __future__ import annotations

import dataclasses
import typing
from decimal import Decimal, InvalidOperation

import pytest

from gramtui.settings.config import (
    Config,
    ConfigError,
    Range,
    parse_config,
    range_of,
    setting_text,
)


def _sections() -> list[tuple[str, type]]:
    return [(f.name, type(getattr(Config(), f.name))) for f in dataclasses.fields(Config)]


def _is_number_text(value: object) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        return Decimal(value.strip().removesuffix("%")).is_finite()
    except InvalidOperation:
        return False


def test_every_numeric_setting_has_a_range_holding_its_default() -> None:
    missing = []
    for name, section in _sections():
        hints = typing.get_type_hints(section)
        defaults = section()
        for key, hint in hints.items():
            value = setting_text(getattr(defaults, key))  # money and steps as written
            numeric = hint in (int, float) or typing.get_args(hint)[-1:] == (float,)
            numeric = numeric or Decimal in (hint, *typing.get_args(hint))
            if not (numeric or _is_number_text(value)):
                continue
            bounds = range_of(section, key)
            if bounds is None:
                if (name, key) != ("printer", "width"):  # a fixed choice of 32, 42, 48 instead
                    missing.append(f"{name}.{key}")
                continue
            assert isinstance(bounds, Range)
            for item in value.values() if isinstance(value, dict) else [value]:
                if item == "":  # not set
                    continue
                number = Decimal(item.strip().removesuffix("%")) if isinstance(item, str) else item
                assert item == "" or bounds.low <= number <= bounds.high, f"{name}.{key}"
    assert missing == [], f"declare these with ranged(default, low, high): {missing}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[discogs]\nheadroom = -1\n",
            "line 2: discogs.headroom must be from 0 to 50 requests, not -1",
        ),
        (
            "[sales]\nhold_days = 1000000000000000000000000000000\n",
            "line 2: sales.hold_days must be from 0 to 3,650 days",
        ),
        ('[sales]\nfloor = "NaN"\n', "line 2: sales.floor = 'NaN' is not a plain decimal number"),
        (
            '[sales]\n\nfloor = "1e30"\n',
            "line 3: sales.floor = '1e30' is not a plain decimal number",
        ),
        ('[sales]\nfloor = "2000000"\n', "sales.floor must be from 0 to 1,000,000, not '2000000'"),
        ('[sales]\nmedian_step = "-5%"\n', "sales.median_step must be from 0 to 1,000,000"),
        (
            "[widths]\nper_disc = { lp = -0.5 }\n",
            "line 2: widths.per_disc.lp must be from 0.01 to 20.0 cm, not -0.5",
        ),
        ("[printer]\ntimeout = 0\n", "printer.timeout must be from 0.1 to 600.0 seconds, not 0.0"),
        ("[printer]\nport = 70000\n", "printer.port must be from 1 to 65,535, not 70000"),
    ],
)
def test_out_of_range_is_refused_with_key_line_and_range(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text, "config.toml")
    assert expected in str(raised.value)


def test_values_inside_the_range_are_kept() -> None:
    config = parse_config(
        '[sales]\nfloor = "2.50"\nmedian_step = "5%"\n[widths]\nper_disc = { lp = 0.4 }\n'
    )
    assert config.sales.floor == Decimal("2.50") and config.widths.per_disc == {"lp": 0.4}
    assert Config().widths.per_disc is not Config().widths.per_disc  # no shared mutable default
