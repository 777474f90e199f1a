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
from dataclasses import dataclass
from datetime import datetime

from gramtui.store.catalogue_rows import Rows
from gramtui.store.db import db
from gramtui.store.models_catalogue import (
    CATALOGUE,
    FTS,
    LIVE,
    STAGE,
    DumpRow,
    create_statements,
    drop_view_statements,
    index_statements,
    table_names,
    view_statements,
)

COMMIT_EVERY = 50_000  # records per transaction while staging: big, but the app's writes get a turn
COMMIT_SECONDS = 2.0  # ... and at least this often


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
    connection: sqlite3.Connection = db.obj.connection()
    return connection


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

    def add(self, rows: Rows, records: int) -> None:
        """Insert the rows of `records` records (catalogue_rows.rows_of)."""
        if not records:
            return
        if not self.con.in_transaction:
            self.con.execute("BEGIN")
        for name, batch in rows.items():
            if batch:
                self.con.executemany(_insert_sql(name, self.widths[name]), batch)
        self.stored += records
        self._uncommitted += records
        if (
            self._uncommitted >= COMMIT_EVERY
            or time.monotonic() - self._committed_at > COMMIT_SECONDS
        ):
            self.con.execute("COMMIT")
            self._uncommitted = 0
            self._committed_at = time.monotonic()

    def finish(self, dump: LoadedDump) -> None:
        """Replace the live tables of this kind by the staged ones, in one transaction."""
        if self.con.in_transaction:
            self.con.execute("COMMIT")
        self.con.execute("BEGIN IMMEDIATE")
        try:
            # (views first: a table a view reads cannot be renamed while the view's is missing)
            for statement in drop_view_statements(self.kind):
                self.con.execute(statement)
            for name in table_names(self.kind, LIVE):
                self.con.execute(f"DROP TABLE IF EXISTS {name}")
            for name in table_names(self.kind, ""):
                self.con.execute(f"ALTER TABLE {STAGE}{name} RENAME TO {LIVE}{name}")
            for statement in index_statements(self.kind):
                self.con.execute(statement)
            for statement in view_statements(self.kind):
                self.con.execute(statement)
            self.con.execute(
                "INSERT OR REPLACE INTO cat_dump(kind, date, file, scope, seen, stored, skipped, "
                "skipped_examples, loaded_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    dump.kind,
                    dump.date,
                    dump.file,
                    dump.scope,
                    dump.seen,
                    dump.stored,
                    dump.skipped,
                    json.dumps(dump.skipped_examples),
                    dump.loaded_at.isoformat(),
                    dump.seconds,
                ),
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
    row: DumpRow | None = DumpRow.get_or_none(DumpRow.kind == kind)
    return row


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
