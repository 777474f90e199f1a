"""Model objects from plain rows: for the few tables read by prepared statements on the hot path
(a sync's tasks and its run), where peewee's query building cost more than the work itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import peewee

M = TypeVar("M", bound=peewee.Model)

# Columns whose stored text is not the value itself (JSON, UTC times); the rest are read as
# SQLite returns them, as peewee's own int and text conversions leave them.
_PLAIN = (peewee.IntegerField, peewee.AutoField, peewee.TextField, peewee.CharField)


class ModelRows(Generic[M]):
    """`columns` names every column of `model` in order, for a SELECT or a RETURNING; `build`
    makes the model object of such a row exactly as peewee's select would (clean, not dirty)."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        fields: Sequence[peewee.Field] = model._meta.sorted_fields
        self.columns = ", ".join(f.column_name for f in fields)
        self._names = tuple(f.name for f in fields)
        self._decode: list[tuple[str, Callable[[Any], Any]]] = [
            (f.name, f.python_value)
            for f in fields
            # a subclass of a plain field (a JSON or a time column) converts its text
            if type(f) not in _PLAIN
        ]

    def build(self, row: Sequence[Any]) -> M:
        values = dict(zip(self._names, row, strict=True))
        for name, decode in self._decode:
            values[name] = decode(values[name])
        obj: M = self.model(__no_default__=1, **values)
        obj._dirty.clear()
        return obj
