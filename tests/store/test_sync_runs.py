"""store/sync_runs.py against the peewee calls it replaced in the sync (get_by_id, save)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gramtui.store import sync_runs
from gramtui.store.db import db
from gramtui.store.models import SyncRun
from gramtui.store.schema import close_database, open_database

STARTED = datetime(2026, 11, 1, 12, 0, 1, 250, tzinfo=UTC)
PROGRESS = {"collection": {"done": 100, "pages_done": [1, 2], "doubts": ['page 2 "é"']}}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[None]:
    open_database(tmp_path / "g.sqlite3")
    yield
    close_database()


def test_get_reads_the_run_as_get_by_id_does(store: None) -> None:
    run = SyncRun.create(kind="full", started_at=STARTED, progress=PROGRESS)
    mine, theirs = sync_runs.get(run.id), SyncRun.get_by_id(run.id)
    assert mine.__data__ == theirs.__data__ and not mine.is_dirty()
    assert mine.started_at == STARTED and mine.finished_at is None
    with pytest.raises(SyncRun.DoesNotExist):
        sync_runs.get(run.id + 1)


def test_save_progress_stores_the_text_save_stored(store: None) -> None:
    mine = SyncRun.create(kind="full", started_at=STARTED, progress={})
    theirs = SyncRun.create(kind="full", started_at=STARTED, progress={})
    sync_runs.save_progress(mine, PROGRESS)
    theirs.progress = PROGRESS
    theirs.save()
    texts = [
        db.execute_sql("SELECT progress FROM sync_run WHERE id = ?", (r.id,)).fetchone()[0]
        for r in (mine, theirs)
    ]
    assert texts[0] == texts[1] and mine.progress == PROGRESS
    assert SyncRun.get_by_id(mine.id).progress == PROGRESS
