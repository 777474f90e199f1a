"""The one database proxy every model binds to, and opening it safely."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee

db = peewee.DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",  # readers (the UI) never wait for the writer (the queue)
    "foreign_keys": 1,
    "synchronous": "normal",  # safe with WAL: a crash loses at most the last transaction
    "busy_timeout": 10_000,
    "cache_size": -16_000,
}


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


def connect(path: Path) -> peewee.SqliteDatabase:
    path.parent.mkdir(parents=True, exist_ok=True)
    database = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect(reuse_if_open=True)
        database.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (peewee.DatabaseError, sqlite3.DatabaseError) as e:
        raise StoreError(
            f"{path} is not a gramtui database or is damaged ({e}). "
            "Restore a backup with `gramtui restore`, or move the file away."
        ) from None
    return database
