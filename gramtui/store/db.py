"""The one database proxy every model binds to, and opening it safely.

Two processes may share a data directory (the TUI open while `gramtui sync` runs from cron).
SQLite lets one of them write at a time; the other must wait its turn, briefly, and never crash:
every transaction begins IMMEDIATE (it takes the write lock before it reads, so it never has to
upgrade a stale read snapshot, which SQLite refuses at once with "database is locked"), and a
statement or BEGIN that still finds the database locked after the busy timeout is tried again
for a bounded time before the user gets one sentence (StoreBusy).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import peewee

db = peewee.DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",  # readers (the UI) never wait for the writer (the queue)
    "foreign_keys": 1,
    "synchronous": "normal",  # safe with WAL: a crash loses at most the last transaction
    "busy_timeout": 10_000,
    "cache_size": -16_000,
}
BUSY_RETRY_SECONDS = 30.0  # beyond SQLite's own busy_timeout: how long a locked write is retried


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


class StoreBusy(StoreError):
    """Another process kept the database locked for longer than the bounded wait."""


def is_busy(error: BaseException) -> bool:
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text or "sqlite_busy" in text


class GramtuiDatabase(peewee.SqliteDatabase):
    """SQLite with IMMEDIATE transactions and a bounded retry of locked statements."""

    busy_retry_seconds = BUSY_RETRY_SECONDS

    def begin(self, lock_type: str | None = None) -> None:
        self._retry_busy(lambda: super(GramtuiDatabase, self).begin(lock_type or "IMMEDIATE"))

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        if self.in_transaction():
            # Inside a transaction we hold the write lock already (IMMEDIATE); a statement cannot
            # be repeated alone, so a lock error here ends the transaction (it is rolled back).
            try:
                return super().execute_sql(sql, params)
            except peewee.OperationalError as e:
                if is_busy(e):
                    raise self._busy() from None
                raise
        return self._retry_busy(lambda: super(GramtuiDatabase, self).execute_sql(sql, params))

    def _retry_busy(self, call: Any) -> Any:
        deadline = time.monotonic() + self.busy_retry_seconds
        pause = 0.05
        while True:
            try:
                return call()
            except (peewee.OperationalError, sqlite3.OperationalError) as e:
                if not is_busy(e):
                    raise
                if time.monotonic() + pause > deadline:
                    raise self._busy() from None
            time.sleep(pause)
            pause = min(1.0, pause * 2)

    def _busy(self) -> StoreBusy:
        return StoreBusy(
            f"The database {self.database} is busy: another gramtui process kept it locked for "
            f"longer than {self.busy_retry_seconds:g} s. Try again in a moment."
        )


def connect(path: Path) -> peewee.SqliteDatabase:
    path.parent.mkdir(parents=True, exist_ok=True)
    database = GramtuiDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False, timeout=10)
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except StoreBusy:
        raise
    except (peewee.DatabaseError, sqlite3.DatabaseError) as e:
        if is_busy(e):
            raise database._busy() from None
        raise StoreError(
            f"{path} is not a gramtui database or is damaged ({e}). "
            "Restore a backup with `gramtui restore`, or move the file away."
        ) from None
    return database
