"""Ladder values <-> plain JSON values, driven by each dataclass's type hints.

Money becomes {"cents", "currency"}, Decimal a string (so no float ever creeps in), timedelta whole
seconds, datetime ISO 8601 with offset.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

from gramtui.domain.ladder.errors import LadderError
from gramtui.domain.money import Money

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def to_json(obj: Any) -> dict[str, Any]:
    """Every field of a dataclass instance as a JSON-ready value."""
    return {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def from_json(cls: type[T], data: Mapping[str, Any], error: type[LadderError]) -> T:
    """An instance of dataclass `cls` from `to_json` output; missing keys take their defaults."""
    if not isinstance(data, Mapping):
        raise error(f"{cls.__name__} data must be a JSON object, got {type(data).__name__}.")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise error(f"{cls.__name__} has no setting {unknown[0]!r}; remove it or fix its spelling.")
    values = {}
    for name, raw in data.items():
        try:
            values[name] = _decode(hints[name], raw, error)
        except (TypeError, ValueError, KeyError, InvalidOperation) as exc:
            if isinstance(exc, LadderError):
                raise
            raise error(f"{cls.__name__}.{name} cannot be read from {raw!r}: {exc}.") from exc
    return cls(**values)


def _encode(value: Any) -> Any:
    if isinstance(value, Money):
        return {"cents": value.cents, "currency": value.currency}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if isinstance(value, datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return to_json(value)
    return value


def _decode(hint: Any, raw: Any, error: type[LadderError]) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        if raw is None:
            return None
        (inner,) = (arg for arg in typing.get_args(hint) if arg is not type(None))
        return _decode(inner, raw, error)
    if typing.get_origin(hint) is typing.Literal:
        return raw  # the dataclass checks its own choices
    if hint in (str, int, bool):
        if not isinstance(raw, hint) or (hint is int and isinstance(raw, bool)):
            raise error(f"expected {hint.__name__}, got {raw!r}.")
        return raw
    if hint is Money:
        cents = raw["cents"]
        if not isinstance(cents, int) or isinstance(cents, bool):
            raise error(f"money must be whole cents, got {cents!r}.")
        return Money(cents, str(raw["currency"]))
    if hint is Decimal:
        if isinstance(raw, float):
            raise error(f'write {raw!r} as a string so it stays exact, e.g. "{raw}".')
        return Decimal(str(raw))
    if hint is timedelta:
        return timedelta(seconds=int(raw))
    if hint is datetime:
        return datetime.fromisoformat(raw)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_json(hint, raw, error)
    raise error(f"cannot read a value of type {hint!r}.")
