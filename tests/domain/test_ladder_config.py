"""Ladder configuration: defaults, validation, per-listing overrides, JSON round trips."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from gramtui.domain.ladder import (
    LadderClockError,
    LadderConfig,
    LadderConfigError,
    LadderOverride,
    StepRule,
)
from gramtui.domain.money import Money


def test_defaults_are_the_documented_ladder() -> None:
    config = LadderConfig()
    assert config.start_premium == Decimal("1.30")
    assert config.median_step == StepRule(percent=Decimal(5))
    assert config.median_interval == timedelta(days=7)
    assert config.hold_time == timedelta(days=28)
    assert config.low_step == StepRule(percent=Decimal(3))
    assert config.low_interval == timedelta(days=7)
    assert config.max_drop_percent == Decimal(10)
    assert config.allow_raise is False
    assert config.floor is None and config.stale_after is None


def test_step_rule_takes_exactly_one_of_percent_or_amount() -> None:
    with pytest.raises(LadderConfigError, match="exactly one"):
        StepRule()
    with pytest.raises(LadderConfigError, match="exactly one"):
        StepRule(percent=Decimal(3), amount=Money(50))


def test_step_rule_drops() -> None:
    assert StepRule(percent=Decimal(5)).drop_cents(Money(1999)) == 100  # 99.95 rounds half up
    assert StepRule(percent=Decimal(5)).drop_cents(Money(10)) == 1  # never a zero step
    assert StepRule(amount=Money(50)).drop_cents(Money(1999)) == 50
    assert StepRule(percent=Decimal("2.50")).describe() == "2.5%"
    assert StepRule(percent=Decimal(50)).describe() == "50%"
    assert StepRule(amount=Money(50)).describe() == "0.50 USD"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_premium": 1.3}, "must be a Decimal"),
        ({"start_premium": Decimal(0)}, "must be above 0"),
        ({"median_interval": timedelta(0)}, "longer than zero"),
        ({"hold_time": timedelta(days=-1)}, "longer than zero"),
        ({"floor": Money(0)}, "above zero"),
        ({"floor_fraction_of_low": Decimal("1.2")}, "at most 1"),
        ({"max_drop_percent": Decimal(0)}, "must be above 0"),
        ({"stale_after": timedelta(days=30)}, "no stale floor"),
        ({"stale_price": Money(500)}, "set stale_after"),
        ({"allow_raise": "yes"}, "true or false"),
    ],
)
def test_bad_settings_are_refused_with_a_message(changes: dict, message: str) -> None:
    with pytest.raises(LadderConfigError, match=message):
        LadderConfig(**changes)


def test_a_float_percent_is_refused() -> None:
    with pytest.raises(LadderConfigError, match="Decimal"):
        StepRule(percent=5.0)  # type: ignore[arg-type]


def test_override_replaces_only_what_it_sets() -> None:
    config = LadderConfig()
    override = LadderOverride(floor=Money(900), hold_time=timedelta(days=3), median=Money(1500))
    merged = config.merged(override)
    assert merged.floor == Money(900)
    assert merged.hold_time == timedelta(days=3)
    assert merged.median_interval == config.median_interval
    assert config.merged(None) is config
    assert config.merged(LadderOverride(median=Money(1500))) is config


def test_override_can_set_every_configuration_field() -> None:
    config_fields = {f.name for f in dataclasses.fields(LadderConfig)}
    override_fields = {f.name for f in dataclasses.fields(LadderOverride)}
    assert config_fields <= override_fields
    assert override_fields - config_fields == {"median", "median_at", "low", "low_at"}


def test_a_merged_override_is_validated() -> None:
    with pytest.raises(LadderConfigError, match="stale floor"):
        LadderConfig().merged(LadderOverride(stale_after=timedelta(days=9)))


def test_config_round_trips_through_json() -> None:
    config = LadderConfig(
        start_premium=Decimal("1.45"),
        median_step=StepRule(amount=Money(75, "EUR")),
        floor=Money(500, "EUR"),
        floor_fraction_of_low=Decimal("0.8"),
        stale_after=timedelta(days=60),
        stale_fraction_of_low=Decimal("0.7"),
        max_drop_amount=Money(200, "EUR"),
        allow_raise=True,
    )
    data = json.loads(json.dumps(config.to_dict()))
    back = LadderConfig.from_dict(data)
    assert back == config
    assert isinstance(back.start_premium, Decimal)
    assert type(back.floor.cents) is int  # type: ignore[union-attr]


def test_config_from_partial_dict_keeps_defaults() -> None:
    back = LadderConfig.from_dict({"hold_time": 86400, "max_drop_percent": "7.5"})
    assert back.hold_time == timedelta(days=1)
    assert back.max_drop_percent == Decimal("7.5")
    assert back.median_step == LadderConfig().median_step


def test_config_from_dict_refuses_floats_and_unknown_keys() -> None:
    with pytest.raises(LadderConfigError, match="as a string"):
        LadderConfig.from_dict({"start_premium": 1.3})
    with pytest.raises(LadderConfigError, match="no setting 'hold_days'"):
        LadderConfig.from_dict({"hold_days": 3})
    with pytest.raises(LadderConfigError, match="whole cents"):
        LadderConfig.from_dict({"floor": {"cents": 5.5, "currency": "USD"}})


def test_override_round_trips_through_json_without_nones() -> None:
    at = datetime(2026, 11, 1, 12, tzinfo=UTC)
    override = LadderOverride(median=Money(1800), median_at=at, low_step=StepRule(Decimal(2)))
    data = override.to_dict()
    assert set(data) == {"median", "median_at", "low_step"}
    assert LadderOverride.from_dict(json.loads(json.dumps(data))) == override


def test_override_times_must_be_aware() -> None:
    with pytest.raises(LadderClockError, match="timezone-aware"):
        LadderOverride(median=Money(100), median_at=datetime(2026, 1, 1))
