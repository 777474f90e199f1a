"""GET /database/search answers -> search hits (the deals matcher's catno/barcode fallback)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from gramtui.discogs.errors import BadResponse


@dataclass(frozen=True, slots=True)
class SearchHit:
    release_id: int
    master_id: int | None
    artist: str
    title: str
    catno: str
    formats: tuple[str, ...]  # Discogs format names and descriptions, as listed
    labels: tuple[str, ...]
    barcodes: tuple[str, ...]
    year: int | None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def parse_search_hits(data: Any) -> list[SearchHit]:
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise BadResponse("the search answer has no results list")
    hits: list[SearchHit] = []
    for r in data["results"]:
        if not isinstance(r, dict) or r.get("type", "release") != "release":
            continue
        if not isinstance(r.get("id"), int) or not isinstance(r.get("title"), str):
            raise BadResponse("a search result has no id or title")
        # Search titles are "Artist - Title"; the artist may itself hold " - ".
        artist, _, title = r["title"].rpartition(" - ")
        year = str(r.get("year") or "")
        master = r.get("master_id")
        hits.append(
            SearchHit(
                release_id=r["id"],
                master_id=master if isinstance(master, int) and master else None,
                artist=artist,
                title=title or r["title"],
                catno=str(r.get("catno") or ""),
                formats=_strings(r.get("format")),
                labels=_strings(r.get("label")),
                barcodes=tuple(
                    re.sub(r"\D", "", b) for b in _strings(r.get("barcode")) if re.sub(r"\D", "", b)
                ),
                year=int(year) if year.isdigit() and year != "0" else None,
            )
        )
    return hits
