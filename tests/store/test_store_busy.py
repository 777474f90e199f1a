"""Two connections (two processes) writing to one database: each waits its turn, briefly, and a
lock held too long ends in one sentence, never in "database is locked"."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gramtui.store import db as store_db
from gramtui.store import meta
from gramtui.store.db import StoreBusy, db
from gramtui.store.models import Task
from gramtui.store.schema import close_database, open_database

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    file = tmp_path / "s.sqlite3"
    open_database(file)
    yield file
    close_database()


def test_read_then_write_in_a_transaction_survives_a_commit_from_another_process(
    path: Path,
) -> None:
    # The queue's pattern (look for the pending task, then insert): with a deferred BEGIN, the
    # other process committing between our read and our write made SQLite refuse the write at
    # once ("database is locked", whatever the busy timeout). IMMEDIATE takes the lock first.
    read_done, other_wrote = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def other_process() -> None:
        read_done.wait(5)
        con = sqlite3.connect(path, timeout=10)
        try:
            con.execute("INSERT INTO meta(key, value) VALUES ('other', 'x')")
            con.commit()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            con.close()
            other_wrote.set()

    thread = threading.Thread(target=other_process)
    thread.start()
    with db.atomic():
        assert Task.get_or_none(Task.key == "k") is None
        read_done.set()
        other_wrote.wait(0.5)  # on the old code the other process has committed by now
        Task.create(kind="k", key="k", not_before=NOW, created_at=NOW, updated_at=NOW)
    thread.join(15)
    assert errors == []
    assert Task.select().count() == 1 and meta.get("other") == "x"


def test_a_lock_held_too_long_is_one_sentence(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db.GramtuiDatabase, "busy_retry_seconds", 0.3)
    db.obj.execute_sql("PRAGMA busy_timeout = 50")
    holder = sqlite3.connect(path, timeout=10, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in a long write
    try:
        started = time.monotonic()
        with pytest.raises(StoreBusy) as caught:
            meta.put("mine", "y")
        assert time.monotonic() - started < 5  # bounded
        assert "busy: another gramtui process kept it locked" in str(caught.value)
        assert str(path) in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    meta.put("mine", "y")  # and it works again once the lock is gone
    assert meta.get("mine") == "y"


def test_a_short_lock_is_waited_for(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db.obj.execute_sql("PRAGMA busy_timeout = 50")  # SQLite gives up quickly; our retry does not
    holder = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: (holder.execute("COMMIT"), holder.close())).start()
    with db.atomic():
        meta.put("mine", "z")
    assert meta.get("mine") == "z"
