"""The meaning of each atomic condition, split in two: a getter that reads the actual value from
a record, and a test on that value. Evaluation composes them; explanations show the value too.

Text compares ignoring case; an unset value (missing, empty, rating 0, unknown year) is None:
it is never `=` anything, always `!=`, never `<`/`>`, never older or newer than an age. Ordering
on text is numeric when the value typed is a number (`Plays > 2`), alphabetical otherwise."""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import datetime
from typing import Any

from gramtui.domain.rules.ages import age_threshold, as_utc
from gramtui.domain.rules.ast import AgeTest, Atom, Compare, Contains, FieldRef, SetTest
from gramtui.domain.rules.facts import Subject
from gramtui.domain.rules.fields import field_kind
from gramtui.domain.rules.formats import INCH_MARKS
from gramtui.domain.rules.lexer import NUMBER
from gramtui.domain.rules.names import name_key

Getter = Callable[[Subject], object]
Test = Callable[[object], bool]

# the values compared are numbers, dates or text, whichever the field holds
ORDER: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _text(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


BUILTIN_GETTERS: dict[str, Getter] = {
    "folder": lambda s: _text(s.facts.folder_name),
    "format": lambda s: s.format_class,
    "formats": lambda s: s.tokens or None,
    "size": lambda s: s.record.size,
    "rating": lambda s: s.record.rating or None,
    "added": lambda s: s.record.date_added,
    "listing status": lambda s: _text(s.facts.listing_status),
    "copies": lambda s: s.facts.copies,
    "year": lambda s: s.record.release.year,
    "artist": lambda s: _text(s.record.release.artist),
    "title": lambda s: _text(s.record.release.title),
    "label": lambda s: _text(s.record.release.label),
    "catno": lambda s: _text(s.record.release.catno),
}


def getter(ref: FieldRef) -> Getter:
    if not ref.custom:
        return BUILTIN_GETTERS[ref.name]
    name = ref.name
    return lambda s: _text(s.record.fields.get(name))


def contains_tokens(atom: Contains) -> frozenset[str]:
    """The format tokens `contains X` accepts: X ignoring case, and X without its inch marks."""
    wanted = atom.value.text.casefold()
    return frozenset({wanted, wanted.strip(INCH_MARKS).strip()})


def atom_parts(atom: Atom, now: datetime) -> tuple[Getter, Test]:
    if isinstance(atom, Contains):
        accepted = contains_tokens(atom)
        return BUILTIN_GETTERS["formats"], lambda v: v is not None and not accepted.isdisjoint(v)
    if isinstance(atom, SetTest):
        is_set = atom.is_set
        return getter(atom.ref), lambda v: (v is not None) == is_set
    if isinstance(atom, AgeTest):
        threshold = age_threshold(now, atom.amount, atom.unit)
        read = getter(atom.ref)
        if atom.older:
            return (lambda s: as_utc(read(s))), lambda v: v is not None and v < threshold
        return (lambda s: as_utc(read(s))), lambda v: v is not None and v >= threshold
    return getter(atom.ref), compare_test(atom)


def compare_test(atom: Compare) -> Test:
    kind = field_kind(atom.ref.name, atom.ref.custom).kind
    op, text = atom.op, atom.value.text
    if kind == "number":
        number = float(text)
        if op == "=":
            return lambda v: v is not None and v == number
        if op == "!=":
            return lambda v: v is None or v != number
        compare = ORDER[op]
        return lambda v: v is not None and compare(v, number)
    fold = name_key if kind == "format" else str.casefold
    wanted = fold(text)
    if op == "=":
        return lambda v: v is not None and fold(v) == wanted  # type: ignore[arg-type]  # text fields hold str
    if op == "!=":
        return lambda v: v is None or fold(v) != wanted  # type: ignore[arg-type]  # text fields hold str
    if op == "contains":
        return lambda v: v is not None and wanted in fold(v)  # type: ignore[arg-type]  # text fields hold str
    compare = ORDER[op]
    if NUMBER.fullmatch(text):
        number = float(text)
        return lambda v: (n := _number(v)) is not None and compare(n, number)
    return lambda v: v is not None and compare(fold(v), wanted)  # type: ignore[arg-type]  # text fields hold str


def _number(value: object) -> float | None:
    if isinstance(value, str) and NUMBER.fullmatch(value.strip()):
        return float(value)
    return None
