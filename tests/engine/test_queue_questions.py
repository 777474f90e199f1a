"""The questions feature modules ask the queue (so none of them queries the task table)."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gramtui.domain.tasks import Priority, TaskState
from gramtui.engine.queue import Queue
from gramtui.store.models import SyncRun
from gramtui.store.schema import close_database, open_database

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def queue(tmp_path: Path) -> Iterator[Queue]:
    open_database(tmp_path / "q.sqlite3")
    yield Queue(clock=lambda: NOW)
    close_database()


def _run_one(queue: Queue, kind: str) -> None:
    task = queue.claim((kind,))
    assert task is not None


def test_states_and_priorities_are_stored_as_before(queue: Queue) -> None:
    task = queue.enqueue("move", "move:1", priority=Priority.USER)
    stored = queue.tasks()[0]
    assert stored.state == "pending" and type(stored.state) is str  # the same text in the row
    assert stored.priority == 50 and task.priority == Priority.USER


def test_open_count_filters_by_key_kind_and_id(queue: Queue) -> None:
    queue.enqueue("sync.page", "sync:1:collection:1")
    queue.enqueue("sync.page", "sync:1:collection:2")
    queue.enqueue("market.stats", "market:t5")
    queue.enqueue("master.year", "master:7")
    _run_one(queue, "sync.page")  # running still counts as open
    assert queue.open_count() == 4
    assert queue.open_count(key_prefix="sync:1:") == 2
    first = queue.tasks(kind="sync.page")[0]
    assert queue.open_count(key_prefix="sync:1:", besides_id=first.id) == 1
    assert queue.open_count(kind_prefix="market.") == 1
    assert queue.open_count(besides_prefix="market.", besides_kinds={"master.year"}) == 2


def test_keys_and_queued_keys(queue: Queue) -> None:
    queue.enqueue("price", "price:1")
    queue.enqueue("price", "price:2")
    _run_one(queue, "price")
    running = queue.keys("price", TaskState.RUNNING)
    assert len(running) == 1
    assert queue.keys("price", TaskState.PENDING) == {"price:1", "price:2"} - running
    done = queue.claim(("price",))
    assert done is not None
    queue.complete(done)
    assert queue.queued_keys(["price:1", "price:2", "price:3"]) == running


def test_pending_payload_and_latest_task(queue: Queue) -> None:
    queue.enqueue("market.stats", "market:t5", {"run": 3})
    assert queue.pending_payload("market:t5") == {"run": 3}
    assert queue.pending_payload("market:t6") is None
    task = queue.claim()
    assert task is not None
    queue.fail(task, "boom")
    assert queue.pending_payload("market:t5") is None  # failed is not pending
    latest = queue.latest_task("market:t5")
    assert latest is not None and latest.state == TaskState.FAILED and latest.last_error == "boom"


def test_failed_tasks_oldest_first_and_by_kind(queue: Queue) -> None:
    for key in ("want:1", "want:2", "master:3"):
        queue.enqueue(key.split(":")[0], key)
        task = queue.claim()
        assert task is not None
        queue.fail(task, "no")
    assert [t.key for t in queue.failed_tasks()] == ["want:1", "want:2", "master:3"]
    assert [t.key for t in queue.failed_tasks("want")] == ["want:1", "want:2"]


def test_drop_pending_by_kind_key_and_keep(queue: Queue) -> None:
    for i in range(4):
        queue.enqueue("want.set", f"want:{i}")
    queue.enqueue("other", "other:1")
    assert queue.drop_pending("want.set", key="want:0") == 1
    assert queue.drop_pending("want.set", keep={"want:1"}) == 2
    assert {t.key for t in queue.tasks()} == {"want:1", "other:1"}


def test_retire_marks_pending_and_failed_done_keeping_a_prefix(queue: Queue) -> None:
    queue.enqueue("sync.page", "sync:1:collection:9")
    queue.enqueue("sync.page", "sync:2:collection:1")
    queue.enqueue("sync.page", "sync:1:collection:8")
    task = queue.claim()
    assert task is not None and task.key == "sync:1:collection:9"
    queue.fail(task, "500")
    assert queue.retire(["sync.page"], "superseded by sync 2", keep_prefix="sync:2:") == 2
    left = queue.tasks()
    assert [t.key for t in left] == ["sync:2:collection:1"]
    old = queue.latest_task("sync:1:collection:9")
    assert old is not None and old.state == TaskState.DONE
    assert old.last_error == "superseded by sync 2"


def test_latest_sync(queue: Queue) -> None:
    assert queue.latest_sync() is None
    SyncRun.create(kind="full", started_at=NOW, progress={})
    SyncRun.create(kind="quick", started_at=NOW, progress={})
    latest = queue.latest_sync()
    assert latest is not None and latest.kind == "quick"
