"""The fast path of parsing a collection page: an item exactly as Discogs sends it (plain ints,
strings or null where parse.py expects them) becomes its CollectionItem without the checked
parser's per-value calls, each of which formatted its error message ("the qty of formats[0] of
the basic_information of releases[17]") before knowing whether it was needed: half the parsing.

Anything else (a wrong type, a missing id, a number out of range, a quantity written "+1", a date
that does not parse) returns None, and parse.py's checked path parses the item again: it gives
the same result or raises the same BadResponse. So this file decides nothing; it only skips work.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from gramtui.discogs.models import CollectionItem
from gramtui.domain.ids import MAX_DISCOGS_ID
from gramtui.domain.records import Artist, Format, Label, Release

_str, _int, _dict, _list, _none = str, int, dict, list, type(None)


class _Irregular(Exception):
    """Something the checked parser must look at."""


def _text(value: Any) -> str:
    """parse._text for a string or null."""
    kind = type(value)
    if kind is _str:
        text: str = value
        return text
    if kind is _none:
        return ""
    raise _Irregular


def _number(value: Any) -> int:
    """parse._int for an int in range (a bool, a float or a numeric string: the checked path)."""
    if type(value) is _int and -MAX_DISCOGS_ID <= value <= MAX_DISCOGS_ID:
        number: int = value
        return number
    raise _Irregular


def _texts(value: Any) -> tuple[str, ...]:
    """parse._texts of a list of strings (or null: none)."""
    if value is None:
        return ()
    if type(value) is not _list:
        raise _Irregular
    for v in value:
        if type(v) is not _str:
            raise _Irregular  # a null is skipped and a number made text there: not here
    return tuple(value)


def _entries(value: Any) -> list[dict[str, Any]]:
    """A list of objects (or null: none)."""
    if value is None:
        return []
    if type(value) is not _list:
        raise _Irregular
    for v in value:
        if type(v) is not _dict:
            raise _Irregular
    entries: list[dict[str, Any]] = value
    return entries


def _qty(value: Any) -> int:
    """A format's quantity as parse_release reads it: "2" or 2; missing or "" is 1."""
    if value is None or value == "":
        return 1
    if type(value) is _str and value.isascii() and value.isdigit():
        return _number(int(value))
    return _number(value)


def _release(obj: Any) -> Release:
    """parse.parse_release of a regular `basic_information` object."""
    if type(obj) is not _dict:
        raise _Irregular
    get = obj.get
    year = get("year")
    master_id = get("master_id")
    return Release(
        _number(get("id")),  # a missing id is None: irregular
        _text(get("title")),
        tuple(
            [
                Artist(_text(a.get("name")), _text(a.get("anv")), _text(a.get("join")))
                for a in _entries(get("artists"))
            ]
        ),
        tuple(
            [Label(_text(lb.get("name")), _text(lb.get("catno"))) for lb in _entries(get("labels"))]
        ),
        tuple(
            [
                Format(
                    _text(f.get("name")),
                    _qty(f.get("qty")),
                    _texts(f.get("descriptions")),
                    _text(f.get("text")),
                )
                for f in _entries(get("formats"))
            ]
        ),
        None if year is None else (_number(year) or None),
        _texts(get("genres")),
        _texts(get("styles")),
        None if master_id is None else (_number(master_id) or None),
        None,
        _text(get("thumb")),
    )


def _date(value: Any) -> datetime | None:
    """parse._date of an ISO text (or null or "": none)."""
    if value is None or value == "":
        return None
    if type(value) is not _str:
        raise _Irregular
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Irregular from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def collection_item(value: Any, folder: int | None) -> CollectionItem | None:
    """parse.parse_collection_item of a regular item; None: let the checked path read it."""
    try:
        if type(value) is not _dict:
            return None
        get = value.get
        folder_id = get("folder_id")
        if folder_id is None:
            folder_id = folder
        notes: dict[int, str] = {}
        for note in _entries(get("notes")):
            notes[_number(note.get("field_id"))] = _text(note.get("value"))
        return CollectionItem(
            instance_id=_number(get("instance_id")),
            folder_id=_number(folder_id),
            release=_release(get("basic_information")),
            date_added=_date(get("date_added")),
            rating=_number(get("rating") or 0),
            notes=notes,
        )
    except _Irregular:
        return None
