"""How much shelf a record takes.

Under density "width" a record's width in cm comes from, first to last:
1. an explicit width: `Record.width` (set in the app), else the custom field named
   `WidthSettings.width_field` read as a number ("2.5", "2,5" or "2.5 cm");
2. the format estimate times a sleeve multiplier, when the custom field `sleeve_field` holds one
   of the `sleeve_multipliers` keys (e.g. Sleeve = "Gatefold" -> 1.6);
3. the format estimate: for each of the release's formats, the per-disc width of its kind times its
   quantity. LP, 12", 10" and 7" are Discogs format *descriptions*; Vinyl, CD, Cassette and Box Set
   are format *names*; both are read. A Box Set entry stands for the box itself (its discs are
   listed as formats of their own); File and All Media take no room;
4. the average of the known widths among the records laid out together (`widths_for`), or
   `fallback_width` when none is known.

Densities "count" and "discs" measure in records and discs instead of cm: under "count" every
record measures 1; under "discs" a record measures its number of physical discs (the sum of the
quantities of its formats, the box and digital entries aside; at least 1). A unit's `width` is then
read as a number of records or discs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from gramtui.domain.organisation import Density
from gramtui.domain.records import Format, Record

DiscKind = Literal["lp", "10", "7", "cd", "cassette", "box", "other"]

# Measured on real shelves: an LP in its sleeve, a jewel case, a cassette case, the box of a set.
# keyed by DiscKind, typed str so the user's per-disc table merges over it
DEFAULT_DISC_WIDTHS: Mapping[str, float] = {
    "lp": 0.35,
    "10": 0.3,
    "7": 0.25,
    "cd": 1.0,
    "cassette": 1.7,
    "box": 1.0,
    "other": 0.5,
}

_SIZE_DESCRIPTIONS: Mapping[str, DiscKind] = {'12"': "lp", "LP": "lp", '10"': "10", '7"': "7"}
_KIND_OF_NAME: Mapping[str, DiscKind] = {
    "vinyl": "lp",
    "cd": "cd",
    "cdr": "cd",
    "sacd": "cd",
    "cdv": "cd",
    "minidisc": "cd",
    "cassette": "cassette",
    "box set": "box",
}
_NO_ROOM = frozenset({"file", "all media"})
_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:cm)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class WidthSettings:
    width_field: str = "Width"  # custom field holding an explicit width in cm
    sleeve_field: str = "Sleeve"  # custom field whose value picks a sleeve multiplier
    sleeve_multipliers: Mapping[str, float] = field(default_factory=dict)
    disc_widths: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_DISC_WIDTHS))
    fallback_width: float = DEFAULT_DISC_WIDTHS["lp"]


def disc_kind(fmt: Format) -> DiscKind | None:
    """The kind of one format entry; None for entries that take no shelf room."""
    for description in fmt.descriptions:
        kind = _SIZE_DESCRIPTIONS.get(description)
        if kind is not None:
            return kind
    name = fmt.name.casefold()
    if name in _NO_ROOM:
        return None
    return _KIND_OF_NAME.get(name, "other")


def _estimate(record: Record, per_disc: Mapping[str, float]) -> float | None:
    """Per-disc width by kind times quantity, summed over the formats; None when nothing physical."""
    total = 0.0
    for fmt in record.release.formats:
        kind = disc_kind(fmt)
        if kind is not None:
            total += per_disc[kind] * max(fmt.qty, 1)
    return total or None


def explicit_width(record: Record, settings: WidthSettings) -> float | None:
    """The width the user gave, in the app or in the custom field; None when absent or unreadable."""
    if record.width is not None and record.width > 0:
        return record.width
    text = record.fields.get(settings.width_field)
    match = _NUMBER.match(text) if text else None
    if match:
        value = float(match.group(1).replace(",", "."))
        return value if value > 0 else None
    return None


def record_width(record: Record, settings: WidthSettings) -> float | None:
    """The record's width in cm, or None when nothing says (see the module docstring)."""
    return _width(record, settings, {**DEFAULT_DISC_WIDTHS, **settings.disc_widths})


def _width(record: Record, settings: WidthSettings, per_disc: Mapping[str, float]) -> float | None:
    width = explicit_width(record, settings)
    if width is not None:
        return width
    estimate = _estimate(record, per_disc)
    if estimate is None or not record.fields:
        return estimate
    multiplier = settings.sleeve_multipliers.get(record.fields.get(settings.sleeve_field, ""))
    return estimate * multiplier if multiplier else estimate


def disc_count(record: Record) -> int:
    """Physical discs (or tapes) in the record: box and digital entries aside, at least 1."""
    count = 0
    for fmt in record.release.formats:
        kind = disc_kind(fmt)
        if kind is not None and kind != "box":
            count += max(fmt.qty, 1)
    return max(count, 1)


def widths_for(
    records: Sequence[Record], settings: WidthSettings, density: Density = "width"
) -> dict[int, float]:
    """Each record's measure under `density`, by instance id, rounded to 0.001 cm (at least that).

    Unknown widths take the average of the known ones; the sum is exact (fsum) so the average,
    and so the layout, does not depend on the order the records come in.
    """
    if density == "count":
        return {r.instance_id: 1.0 for r in records}
    if density == "discs":
        return {r.instance_id: float(disc_count(r)) for r in records}
    per_disc = {**DEFAULT_DISC_WIDTHS, **settings.disc_widths}
    known: dict[int, float] = {}
    unknown: list[int] = []
    # Records share their formats tuples (the store reads each distinct one once): estimate
    # each once. Keyed by identity, which holds while `records` keeps the tuples alive.
    estimates: dict[int, float | None] = {}
    for record in records:
        if record.fields or record.width is not None:
            width = _width(record, settings, per_disc)
            if width is not None:
                known[record.instance_id] = _rounded(width)
                continue
        else:
            formats = record.release.formats
            key = id(formats)
            if key in estimates:
                width = estimates[key]
            else:
                estimate = _estimate(record, per_disc)
                width = estimates[key] = None if estimate is None else _rounded(estimate)
            if width is not None:
                known[record.instance_id] = width
                continue
        unknown.append(record.instance_id)
    if unknown:
        average = math.fsum(known.values()) / len(known) if known else settings.fallback_width
        average = _rounded(average)
        for instance_id in unknown:
            known[instance_id] = average
    return known


def _rounded(width: float) -> float:
    # Layouts pack in whole thousandths, so sums are exact and never drift with the input order.
    return float(max(round(width, 3), 0.001))
