"""Ages (`older than 2y`) as instants relative to the `now` an evaluation is given."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta

UNIT_NAMES: dict[str, str] = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


def age_threshold(now: datetime, amount: int, unit: str) -> datetime:
    """`now` minus the age; months and years are calendar ones (31 March - 1m = 28/29 February)."""
    if unit == "d":
        return now - timedelta(days=amount)
    if unit == "w":
        return now - timedelta(weeks=amount)
    months = amount * (12 if unit == "y" else 1)
    total = now.year * 12 + (now.month - 1) - months
    year, month = divmod(total, 12)
    year = max(year, 1)
    day = min(now.day, calendar.monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


def as_utc(value: object) -> datetime | None:
    """A datetime from a Record date or a custom field's text (ISO 8601); naive means UTC."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
