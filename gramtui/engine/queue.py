"""The persistent, keyed, deduplicating task queue.

An intent for a key replaces the pending task with that key instead of adding one more, so the
queue never holds more tasks than there are things to change. The partial unique index in the
schema enforces this whatever code path enqueues.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import peewee

from gramtui.domain.tasks import OPEN_STATES, Priority, TaskState
from gramtui.engine.clock import Clock, utcnow
from gramtui.store.db import db
from gramtui.store.model_rows import ModelRows
from gramtui.store.models import SyncRun
from gramtui.store.models import Task as Task  # the row a handler is given: import it from here

SYNC = Priority.SYNC  # for ui/app.py until the wiring branch merges; new code uses Priority

# Kinds done only by a runner that keeps running (the app), never by a headless command that
# runs until the queue is idle: a `gramtui sync` must not wait an hour for one request per master.
WHILE_RUNNING: set[str] = set()
GAVE_UP = "gave up after"  # how a task that ran out of attempts on a passing error is marked


# The task table through prepared statements on the connection (sqlite3 keeps them compiled by
# their text): building each claim, complete and enqueue with peewee cost more than the task.
_ROWS = ModelRows(Task)
_COLUMNS = _ROWS.columns
_stamp = Task.not_before.db_value  # a time as every UtcDateTimeField stores it
_encode = json.JSONEncoder().encode  # json.dumps' defaults, as JSONField encodes
assert TaskState.PENDING.value == "pending"  # the partial index's own condition, spelled below
_ENQUEUE = (
    "INSERT INTO task (kind, key, payload, priority, not_before, attempts, state, last_error,"
    " created_at, updated_at) VALUES (?1, ?2, json(?3), ?4, ?5, 0, 'pending', '', ?6, ?6)"
    " ON CONFLICT (key) WHERE state = 'pending' DO UPDATE SET kind = excluded.kind,"
    " payload = excluded.payload, priority = max(priority, excluded.priority),"
    " not_before = min(not_before, excluded.not_before), updated_at = excluded.updated_at"
    f" RETURNING {_COLUMNS}"
)

_ROWS_PER_INSERT = 1000
_ENQUEUE_MANY = (
    "INSERT INTO task (kind, key, payload, priority, not_before, attempts, state, last_error,"
    " created_at, updated_at) SELECT ?1, j.value ->> 0, j.value -> 1, ?2, ?3, 0, 'pending', '',"
    " ?3, ?3 FROM json_each(?4) j ORDER BY j.key"
)


@dataclass(frozen=True, slots=True)
class QueueCounts:
    by_state: dict[str, int]
    by_kind_state: dict[tuple[str, str], int]

    @property
    def pending(self) -> int:
        return self.by_state.get(TaskState.PENDING, 0)

    @property
    def running(self) -> int:
        return self.by_state.get(TaskState.RUNNING, 0)

    @property
    def failed(self) -> int:
        return self.by_state.get(TaskState.FAILED, 0)


class Queue:
    def __init__(self, clock: Clock = utcnow) -> None:
        self.clock = clock
        self.wakeup = threading.Event()  # set on every enqueue so an idle runner starts at once

    def enqueue(
        self,
        kind: str,
        key: str,
        payload: dict[str, Any] | None = None,
        *,
        priority: int = Priority.SYNC,
        not_before: datetime | None = None,
    ) -> Task:
        now = self.clock()
        stamp = _stamp(now)
        # One upsert on the partial index of pending keys: a pending task for the key takes the
        # new kind and payload, the higher priority and the earlier start.
        rows = db.execute_sql(
            _ENQUEUE,
            (
                kind,
                key,
                _encode(payload or {}),
                int(priority),
                stamp if not_before is None else _stamp(not_before),
                stamp,
            ),
        ).fetchall()  # RETURNING: the statement is done only once its row is read
        task = _ROWS.build(rows[0])
        self.wakeup.set()
        return task

    def enqueue_many(
        self,
        kind: str,
        items: Sequence[tuple[str, dict[str, Any]]],
        *,
        priority: int = Priority.SYNC,
    ) -> None:
        """`enqueue(kind, key, payload)` for each item, in one transaction and a few statements:
        an import of thousands of intents took a second per thousand one by one."""
        wanted = dict(items)  # one task per key, the last payload wins
        now = self.clock()
        with db.atomic():
            pending = _pending_keys(wanted)
            for key in pending:  # rare: replace the pending intent the usual way
                self.enqueue(kind, key, wanted[key], priority=priority)
            stamp = _stamp(now)
            fresh = [key for key in wanted if key not in pending]
            # Rows as JSON arrays taken apart by SQLite: one encode a chunk, not one per payload
            # (tens of thousands after a sync); chunks keep the peak memory of the whole list
            # off. A payload is stored as json() would store it.
            for at in range(0, len(fresh), _ROWS_PER_INSERT):
                chunk = [[key, wanted[key]] for key in fresh[at : at + _ROWS_PER_INSERT]]
                db.execute_sql(_ENQUEUE_MANY, (kind, int(priority), stamp, _encode(chunk)))
        self.wakeup.set()

    def claim(self, kinds: tuple[str, ...] = (), besides: Collection[str] = ()) -> Task | None:
        """The most urgent ready task (of `kinds` when given, not of the kinds `besides`), marked
        running; None when nothing is due."""
        now = self.clock()
        where = ""
        if kinds:
            where += f" AND kind IN ({', '.join('?' * len(kinds))})"
        if besides:
            where += f" AND kind NOT IN ({', '.join('?' * len(besides))})"
        stamp = _stamp(now)
        # One statement picks and marks the task (atomic on its own, like the transaction of a
        # select and an update it replaces); task_ready serves its order.
        rows = db.execute_sql(
            f"UPDATE task SET state = 'running', attempts = attempts + 1, updated_at = ?"
            f" WHERE id = (SELECT id FROM task WHERE state = 'pending' AND not_before <= ?{where}"
            f" ORDER BY priority DESC, not_before, id LIMIT 1) RETURNING {_COLUMNS}",
            (stamp, stamp, *kinds, *besides),
        ).fetchall()
        return _ROWS.build(rows[0]) if rows else None

    def next_due(self) -> datetime | None:
        task = (
            Task.select(Task.not_before)
            .where(Task.state == TaskState.PENDING)
            .order_by(Task.not_before)
            .first()
        )
        return task.not_before if task else None

    def complete(self, task: Task) -> None:
        task.state = TaskState.DONE
        task.last_error = ""
        task.updated_at = self.clock()
        db.execute_sql(
            "UPDATE task SET state = ?, last_error = '', updated_at = ? WHERE id = ?",
            (TaskState.DONE.value, _stamp(task.updated_at), task.id),
        )

    def retry_later(
        self, task: Task, error: str, at: datetime, *, count_attempt: bool = True
    ) -> None:
        """Back to pending. A newer intent for the same key, if any, wins and this one is dropped."""
        task.last_error = error
        task.updated_at = self.clock()
        if not count_attempt:
            task.attempts -= 1
        with db.atomic():
            newer = Task.get_or_none(
                (Task.key == task.key) & (Task.state == TaskState.PENDING) & (Task.id != task.id)
            )
            if newer is not None:
                task.state = TaskState.DONE
                task.last_error = f"superseded by a newer task ({error})"
            else:
                task.state = TaskState.PENDING
                task.not_before = at
            task.save()

    def fail(self, task: Task, error: str) -> None:
        task.state = TaskState.FAILED
        task.last_error = error
        task.updated_at = self.clock()
        task.save()

    def recover(self) -> int:
        """Tasks a crash left running go back to pending (unless a newer one has the key)."""
        stale = list(Task.select().where(Task.state == TaskState.RUNNING))
        for task in stale:
            self.retry_later(
                task, "interrupted; resumed at start-up", self.clock(), count_attempt=False
            )
        return len(stale)

    def retry(self, task_id: int) -> bool:
        """A failed task back to pending, at once (the queue pane's retry); a parked one (pending
        until later, as Discogs asked) is made due now."""
        task = Task.get_or_none((Task.id == task_id) & (Task.state == TaskState.FAILED))
        if task is None:
            parked = Task.get_or_none(
                (Task.id == task_id)
                & (Task.state == TaskState.PENDING)
                & (Task.not_before > self.clock())
            )
            if parked is None:
                return False
            parked.not_before = self.clock()
            parked.save()
            self.wakeup.set()
            return True
        try:
            with db.atomic():
                task.state = TaskState.PENDING
                task.attempts = 0
                task.not_before = self.clock()
                task.save()
        except peewee.IntegrityError:
            task.state = (
                TaskState.DONE
            )  # a pending task for the key exists already: it will do the work
            task.save()
        self.wakeup.set()
        return True

    def retry_gave_up(self) -> int:
        """Tasks that ran out of attempts on a passing error (429, 5xx, network) go back to
        pending, so the next run resumes where the last one stopped."""
        ids = [
            t.id
            for t in Task.select(Task.id).where(
                (Task.state == TaskState.FAILED) & Task.last_error.startswith(GAVE_UP)
            )
        ]
        return sum(1 for task_id in ids if self.retry(task_id))

    def drop(self, task_id: int) -> bool:
        return bool(
            Task.delete().where((Task.id == task_id) & (Task.state != TaskState.RUNNING)).execute()
            > 0
        )

    def counts(self) -> QueueCounts:
        rows = (
            Task.select(Task.kind, Task.state, peewee.fn.COUNT(Task.id).alias("n"))
            .group_by(Task.kind, Task.state)
            .tuples()
        )
        by_kind: dict[tuple[str, str], int] = {}
        by_state: Counter[str] = Counter()
        for kind, state, n in rows:
            by_kind[(kind, state)] = n
            by_state[state] += n
        return QueueCounts(dict(by_state), by_kind)

    def tasks(
        self,
        states: tuple[str, ...] = (*OPEN_STATES, TaskState.FAILED),
        kind: str | None = None,
        limit: int = 500,
    ) -> list[Task]:
        query = Task.select().where(Task.state.in_(states))
        if kind:
            query = query.where(Task.kind == kind)
        return list(query.order_by(Task.state.desc(), Task.priority.desc(), Task.id).limit(limit))

    def has_pending(
        self, prefix: str = "", besides: Collection[str] = (), due_before: datetime | None = None
    ) -> bool:
        """Any task running or pending (with `due_before`: due by then; parked ones are not;
        with `besides`: not of those kinds)."""
        waiting = Task.state == TaskState.PENDING
        if due_before is not None:
            waiting = waiting & (Task.not_before <= due_before)
        query = Task.select().where(waiting | (Task.state == TaskState.RUNNING))
        if besides:
            query = query.where(Task.kind.not_in(list(besides)))
        if prefix:
            query = query.where(Task.kind.startswith(prefix))
        return bool(query.exists())

    def parked(self, beyond: datetime) -> list[Task]:
        """Pending tasks not due before `beyond`: parked because Discogs asked for a long wait."""
        return list(
            Task.select()
            .where((Task.state == TaskState.PENDING) & (Task.not_before > beyond))
            .order_by(Task.not_before)
        )

    def prune(self, older_than: timedelta = timedelta(days=7)) -> int:
        cutoff = self.clock() - older_than
        return int(
            Task.delete()
            .where((Task.state == TaskState.DONE) & (Task.updated_at < cutoff))
            .execute()
        )

    # ----- questions feature modules ask, so none of them queries the task table itself -----

    def open_count(
        self,
        *,
        key_prefix: str = "",
        kind_prefix: str = "",
        besides_prefix: str = "",
        besides_kinds: Collection[str] = (),
        besides_id: int | None = None,
    ) -> int:
        """Tasks pending or running (roughly one request each): with keys or kinds starting with
        the prefixes given, not of kinds starting with `besides_prefix` nor of `besides_kinds`,
        nor the task `besides_id`."""
        where = "state IN (?, ?)"
        params: list[object] = [s.value for s in OPEN_STATES]
        # LIKE as peewee's startswith spells it (ASCII case folded), asked every task of a sync
        for column, prefix, negate in (
            ("key", key_prefix, False),
            ("kind", kind_prefix, False),
            ("kind", besides_prefix, True),
        ):
            if prefix:
                where += f" AND {'NOT ' if negate else ''}{column} LIKE ? ESCAPE '\\'"
                params.append(_like_prefix(prefix))
        if besides_kinds:
            kinds = list(besides_kinds)
            where += f" AND kind NOT IN ({', '.join('?' * len(kinds))})"
            params += kinds
        if besides_id is not None:
            where += " AND id != ?"
            params.append(besides_id)
        return int(db.execute_sql(f"SELECT count(*) FROM task WHERE {where}", params).fetchone()[0])

    def keys(self, kind: str, state: TaskState) -> set[str]:
        """The keys of the tasks of `kind` in `state`."""
        query = Task.select(Task.key).where((Task.kind == kind) & (Task.state == state))
        return {key for (key,) in query.tuples()}

    def queued_keys(self, keys: Collection[str]) -> set[str]:
        """Those of `keys` with a task not done yet (pending, running or failed)."""
        if not keys:
            return set()
        states = [s.value for s in (*OPEN_STATES, TaskState.FAILED)]
        cursor = db.execute_sql(
            "SELECT t.key FROM json_each(?) j CROSS JOIN task t ON t.key = j.value"
            f" WHERE t.state IN ({', '.join('?' * len(states))})",
            (json.dumps(list(keys)), *states),
        )
        return {key for (key,) in cursor}

    def pending_payload(self, key: str) -> dict[str, Any] | None:
        """The payload of the pending task for `key`, if there is one."""
        task: Task | None = Task.get_or_none((Task.key == key) & (Task.state == TaskState.PENDING))
        return None if task is None else dict(task.payload)

    def latest_task(self, key: str) -> Task | None:
        """The newest task for `key`, whatever its state."""
        task: Task | None = Task.select().where(Task.key == key).order_by(Task.id.desc()).first()
        return task

    def failed_tasks(self, kind: str | None = None) -> list[Task]:
        """Failed tasks (of `kind` when given), oldest first."""
        query = Task.select().where(Task.state == TaskState.FAILED)
        if kind is not None:
            query = query.where(Task.kind == kind)
        return list(query.order_by(Task.id))

    def drop_pending(self, kind: str, *, key: str | None = None, keep: Collection[str] = ()) -> int:
        """Pending tasks of `kind` deleted (only `key`'s when given; never those in `keep`);
        returns how many."""
        query = Task.delete().where((Task.kind == kind) & (Task.state == TaskState.PENDING))
        if key is not None:
            query = query.where(Task.key == key)
        if keep:
            query = query.where(Task.key.not_in(list(keep)))
        return int(query.execute())

    def retire(self, kinds: Collection[str], reason: str, *, keep_prefix: str = "") -> int:
        """Tasks of `kinds` pending or failed are marked done with `reason` (those with keys
        starting with `keep_prefix` are kept): their work is covered by newer tasks."""
        query = Task.update(state=TaskState.DONE, last_error=reason).where(
            Task.kind.in_(list(kinds)) & Task.state.in_((TaskState.PENDING, TaskState.FAILED))
        )
        if keep_prefix:
            query = query.where(~Task.key.startswith(keep_prefix))
        return int(query.execute())

    def latest_sync(self) -> SyncRun | None:
        """The newest sync run (its kind, state and per-category progress), if any ran."""
        run: SyncRun | None = SyncRun.select().order_by(SyncRun.id.desc()).first()
        return run


def _pending_keys(keys: Collection[str]) -> set[str]:
    """Those of `keys` with a pending task, in one statement: the keys go as one JSON array, each
    looked up in the partial index of pending keys (named by its literal `state = 'pending'`; a
    bound state cannot use it). Chunks of `key IN (...)` with a bound state walked every pending
    row, 1.3 s of a 30,000-release sync."""
    if not keys:
        return set()
    assert TaskState.PENDING.value == "pending"  # the partial index's own condition
    cursor = db.execute_sql(
        "SELECT t.key FROM json_each(?) j CROSS JOIN task t"
        " ON t.key = j.value AND t.state = 'pending'",
        (json.dumps(list(keys)),),
    )
    return {key for (key,) in cursor}


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern for text starting with `prefix`, its wildcards escaped (by backslash)."""
    escaped = prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%")
    return f"{escaped}%"
