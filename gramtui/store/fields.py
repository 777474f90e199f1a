"""A datetime column that always holds UTC in one fixed ISO form, so text order is time order."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Generic, Literal, Self, TypeVar, overload

import peewee

_Value = TypeVar("_Value", datetime, datetime | None)


class UtcDateTimeField(peewee.TextField, Generic[_Value]):
    if TYPE_CHECKING:
        # peewee is read as Any (see pyproject): say what the column holds on a row, a datetime,
        # or datetime | None when declared with null=True.
        @overload
        def __init__(
            self: UtcDateTimeField[datetime | None], *, null: Literal[True], index: bool = False
        ) -> None: ...
        @overload
        def __init__(
            self: UtcDateTimeField[datetime], *, null: Literal[False] = False, index: bool = False
        ) -> None: ...
        def __init__(self, *, null: bool = False, index: bool = False) -> None: ...
        @overload
        def __get__(self, instance: None, owner: type) -> Self: ...
        @overload
        def __get__(self, instance: object, owner: type) -> _Value: ...
        def __get__(self, instance: object, owner: type) -> Self | _Value: ...
        def __set__(self, instance: object, value: _Value) -> None: ...

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
