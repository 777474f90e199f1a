"""Writing the dump catalogue: rows of each record kind, staging tables, and the swap.

An ingest fills fresh `stage_*` tables with executemany on the raw connection, in large
transactions; the live `cat_*` tables of that kind are replaced by the staged ones in one
transaction at the very end. So a failed or killed ingest leaves the previous dump as it was,
and running it again starts from empty staging tables: the result is the same as one clean run.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from gramtui.domain.records import Artist, Release
from gramtui.dumps.records import (
    Credit,
    DumpArtist,
    DumpLabel,
    DumpMaster,
    DumpRecord,
    DumpRelease,
)
from gramtui.dumps.values import barcode_digits, duration_seconds, normalise_catno, year_of
from gramtui.store.db import db
from gramtui.store.models_catalogue import (
    CATALOGUE,
    FTS,
    LIVE,
    STAGE,
    DumpRow,
    create_statements,
    index_statements,
    table_names,
)

COMMIT_EVERY = 50_000  # records per transaction while staging: big, but the app's writes get a turn
COMMIT_SECONDS = 2.0  # ... and at least this often
Rows = dict[str, list[tuple[object, ...]]]


@dataclass(frozen=True)
class LoadedDump:
    kind: str
    date: str
    file: str
    scope: str
    seen: int
    stored: int
    skipped: int
    skipped_examples: list[list[object]]
    loaded_at: datetime
    seconds: float


def raw_connection() -> sqlite3.Connection:
    return db.obj.connection()  # type: ignore[no-any-return]


def _credit_line(credits: Sequence[Credit]) -> str:
    return Release(0, "", artists=tuple(Artist(c.name, c.anv, c.join) for c in credits)).artist


def _release_rows(records: Iterable[DumpRelease], out: Rows) -> None:
    release, artist, label, series = out["release"], out["release_artist"], out["release_label"], out["release_series"]
    fmt, ident, track = out["release_format"], out["release_identifier"], out["release_track"]
    genre, style, fts = out["release_genre"], out["release_style"], out[FTS]
    for r in records:
        rid = r.id
        line = _credit_line(r.artists)
        catno = r.labels[0].catno if r.labels else ""
        release.append((
            rid, r.status, r.title, r.country, r.released, year_of(r.released), r.master_id,
            int(r.is_main_release), r.data_quality, r.notes, line, catno,
        ))
        for extra, credits in ((0, r.artists), (1, r.extraartists)):
            for i, c in enumerate(credits):
                artist.append((rid, i, extra, c.artist_id, c.name, c.anv, c.join, c.role, c.tracks))
        for i, lb in enumerate(r.labels):
            label.append((rid, i, lb.label_id, lb.name, lb.catno, normalise_catno(lb.catno)))
        for i, s in enumerate(r.series):
            series.append((rid, i, s.label_id, s.name, s.catno))
        for i, f in enumerate(r.formats):
            fmt.append((rid, i, f.name, f.qty, f.text, json.dumps(f.descriptions, ensure_ascii=False)))
        for idf in r.identifiers:
            norm = barcode_digits(idf.value) if idf.type == "Barcode" else ""
            ident.append((rid, idf.type, idf.description, idf.value, norm))
        for i, t in enumerate(r.tracks):
            track.append((rid, i, t.position, t.title, t.duration, duration_seconds(t.duration)))
        genre.extend((rid, g) for g in r.genres)
        style.extend((rid, s) for s in r.styles)
        fts.append((rid, line, r.title, " ".join(lb.catno for lb in r.labels)))


def _master_rows(records: Iterable[DumpMaster], out: Rows) -> None:
    master, artist = out["master"], out["master_artist"]
    genre, style = out["master_genre"], out["master_style"]
    for m in records:
        master.append((m.id, m.main_release, m.year, m.title, m.data_quality, _credit_line(m.artists)))
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


_ROWS = {"releases": _release_rows, "masters": _master_rows, "artists": _artist_rows,
         "labels": _label_rows}


def _insert_sql(table: str, width: int) -> str:
    verb = "INSERT OR REPLACE" if table in ("release", "master", "artist", "label") else "INSERT"
    if table == FTS:
        return f"INSERT INTO {STAGE}{FTS}(rowid, artist, title, catno) VALUES (?, ?, ?, ?)"
    return f"{verb} INTO {STAGE}{table} VALUES ({', '.join('?' * width)})"


class StagedIngest:
    """Fill the staging tables of one kind, then swap them in (`finish`) or drop them (`abandon`)."""

    def __init__(self, kind: str, connection: sqlite3.Connection | None = None) -> None:
        self.kind = kind
        self.con = connection or raw_connection()
        self.tables = [*CATALOGUE[kind], *([FTS] if kind == "releases" else [])]
        self.widths = {name: cols.count(",") + 1 for name, cols in CATALOGUE[kind].items()}
        self.widths[FTS] = 4
        self.stored = 0
        self._uncommitted = 0
        self._committed_at = time.monotonic()
        self._drop_stage()
        with self.con:
            for statement in create_statements(kind, STAGE):
                self.con.execute(statement)

    def _drop_stage(self) -> None:
        for name in table_names(self.kind, STAGE):
            self.con.execute(f"DROP TABLE IF EXISTS {name}")

    def add(self, records: Sequence[DumpRecord]) -> None:
        if not records:
            return
        rows: Rows = {name: [] for name in self.tables}
        _ROWS[self.kind](records, rows)  # type: ignore[operator]
        if not self.con.in_transaction:
            self.con.execute("BEGIN")
        for name, batch in rows.items():
            if batch:
                self.con.executemany(_insert_sql(name, self.widths[name]), batch)
        self.stored += len(records)
        self._uncommitted += len(records)
        if self._uncommitted >= COMMIT_EVERY or time.monotonic() - self._committed_at > COMMIT_SECONDS:
            self.con.execute("COMMIT")
            self._uncommitted = 0
            self._committed_at = time.monotonic()

    def finish(self, dump: LoadedDump) -> None:
        """Replace the live tables of this kind by the staged ones, in one transaction."""
        if self.con.in_transaction:
            self.con.execute("COMMIT")
        self.con.execute("BEGIN IMMEDIATE")
        try:
            for name in table_names(self.kind, LIVE):
                self.con.execute(f"DROP TABLE IF EXISTS {name}")
            for name in self.tables:
                self.con.execute(f"ALTER TABLE {STAGE}{name} RENAME TO {LIVE}{name}")
            for statement in index_statements(self.kind):
                self.con.execute(statement)
            self.con.execute(
                "INSERT OR REPLACE INTO cat_dump(kind, date, file, scope, seen, stored, skipped, "
                "skipped_examples, loaded_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (dump.kind, dump.date, dump.file, dump.scope, dump.seen, dump.stored, dump.skipped,
                 json.dumps(dump.skipped_examples), dump.loaded_at.isoformat(), dump.seconds),
            )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def abandon(self) -> None:
        if self.con.in_transaction:
            self.con.execute("ROLLBACK")
        self._drop_stage()


# -- what is loaded, and what the collection refers to -------------------------------------------


def loaded_dumps() -> list[DumpRow]:
    return list(DumpRow.select().order_by(DumpRow.kind))


def loaded_dump(kind: str) -> DumpRow | None:
    return DumpRow.get_or_none(DumpRow.kind == kind)


def _ids(sql: str) -> set[int]:
    return {row[0] for row in raw_connection().execute(sql) if row[0] is not None}


def referenced_ids(kind: str) -> set[int]:
    """What scope `collection` keeps: the ids the collection, wantlist, want lists and listings
    refer to; artists and labels through the releases and masters already in the catalogue."""
    if kind == "releases":
        return _ids(
            "SELECT release_id FROM instance UNION SELECT release_id FROM want "
            "UNION SELECT release_id FROM listing UNION SELECT release_id FROM want_entry"
        )
    if kind == "masters":
        return _ids(
            "SELECT master_id FROM release UNION SELECT master_id FROM want "
            "UNION SELECT master_id FROM want_entry UNION SELECT master_id FROM cat_release"
        )
    if kind == "artists":
        return _ids(
            "SELECT artist_id FROM cat_release_artist UNION SELECT artist_id FROM cat_master_artist"
        )
    return _ids(
        "SELECT label_id FROM cat_release_label UNION SELECT series_id FROM cat_release_series"
    )


def apply_master_years() -> int:
    """The collection's releases take their master's year (the first release) from the catalogue,
    or from the API's answers when no masters dump is loaded; returns how many changed."""
    con = raw_connection()
    with db.atomic():
        before = con.total_changes
        con.execute(
            "UPDATE release SET master_year = known.year FROM ("
            "  SELECT id, year FROM cat_master WHERE year IS NOT NULL"
            "  UNION ALL SELECT master_id, year FROM master_year WHERE year IS NOT NULL"
            "    AND master_id NOT IN (SELECT id FROM cat_master WHERE year IS NOT NULL)"
            ") AS known WHERE release.master_id = known.id"
            " AND release.master_year IS NOT known.year"
        )
        return con.total_changes - before
