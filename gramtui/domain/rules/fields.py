"""The record fields a condition can test, what kind of value each holds, and what it may be
compared with. Anything else is a Discogs custom field, looked up by its exact name."""

from __future__ import annotations

from dataclasses import dataclass

from gramtui.domain.marketplace import LISTING_STATUSES


@dataclass(frozen=True, slots=True)
class FieldKind:
    """`kind` is one of: text, number, date, size, status, format, tokens."""

    name: str
    kind: str
    example: str  # a value to show in "expected a value" messages


BUILTIN_FIELDS: dict[str, FieldKind] = {
    f.name: f
    for f in (
        FieldKind("folder", "text", '"Incoming"'),
        FieldKind("format", "format", '"12 Inch"'),
        FieldKind("formats", "tokens", "LP"),
        FieldKind("size", "size", "oversized"),
        FieldKind("rating", "number", "4"),
        FieldKind("added", "date", "2y"),
        FieldKind("listing status", "status", '"For Sale"'),
        FieldKind("copies", "number", "2"),
        FieldKind("year", "number", "1977"),
        FieldKind("artist", "text", '"The Beatles"'),
        FieldKind("title", "text", '"Abbey Road"'),
        FieldKind("label", "text", '"Blue Note"'),
        FieldKind("catno", "text", '"BST 84003"'),
    )
}

ALIASES: dict[str, str] = {
    "date added": "added",
    "date_added": "added",
    "format class": "format",
    "listing": "listing status",
    "listing_status": "listing status",
    "status": "listing status",
    "copy count": "copies",
    "catalogue number": "catno",
    "catalog number": "catno",
}

CUSTOM_FIELD = FieldKind("custom", "custom", '"Yes"')

SIZES: tuple[str, ...] = ("regular", "oversized")
STATUSES: tuple[str, ...] = LISTING_STATUSES

# Which operators make sense for each kind of field; the parser explains the others away.
OPERATORS: dict[str, frozenset[str]] = {
    "text": frozenset({"=", "!=", "<", "<=", ">", ">=", "contains"}),
    "custom": frozenset({"=", "!=", "<", "<=", ">", ">=", "contains"}),
    "number": frozenset({"=", "!=", "<", "<=", ">", ">="}),
    "format": frozenset({"=", "!=", "contains"}),
    "size": frozenset({"=", "!="}),
    "status": frozenset({"=", "!="}),
    "date": frozenset(),
    "tokens": frozenset({"contains"}),
}


def builtin_field(words: str) -> str | None:
    """The canonical built-in name for words typed as a field, or None for a custom field."""
    key = " ".join(words.casefold().split())
    if key in BUILTIN_FIELDS:
        return key
    return ALIASES.get(key)


def field_kind(name: str, custom: bool) -> FieldKind:
    return CUSTOM_FIELD if custom else BUILTIN_FIELDS[name]
