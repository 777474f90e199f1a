"""A datetime column that always holds UTC in one fixed ISO form, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime

import peewee


class UtcDateTimeField(peewee.TextField):
    def db_value(self, value: datetime | str | None) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

    def python_value(self, value: str | None) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)
