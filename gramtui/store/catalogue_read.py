"""Everything stored about one release: the catalogue's rows when a dump holds it, else what a
sync stored for the collection or the wantlist."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from gramtui.store.catalogue import raw_connection


@dataclass(frozen=True)
class CreditLine:
    name: str
    anv: str = ""
    join: str = ""
    role: str = ""
    artist_id: int | None = None


@dataclass(frozen=True)
class LabelLine:
    name: str
    catno: str
    label_id: int | None = None


@dataclass(frozen=True)
class FormatLine:
    name: str
    qty: int
    descriptions: list[str]
    text: str = ""


@dataclass(frozen=True)
class TrackLine:
    position: str
    title: str
    duration: str
    seconds: int | None


@dataclass(frozen=True)
class IdentifierLine:
    type: str
    description: str
    value: str


@dataclass(frozen=True)
class ReleaseDetail:
    id: int
    source: str  # "catalogue" (a dump) or "collection" (a sync)
    title: str
    artist: str  # the display credit
    artists: list[CreditLine]
    extraartists: list[CreditLine]
    labels: list[LabelLine]
    series: list[LabelLine]
    formats: list[FormatLine]
    genres: list[str]
    styles: list[str]
    year: int | None
    released: str
    country: str
    master_id: int | None
    master_year: int | None
    identifiers: list[IdentifierLine]
    tracks: list[TrackLine]
    notes: str = ""
    data_quality: str = ""
    status: str = ""
    copies: list[tuple[int, str]] = field(default_factory=list)  # (instance id, folder name)


# rows as SQLite gives them: each column has the type its SQL says
def _all(sql: str, rid: int) -> list[tuple[Any, ...]]:
    return raw_connection().execute(sql, (rid,)).fetchall()


def _master_year(master_id: int | None) -> int | None:
    if master_id is None:
        return None
    for sql in (
        "SELECT year FROM cat_master WHERE id = ?",
        "SELECT master_year FROM release WHERE master_id = ? AND master_year IS NOT NULL",
        "SELECT year FROM master_year WHERE master_id = ?",
    ):
        row = raw_connection().execute(sql, (master_id,)).fetchone()
        if row and row[0]:
            return int(row[0])
    return None


def _copies(rid: int) -> list[tuple[int, str]]:
    rows = _all(
        "SELECT i.id, COALESCE(f.name, i.folder_id) FROM instance i LEFT JOIN folder f "
        "ON f.id = i.folder_id WHERE i.release_id = ? ORDER BY i.id",
        rid,
    )
    return [(int(i), str(f)) for i, f in rows]


def release_detail(rid: int) -> ReleaseDetail | None:
    row = (
        raw_connection()
        .execute(
            "SELECT title, artist, year, released, country, master_id, notes, data_quality, status "
            "FROM cat_release WHERE id = ?",
            (rid,),
        )
        .fetchone()
    )
    if row is None:
        return _from_collection(rid)
    title, artist, year, released, country, master_id, notes, quality, status = row
    credits = _all(
        'SELECT name, anv, "join", role, artist_id, extra FROM cat_release_artist '
        "WHERE release_id = ? ORDER BY extra, position",
        rid,
    )
    return ReleaseDetail(
        id=rid,
        source="catalogue",
        title=title,
        artist=artist,
        artists=[CreditLine(*c[:5]) for c in credits if not c[5]],
        extraartists=[CreditLine(*c[:5]) for c in credits if c[5]],
        labels=[
            LabelLine(*x)
            for x in _all(
                "SELECT name, catno, label_id FROM cat_release_label WHERE release_id = ? ORDER BY position",
                rid,
            )
        ],
        series=[
            LabelLine(*x)
            for x in _all(
                "SELECT name, number, series_id FROM cat_release_series WHERE release_id = ? ORDER BY position",
                rid,
            )
        ],
        formats=[
            FormatLine(n, q, json.loads(d), t)
            for n, q, d, t in _all(
                "SELECT name, qty, descriptions, text FROM cat_release_format WHERE release_id = ? "
                "ORDER BY position",
                rid,
            )
        ],
        genres=[
            g
            for (g,) in _all(
                "SELECT genre FROM cat_release_genre WHERE release_id = ? ORDER BY rowid", rid
            )
        ],
        styles=[
            s
            for (s,) in _all(
                "SELECT style FROM cat_release_style WHERE release_id = ? ORDER BY rowid", rid
            )
        ],
        year=year,
        released=released,
        country=country,
        master_id=master_id,
        master_year=_master_year(master_id),
        identifiers=[
            IdentifierLine(*x)
            for x in _all(
                "SELECT type, description, value FROM cat_release_identifier WHERE release_id = ? ORDER BY rowid",
                rid,
            )
        ],
        tracks=[
            TrackLine(*x)
            for x in _all(
                "SELECT track, title, duration, seconds FROM cat_release_track WHERE release_id = ? ORDER BY position",
                rid,
            )
        ],
        notes=notes,
        data_quality=quality,
        status=status,
        copies=_copies(rid),
    )


def _from_collection(rid: int) -> ReleaseDetail | None:
    row = (
        raw_connection()
        .execute(
            "SELECT title, artist, artists, labels, formats, year, genres, styles, master_id, master_year "
            "FROM release WHERE id = ?",
            (rid,),
        )
        .fetchone()
    )
    if row is None:
        return None
    title, artist, artists, labels, formats, year, genres, styles, master_id, master_year = row
    return ReleaseDetail(
        id=rid,
        source="collection",
        title=title,
        artist=artist,
        artists=[CreditLine(a[0], a[1], a[2]) for a in json.loads(artists)],
        extraartists=[],
        labels=[LabelLine(lb[0], lb[1]) for lb in json.loads(labels)],
        series=[],
        formats=[FormatLine(f[0], int(f[1]), list(f[2]), f[3]) for f in json.loads(formats)],
        genres=json.loads(genres),
        styles=json.loads(styles),
        year=year,
        released="",
        country="",
        master_id=master_id,
        master_year=master_year or _master_year(master_id),
        identifiers=[],
        tracks=[],
        copies=_copies(rid),
    )
