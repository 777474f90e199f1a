from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.clock import FakeClock

from gramtui.engine.queue import Queue
from gramtui.store.models import Task
from gramtui.store.schema import close_database, open_database


@pytest.fixture
def queue(tmp_path: Path):
    open_database(tmp_path / "q.sqlite3")
    yield Queue(clock=FakeClock(datetime(2026, 11, 1, 12, 0, tzinfo=UTC)))
    close_database()


def test_same_key_replaces_pending_task(queue: Queue) -> None:
    queue.enqueue("move", "move:1", {"folder": 2})
    queue.enqueue("move", "move:1", {"folder": 3}, priority=60)
    queue.enqueue("move", "move:2", {"folder": 3})
    tasks = queue.tasks()
    assert len(tasks) == 2
    one = next(t for t in tasks if t.key == "move:1")
    assert one.payload == {"folder": 3} and one.priority == 60


def test_many_intents_never_exceed_one_task_per_key(queue: Queue) -> None:
    for round_ in range(5):
        for i in range(100):
            queue.enqueue("move", f"move:{i}", {"round": round_})
    assert queue.counts().pending == 100


def test_claim_orders_by_priority_and_respects_not_before(queue: Queue) -> None:
    clock = queue.clock
    queue.enqueue("a", "low", priority=5)
    queue.enqueue("b", "later", priority=90, not_before=clock() + timedelta(minutes=5))
    queue.enqueue("c", "high", priority=50)
    assert queue.claim().key == "high"
    assert queue.claim().key == "low"
    assert queue.claim() is None
    clock.now += timedelta(minutes=6)
    assert queue.claim().key == "later"


def test_crash_leaves_running_which_recovers_to_pending(queue: Queue) -> None:
    queue.enqueue("sync", "page:1")
    task = queue.claim()
    assert task.state == "running"
    assert queue.recover() == 1
    again = queue.claim()
    assert again.id == task.id and again.attempts == 1  # the interrupted try does not count


def test_running_task_with_new_intent_yields_to_it(queue: Queue) -> None:
    queue.enqueue("move", "move:1", {"folder": 2})
    running = queue.claim()
    queue.enqueue("move", "move:1", {"folder": 5})  # a newer intent while the old one runs
    queue.retry_later(running, "503", queue.clock())
    pending = [t for t in queue.tasks() if t.state == "pending"]
    assert [t.payload for t in pending] == [{"folder": 5}]


def test_fail_retry_and_drop(queue: Queue) -> None:
    queue.enqueue("price", "price:9")
    task = queue.claim()
    queue.fail(task, "422: listing is sold")
    assert queue.counts().failed == 1
    assert Task.get_by_id(task.id).last_error == "422: listing is sold"
    assert queue.retry(task.id)
    assert queue.counts().pending == 1 and queue.counts().failed == 0
    assert queue.drop(task.id)
    assert queue.counts().pending == 0


def test_enqueue_many_replaces_pending_keys_and_ignores_done_ones(queue: Queue) -> None:
    queue.enqueue("k", "k:1", {"v": "old"})
    second = queue.enqueue("k", "k:2", {"v": "pending"})
    claimed = queue.claim()
    assert claimed is not None and claimed.id == second.id - 1  # k:1 first, same priority
    queue.complete(claimed)  # k:1 done: a new k:1 is a new task
    queue.enqueue_many("k", [("k:1", {"v": "again"}), ("k:2", {"v": "new"}), ("k:3", {})])
    pending = {t.key: t.payload for t in Task.select().where(Task.state == "pending")}
    assert pending == {"k:1": {"v": "again"}, "k:2": {"v": "new"}, "k:3": {}}
    assert Task.select().where(Task.key == "k:2").count() == 1  # replaced, not added
    assert Task.select().where(Task.key == "k:1").count() == 2  # the done one and the new one
