"""Reading and writing the journal of non-idempotent calls (store/models_calls.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gramtui.store.models_calls import CallIntent


def open_intent(key: str) -> CallIntent | None:
    """The intent for `key` whose outcome is unknown (the app stopped mid-call), if any."""
    row: CallIntent | None = (
        CallIntent.select()
        .where((CallIntent.key == key) & CallIntent.finished_at.is_null())
        .order_by(CallIntent.id)
        .first()
    )
    return row


def record_intent(key: str, call: str, payload: dict[str, Any], now: datetime) -> CallIntent:
    intent: CallIntent = CallIntent.create(key=key, call=call, payload=payload, started_at=now)
    return intent


def finish(intent_id: int, result: dict[str, Any], outcome: str, now: datetime) -> None:
    CallIntent.update(result=result, outcome=outcome, finished_at=now).where(
        CallIntent.id == intent_id
    ).execute()


def claimed_results(call: str, field: str) -> set[int]:
    """The ids earlier calls of this kind created or adopted (`field` of their results), so one
    thing on Discogs is never adopted by two intents."""
    rows = CallIntent.select(CallIntent.result).where(
        (CallIntent.call == call) & CallIntent.result.is_null(False)
    )
    out: set[int] = set()
    for row in rows:
        value = row.result.get(field) if isinstance(row.result, dict) else None
        if isinstance(value, int):
            out.add(value)
    return out
