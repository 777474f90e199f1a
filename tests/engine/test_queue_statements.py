"""The queue's prepared statements keep the rows and the semantics the peewee queries had."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.clock import FakeClock

from gramtui.domain.tasks import Priority
from gramtui.engine.queue import Queue
from gramtui.store.db import db
from gramtui.store.models import Task
from gramtui.store.schema import close_database, open_database

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def queue(tmp_path: Path) -> Iterator[Queue]:
    open_database(tmp_path / "q.sqlite3")
    yield Queue(clock=FakeClock(NOW))
    close_database()


def _row(key: str) -> tuple[object, ...]:
    return tuple(
        db.execute_sql(
            "SELECT kind, payload, priority, not_before, attempts, state, last_error, created_at,"
            " updated_at FROM task WHERE key = ? ORDER BY id DESC",
            (key,),
        ).fetchone()
    )


def test_an_enqueued_task_is_stored_as_peewee_stored_it(queue: Queue) -> None:
    payload = {"a": 'ü\n"x', "n": [1, 2.5, None]}
    task = queue.enqueue("k", "mine", payload, priority=Priority.USER)
    Task.create(  # what the peewee path stored
        kind="k",
        key="theirs",
        payload=payload,
        priority=Priority.USER,
        not_before=NOW,
        created_at=NOW,
        updated_at=NOW,
    )
    assert _row("mine") == _row("theirs")
    assert task.payload == payload and task.not_before == NOW and task.state == "pending"
    assert Task.get_by_id(task.id).payload == payload
    queue.enqueue_many("k", [("many", payload)], priority=Priority.USER)
    assert _row("many") == _row("mine")  # the bulk path stores the same text


def test_a_new_intent_merges_into_the_pending_task(queue: Queue) -> None:
    later = NOW + timedelta(hours=1)
    first = queue.enqueue("move", "move:1", {"folder": 2}, not_before=later)
    assert first.not_before == later  # a new task keeps its own start, even a later one
    clock = queue.clock
    assert isinstance(clock, FakeClock)
    clock.now += timedelta(minutes=5)
    again = queue.enqueue("move.x", "move:1", {"folder": 3}, priority=Priority.BACKGROUND)
    assert again.id == first.id and again.kind == "move.x" and again.payload == {"folder": 3}
    assert again.priority == Priority.SYNC  # the higher of the two
    assert again.not_before == NOW + timedelta(minutes=5)  # the earlier of the two
    assert again.created_at == NOW and again.updated_at == NOW + timedelta(minutes=5)


def test_claim_filters_by_kinds_and_marks_running(queue: Queue) -> None:
    queue.enqueue("a", "a:1", priority=90)
    queue.enqueue("b", "b:1", priority=50)
    queue.enqueue("c", "c:1", priority=10)
    other = queue.claim(besides=("a",))
    assert other is not None and other.key == "b:1"
    task = queue.claim(("c",))
    assert task is not None and task.key == "c:1" and task.state == "running"
    assert task.attempts == 1 and _row("c:1")[4] == 1 and _row("c:1")[5] == "running"
    assert not task.is_dirty()  # as peewee hands a selected row: saving it changes nothing
    assert queue.claim(("c",)) is None
    queue.complete(task)
    assert _row("c:1")[5:7] == ("done", "") and task.state == "done"
    assert Task.get_by_id(task.id).payload == {} and Task.get_by_id(task.id).attempts == 1


def test_open_count_prefixes_are_literal(queue: Queue) -> None:
    queue.enqueue("sync.page", "sync:1:x_1")
    queue.enqueue("sync.page", "sync:1:xa1")
    queue.enqueue("sync.page", "sync:10:%")
    assert queue.open_count(key_prefix="sync:1:x_") == 1  # "_" is no wildcard
    assert queue.open_count(key_prefix="sync:1%") == 0  # nor is "%"
    assert queue.open_count(key_prefix="SYNC:1:") == 2  # ASCII case folded, as LIKE did
    assert queue.open_count(kind_prefix="sync.", besides_prefix="sync.p") == 0
    first = queue.claim()
    assert first is not None
    assert queue.open_count(key_prefix="sync:1:", besides_id=first.id) == 1
    assert queue.queued_keys(["sync:1:x_1", "sync:1:xa1", "nope"]) == {"sync:1:x_1", "sync:1:xa1"}


def test_enqueue_many_in_chunks_keeps_every_task_in_order(queue: Queue) -> None:
    queue.enqueue("k", "k:5", {"v": "old"})
    items = [(f"k:{n}", {"n": n}) for n in range(2500)]
    queue.enqueue_many("k", items, priority=Priority.BACKGROUND)
    rows = list(Task.select().order_by(Task.id).tuples())
    assert len(rows) == 2500  # k:5 replaced, not added
    fresh = [t for t in Task.select().where(Task.key != "k:5").order_by(Task.id)]
    assert [t.payload["n"] for t in fresh] == [n for n in range(2500) if n != 5]
    assert Task.get(Task.key == "k:5").payload == {"n": 5}
