"""Catalogue rows from parsed dump records: one list of tuples per table (models_catalogue.py).

Built in the reader process, so what crosses the pipe is plain tuples (marshalled: see
catalogue_reader.py), not the parsed records; the writer only runs executemany.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence

from gramtui.domain.records import Artist, Release
from gramtui.dumps.records import (
    Credit,
    DumpArtist,
    DumpLabel,
    DumpMaster,
    DumpRecord,
    DumpRelease,
    Track,
)
from gramtui.dumps.values import barcode_digits, duration_seconds, normalise_catno, year_of

Rows = dict[str, list[tuple[object, ...]]]
FTS = "fts"  # as models_catalogue.FTS (not imported: that module needs peewee)
TABLES = {
    "releases": [
        "release",
        "release_label",
        "release_series",
        "release_format",
        "release_identifier",
        "release_genre",
        "release_style",
        FTS,
    ],
    "masters": ["master", "master_artist", "master_genre", "master_style"],
    "artists": ["artist"],
    "labels": ["label"],
}


def _credit_line(credits: Sequence[Credit]) -> str:
    if len(credits) == 1:  # most releases: no joins to place
        return credits[0].anv or credits[0].name
    return Release(0, "", artists=tuple(Artist(c.name, c.anv, c.join) for c in credits)).artist


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@functools.lru_cache(maxsize=1 << 14)  # format descriptions repeat: ("LP", "Album") …
def _json_list(values: tuple[str, ...]) -> str:
    return json.dumps(values, ensure_ascii=False)


def _tracks_json(tracks: Sequence[Track]) -> str:
    """cat_release.tracks: [[track, title, duration, seconds], …] (models_catalogue.VIEWS)."""
    if not tracks:
        return "[]"
    return _dumps([(*t, duration_seconds(t.duration)) for t in tracks])


def _release_rows(records: Iterable[DumpRelease], out: Rows) -> None:
    release, label, series = out["release"], out["release_label"], out["release_series"]
    fmt, ident = out["release_format"], out["release_identifier"]
    genre, style, fts = out["release_genre"], out["release_style"], out[FTS]
    for r in records:
        rid = r.id
        line = _credit_line(r.artists)
        catno = r.labels[0].catno if r.labels else ""
        release.append(
            (
                rid,
                r.status,
                r.title,
                r.country,
                r.released,
                year_of(r.released),
                r.master_id,
                int(r.is_main_release),
                r.data_quality,
                r.notes,
                line,
                catno,
                _tracks_json(r.tracks),
                _dumps(r.artists),  # a Credit is [artist_id, name, anv, join, role, tracks]
                _dumps(r.extraartists) if r.extraartists else "[]",
            )
        )
        for i, lb in enumerate(r.labels):
            label.append((rid, i, lb.label_id, lb.name, lb.catno, normalise_catno(lb.catno)))
        for i, s in enumerate(r.series):
            series.append((rid, i, s.label_id, s.name, s.catno))
        for i, f in enumerate(r.formats):
            fmt.append((rid, i, f.name, f.qty, f.text, _json_list(f.descriptions)))
        for idf in r.identifiers:
            norm = barcode_digits(idf.value) if idf.type == "Barcode" else ""
            ident.append((rid, idf.type, idf.description, idf.value, norm))
        genre.extend((rid, g) for g in r.genres)
        style.extend((rid, s) for s in r.styles)
        fts.append((rid, line, r.title, " ".join(lb.catno for lb in r.labels)))


def _master_rows(records: Iterable[DumpMaster], out: Rows) -> None:
    master, artist = out["master"], out["master_artist"]
    genre, style = out["master_genre"], out["master_style"]
    for m in records:
        master.append(
            (m.id, m.main_release, m.year, m.title, m.data_quality, _credit_line(m.artists))
        )
        for i, c in enumerate(m.artists):
            artist.append((m.id, i, c.artist_id, c.name, c.anv, c.join))
        genre.extend((m.id, g) for g in m.genres)
        style.extend((m.id, s) for s in m.styles)


def _artist_rows(records: Iterable[DumpArtist], out: Rows) -> None:
    rows = out["artist"]
    for a in records:
        aliases = json.dumps([[x.artist_id, x.name] for x in a.aliases], ensure_ascii=False)
        variations = json.dumps(a.namevariations, ensure_ascii=False)
        rows.append((a.id, a.name, a.realname, a.profile, a.data_quality, aliases, variations))


def _label_rows(records: Iterable[DumpLabel], out: Rows) -> None:
    rows = out["label"]
    for lb in records:
        rows.append((lb.id, lb.name, lb.profile, lb.data_quality, lb.parent_id, lb.parent_name))


_ROWS = {
    "releases": _release_rows,
    "masters": _master_rows,
    "artists": _artist_rows,
    "labels": _label_rows,
}


def rows_of(kind: str, records: Sequence[DumpRecord]) -> Rows:
    rows: Rows = {name: [] for name in TABLES[kind]}
    _ROWS[kind](records, rows)  # type: ignore[operator]  # records are all of this kind
    return rows
