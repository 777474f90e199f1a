"""What is searched on eBay: one search per live want and want-list entry, and saved searches;
and how often a round of them fits the daily budget."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from gramtui.domain.deals import text

# eBay category ids (EBAY_US) per format family; one category per call.
CATEGORIES = {"Vinyl": "176985", "CD": "176984", "Cassette": "176983"}
FAMILY_OF_CATEGORY = {v: k for k, v in CATEGORIES.items()}
_NAMES = {"vinyl": "Vinyl", "lp": "Vinyl", "cd": "CD", "cassette": "Cassette"}


@dataclass(frozen=True, slots=True)
class SearchSpec:
    """One eBay search: the task key is `deals:<key>`."""

    key: str  # want:<release> | entry:<entry id> | saved:<id>
    query: str
    category_id: str = ""
    formats: tuple[str, ...] = ()  # the families a listing may be
    release_id: int | None = None  # what it is looking for, when a want
    master_id: int | None = None
    max_price: Decimal | None = None
    min_score: Decimal | None = None
    interval_minutes: int = 0  # 0: as often as the budget allows
    paused: bool = False
    label: str = ""  # for people: "want: Artist - Title"


@dataclass(frozen=True, slots=True)
class SavedSearch:
    id: int
    name: str
    query: str
    formats: tuple[str, ...] = ()
    max_price: Decimal | None = None
    min_score: Decimal | None = None
    interval_minutes: int = 0
    paused: bool = False


def parse_formats(spec: str) -> tuple[str, ...]:
    """`"vinyl,cd"` -> ("Vinyl", "CD"); unknown names are refused with the known ones."""
    out: list[str] = []
    for part in filter(None, (p.strip().lower() for p in spec.split(","))):
        if part not in _NAMES:
            raise ValueError(f"unknown format {part!r}; use vinyl, cd or cassette.")
        out.append(_NAMES[part])
    return tuple(dict.fromkeys(out))


def query_for(artist: str, title: str, catno: str = "") -> str:
    """Artist and title words without punctuation or Discogs' "(2)"; the catalogue number only
    when artist and title say too little to find the record."""
    artist = re.sub(r"\s*\(\d+\)", "", artist)
    if artist.strip().lower() == "various":
        artist = ""
    words = [w for w in re.split(r"[^\w']+", f"{artist} {title}") if w]
    if len([w for w in words if w.lower() not in text.STOPWORDS]) < 2 and catno:
        words.append(catno)
    return " ".join(words)[:100]


def want_spec(
    key: str,
    artist: str,
    title: str,
    formats: tuple[str, ...],
    *,
    release_id: int | None = None,
    master_id: int | None = None,
    catno: str = "",
) -> SearchSpec:
    families = tuple(f for f in formats if f in CATEGORIES) or ("Vinyl",)
    plain = re.sub(r"\s*\(\d+\)", "", artist)
    return SearchSpec(
        key=key,
        query=query_for(artist, title, catno),
        category_id=CATEGORIES[families[0]],
        formats=families,
        release_id=release_id,
        master_id=master_id,
        label=f"{plain} - {title}".strip(" -"),
    )


def saved_spec(saved: SavedSearch) -> SearchSpec:
    families = tuple(f for f in saved.formats if f in CATEGORIES)
    return SearchSpec(
        key=f"saved:{saved.id}",
        query=saved.query,
        category_id=CATEGORIES[families[0]] if families else "",
        formats=families,
        max_price=saved.max_price,
        min_score=saved.min_score,
        interval_minutes=saved.interval_minutes,
        paused=saved.paused,
        label=f"saved: {saved.name}",
    )


@dataclass(frozen=True, slots=True)
class Schedule:
    searches: int
    calls_per_round: int
    interval_minutes: int  # between two rounds of every search
    note: str = field(default="")


def schedule(
    searches: int, daily_budget: int, wanted_minutes: int = 60, calls_per_search: int = 1
) -> Schedule:
    """The shortest interval (not below `wanted_minutes`) at which every search runs within the
    daily budget, and a sentence when the budget forces a longer one."""
    calls = max(0, searches) * calls_per_search
    if calls == 0:
        return Schedule(0, 0, wanted_minutes)
    rounds_per_day = max(1, daily_budget // calls) if daily_budget >= calls else 0
    if rounds_per_day == 0:
        return Schedule(
            searches,
            calls,
            24 * 60,
            f"{calls} calls a round exceed the daily budget of {daily_budget}: only "
            f"part of the searches can run each day; raise [ebay] daily_budget "
            f"or pause some searches.",
        )
    interval = max(wanted_minutes, -(-24 * 60 // rounds_per_day))
    note = ""
    if interval > wanted_minutes:
        note = (
            f"{searches} searches fit the daily budget of {daily_budget} calls once every "
            f"{interval} minutes (not every {wanted_minutes})."
        )
    return Schedule(searches, calls, interval, note)
