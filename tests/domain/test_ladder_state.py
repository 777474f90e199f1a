"""Stored ladder state: JSON round trip and refusal of unreadable state."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from gramtui.domain.ladder import LadderClockError, LadderState, LadderStateError
from gramtui.domain.money import Money

AT = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


def test_state_round_trips_through_json() -> None:
    state = LadderState(7, "hold", AT, AT - timedelta(days=2), Money(1840, "GBP"), paused=True)
    data = json.loads(json.dumps(state.to_dict()))
    assert data["last_price"] == {"cents": 1840, "currency": "GBP"}
    back = LadderState.from_dict(data)
    assert back == state
    assert back.entered_at.tzinfo is not None


def test_state_keeps_its_offset() -> None:
    entered = datetime.fromisoformat("2026-08-23T10:02:33-07:00")
    state = LadderState(1, "start", entered, entered, Money(100))
    assert LadderState.from_dict(state.to_dict()).entered_at == entered


def test_unknown_phase_is_refused() -> None:
    data = LadderState(7, "hold", AT, AT, Money(100)).to_dict() | {"phase": "sideways"}
    with pytest.raises(LadderStateError, match="unknown ladder phase 'sideways'"):
        LadderState.from_dict(data)


def test_missing_keys_are_named() -> None:
    with pytest.raises(LadderStateError, match="lacks phase, last_price"):
        LadderState.from_dict({"listing_id": 1, "entered_at": AT.isoformat(), "last_change_at": ""})


def test_naive_times_are_refused() -> None:
    with pytest.raises(LadderClockError, match="timezone-aware"):
        LadderState(1, "start", datetime(2026, 1, 1), AT, Money(100))


def test_paused_defaults_to_false() -> None:
    data = LadderState(7, "hold", AT, AT, Money(100)).to_dict()
    del data["paused"]
    assert LadderState.from_dict(data).paused is False


def test_wrongly_typed_fields_are_refused() -> None:
    data = LadderState(7, "hold", AT, AT, Money(100)).to_dict()
    with pytest.raises(LadderStateError, match="expected int, got '7'"):
        LadderState.from_dict(data | {"listing_id": "7"})
    with pytest.raises(LadderStateError, match="expected bool, got 1"):
        LadderState.from_dict(data | {"paused": 1})
