"""What a slip says, as plain lines of text: pure, so the TUI can preview it exactly.

Every piece of text goes through the printer fallback first and is wrapped afterwards, so a line
is never longer than the paper once a "…" has become "..." or "Щ" has become "Shch".
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gramtui.domain.moves import Move, Spot
from gramtui.domain.neighbours import LEFT_OF, RIGHT_OF, neighbour_sides
from gramtui.domain.records import Record
from gramtui.printing.fallback import printable, readable

SLIP_WIDTHS = (32, 42, 48)
_INDENT = "  "
QR_PLACEHOLDER = "[QR]"  # where the preview shows the QR code


@dataclass(frozen=True, slots=True)
class SlipRecord:
    artist: str
    title: str
    label: str
    catno: str
    year: int | None
    format: str
    release_id: int
    instance_id: int

    @classmethod
    def from_record(cls, record: Record) -> SlipRecord:
        release = record.release
        return cls(
            artist=release.artist,
            title=release.title,
            label=release.label,
            catno=release.catno,
            year=release.year,
            format=release.format_summary,
            release_id=release.id,
            instance_id=record.instance_id,
        )


@dataclass(frozen=True, slots=True)
class Slip:
    """The printed text line by line, then a QR code of `qr` ("" for none) with `qr` under it."""

    lines: tuple[str, ...]
    qr: str
    width: int

    @property
    def qr_caption(self) -> tuple[str, ...]:
        """The payload printed under the QR code, for eyes (and printers without native QR)."""
        return tuple(textwrap.wrap(self.qr, self.width, break_on_hyphens=False))


class SlipWidthError(ValueError):
    """A slip width the printers do not come in."""


def qr_payload(record: SlipRecord) -> str:
    return f"gramtui:r={record.release_id};i={record.instance_id}"


def render_slip(
    move: Move,
    seq: int,
    total: int,
    record: SlipRecord,
    names: Mapping[int, str],
    width: int,
) -> Slip:
    """One slip: what to take from where and where to put it. `names` maps a neighbour's
    instance id to a short "Artist — Title"."""
    _check_width(width)
    rule = "=" * width
    lines = [rule, f"{move.action.upper()} {seq}/{total}", rule]
    lines += _wrap(_heading(record), width)
    details = " · ".join(
        part for part in (record.label, record.catno, str(record.year or ""), record.format) if part
    )
    lines += _wrap(details, width)
    for heading, spot in (("FROM", move.from_), ("TO", move.to)):
        if spot is not None:
            lines.append("-" * width)
            lines += _spot_lines(heading, spot, names, width)
    lines.append("-" * width)
    return Slip(tuple(lines), qr_payload(record), width)


def render_batch_list(
    moves: Sequence[Move],
    records: Mapping[int, SlipRecord],
    names: Mapping[int, str],
    width: int,
) -> Slip:
    """The compact mode: the whole batch as one list on one slip. `records` maps every moving
    instance id to its record; for each destination its nearest neighbour is shown ("right of"
    the one on its left, else "left of" the one on its right)."""
    _check_width(width)
    lines = ["=" * width, f"MOVES {len(moves)}", "=" * width]
    for seq, move in enumerate(moves, start=1):
        record = records[move.instance_id]
        lines += _wrap(f"{seq} {move.action.upper()} {_heading(record)}", width)
        origin = _short_place(move.from_) if move.from_ is not None else "(new)"
        destination = _short_place(move.to) if move.to is not None else "(out)"
        lines += _wrap(f"{origin} -> {destination}", width, _INDENT)
        if move.to is not None and move.to.before:
            lines += _wrap(f"{RIGHT_OF} {_name(move.to.before[-1], names)}", width, _INDENT, 1)
        elif move.to is not None and move.to.after:
            lines += _wrap(f"{LEFT_OF} {_name(move.to.after[0], names)}", width, _INDENT, 1)
    lines.append("=" * width)
    return Slip(tuple(lines), "", width)


def render_test_slip(width: int) -> Slip:
    """A test print: a ruler as wide as the paper should be, accents, a fallback and a QR code."""
    _check_width(width)
    ruler = "".join(str(n % 10) for n in range(1, width + 1))
    lines = [
        "=" * width,
        "TEST PRINT",
        "=" * width,
        ruler,
        *_wrap(f"This ruler should fill one line: {width} columns.", width),
        *_wrap("Accents: Motörhead · Sigur Rós · Françoise Hardy", width),
        *_wrap("Fallback: Кино · はっぴいえんど · Łódź", width),
        "-" * width,
    ]
    return Slip(tuple(lines), "gramtui:test", width)


def text_preview(slip: Slip) -> str:
    """Exactly the text that will print, with a placeholder where the QR code goes."""
    lines = list(slip.lines)
    if slip.qr:
        lines += [QR_PLACEHOLDER, *slip.qr_caption]
    return "\n".join(lines)


def _check_width(width: int) -> None:
    if width not in SLIP_WIDTHS:
        raise SlipWidthError(
            f"A slip is 32, 42 or 48 columns wide, not {width}: set the printer width to one of them."
        )


def _wrap(text: str, width: int, indent: str = "", max_lines: int | None = None) -> list[str]:
    return textwrap.wrap(
        printable(text),
        width,
        initial_indent=indent,
        subsequent_indent=indent + " ",
        break_on_hyphens=False,
        max_lines=max_lines,
        placeholder="...",
    ) or [indent.rstrip()]


def _place(spot: Spot) -> str:
    if spot.area == "shelf":
        return f"{spot.space} · unit {spot.unit} · #{spot.position}"
    return f"{spot.area} · #{spot.position}"


def _short_place(spot: Spot) -> str:
    if spot.area == "shelf":
        return f"{spot.space} u{spot.unit} #{spot.position}"
    return f"{spot.area} #{spot.position}"


def _heading(record: SlipRecord) -> str:
    """Artist — title; a part with nothing readable left is replaced by the release id, which
    finds the record on Discogs and in gramtui."""
    title = record.title if readable(record.title) else f"release {record.release_id}"
    if not readable(record.artist):
        return title
    return f"{record.artist} — {title}"


def _name(instance_id: int, names: Mapping[int, str]) -> str:
    name = names.get(instance_id)
    return name if name and readable(name) else f"#{instance_id}"


def _spot_lines(heading: str, spot: Spot, names: Mapping[int, str], width: int) -> list[str]:
    lines = _wrap(f"{heading} {spot.organisation}", width)
    lines += _wrap(_place(spot), width, _INDENT)
    for label, ids in neighbour_sides(spot.before, spot.after):
        for n, instance_id in enumerate(ids):
            lead = f"{label:<9}" if n == 0 else " " * 9
            lines += _wrap(f"{lead} {_name(instance_id, names)}", width, _INDENT, 1)
    if not spot.before and not spot.after:
        lines += _wrap("(alone in the unit)", width, _INDENT)
    return lines
