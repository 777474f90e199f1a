"""Searching Discogs' whole database (`/database/search`) for a record to want: what the user typed
becomes the search (a barcode when it is one), asked at user priority through the shared rate
limiter, so it goes before a running sync and never past Discogs' window."""

from __future__ import annotations

import re

from gramtui.discogs.search import SearchHit as SearchHit  # what a search answers, for the UI
from gramtui.domain.tasks import Priority
from gramtui.engine.context import Engine

KINDS = ("release", "master")
_BARCODE = re.compile(r"\d{8,14}")  # EAN-8, UPC-A, EAN-13, ITF-14 once spaces and dashes go


class SearchError(ValueError):
    """The search cannot be asked as given; the message says how to ask it."""


def barcode_in(text: str) -> str:
    """The digits of `text` when all it holds is a barcode ("0 77774 6337 2 5"), else ""."""
    digits = re.sub(r"[\s-]", "", text)
    return digits if _BARCODE.fullmatch(digits) else ""


def search(
    engine: Engine,
    text: str,
    *,
    kind: str = "release",
    format: str = "",
    year: int | None = None,
    limit: int = 25,
) -> list[SearchHit]:
    """The best `limit` releases (or masters) for the words of an artist, title, label or
    catalogue number, or for a barcode."""
    text = " ".join(text.split())
    if not text:
        raise SearchError("Type some words of the artist, title, label or catalogue number.")
    if kind not in KINDS:
        raise SearchError(f"Search for a release or a master, not {kind!r}.")
    if year is not None and not 1877 <= year <= 2100:  # the phonograph's year
        raise SearchError(f"{year} is not a year a record came out; leave it out or fix it.")
    barcode = barcode_in(text)
    return engine.client.database_search(
        query="" if barcode else text,
        barcode=barcode,
        kind=kind,
        format=format,
        year=year,
        per_page=limit,
        priority=Priority.USER,
    )


def describe_hit(h: SearchHit) -> str:
    """One result as a person reads it: which id to want, then what it is."""
    label = f"  [{h.labels[0]} {h.catno}]" if h.labels else (f"  [{h.catno}]" if h.catno else "")
    where = " · ".join(str(x) for x in (", ".join(h.formats[:3]), h.country, h.year) if x)
    return f"{h.name:>10}  {h.artist} — {h.title}{label}" + (f"  {where}" if where else "")
