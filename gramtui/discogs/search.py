"""GET /database/search answers -> search hits: releases or masters (`gramtui search`, adding a
want by searching, and the deals matcher's catno/barcode fallback)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from gramtui.discogs.errors import BadResponse


@dataclass(frozen=True, slots=True)
class SearchHit:
    release_id: int  # 0 for a master hit
    master_id: int | None
    artist: str
    title: str
    catno: str
    formats: tuple[str, ...]  # Discogs format names and descriptions, as listed
    labels: tuple[str, ...]
    barcodes: tuple[str, ...]
    year: int | None
    country: str = ""
    kind: str = "release"  # or "master"

    @property
    def name(self) -> str:
        """How a person says which hit: "r1367524" for a release, "m4242" for a master."""
        return f"m{self.master_id}" if self.kind == "master" else f"r{self.release_id}"


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def parse_search_hits(data: Any) -> list[SearchHit]:
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise BadResponse("the search answer has no results list")
    hits: list[SearchHit] = []
    for r in data["results"]:
        kind = r.get("type", "release") if isinstance(r, dict) else None
        if kind not in ("release", "master"):
            continue
        if not isinstance(r.get("id"), int) or not isinstance(r.get("title"), str):
            raise BadResponse("a search result has no id or title")
        # Search titles are "Artist - Title"; the artist may itself hold " - ".
        artist, _, title = r["title"].rpartition(" - ")
        year = str(r.get("year") or "")
        master = r["id"] if kind == "master" else r.get("master_id")
        hits.append(
            SearchHit(
                release_id=r["id"] if kind == "release" else 0,
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
                country=str(r.get("country") or ""),
                kind=str(kind),
            )
        )
    return hits
