import sqlite3
from pathlib import Path

import pytest

from gramtui.store import schema
from gramtui.store.db import StoreError
from gramtui.store.schema import (
    CURRENT,
    SchemaTooNew,
    close_database,
    open_database,
    schema_version,
)


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_fresh_database_is_current_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "g.sqlite3")
    try:
        assert schema_version(db) == CURRENT
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        close_database()


def test_older_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    # Build a version-1 database the way version 1 of gramtui did.
    db = schema.connect(path)
    schema.db.initialize(db)
    schema.MIGRATIONS[0](db)
    db.execute_sql("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
    db.execute_sql("INSERT INTO folder(id, name, count) VALUES (7, 'Keep me', 3)")
    db.close()
    assert "listing" not in _tables(path)
    db = open_database(path)
    try:
        assert schema_version(db) == CURRENT
        assert {"listing", "want", "market"} <= _tables(path)
        assert db.execute_sql("SELECT name FROM folder WHERE id = 7").fetchone()[0] == "Keep me"
    finally:
        close_database()


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer gramtui"):
        open_database(path)
    assert path.read_bytes() == before


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a gramtui database"):
        open_database(path)
