"""Runs queued tasks one at a time, inside the TUI (a thread worker) or headless.

Retries 429, 5xx and network errors with backoff (honouring Retry-After) up to `max_attempts`,
then fails the task with the last reason ("gave up after 8 attempts: ..."); other Discogs errors
fail the task with the server's message, visible in the Queue pane. A Retry-After longer than
`park_after` seconds parks the task (pending until then) instead of sleeping. Only the holder
of the runner lease (engine/lease.py) claims tasks. Nothing is swallowed.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from gramtui.discogs.errors import DiscogsError, RateLimited
from gramtui.discogs.ratelimit import Cancelled
from gramtui.ebay.errors import EbayError
from gramtui.engine.lease import QueueLease
from gramtui.engine.queue import GAVE_UP, WHILE_RUNNING, Queue
from gramtui.store.db import StoreError
from gramtui.store.models import Task

if TYPE_CHECKING:
    from gramtui.engine.context import Engine

log = logging.getLogger("gramtui.runner")

Handler = Callable[[Task, "Engine"], None]


@dataclass
class RunnerState:
    """What the Queue pane shows about the runner itself."""

    paused: bool = False
    current: str = ""  # "kind key" of the running task
    done: int = 0
    retried: int = 0
    failed: int = 0
    last_error: str = ""
    requests_by_kind: dict[str, int] = field(default_factory=dict)
    held_by: str = ""  # "gramtui sync (pid 4711)" while another process runs the queue
    parked: str = ""  # "Discogs asks to wait 11 days (until ...)" after the last parking
    gave_up: int = 0  # tasks failed because they ran out of attempts
    stopped: str = ""  # why a headless run stopped early (a server failing every request)


def human_wait(seconds: float) -> str:
    """11 days, 3 hours, 20 min, 45 s: how long Discogs asks us to wait, as a person says it."""
    for unit, size in (("day", 86400), ("hour", 3600)):
        if seconds >= size:  # whole units, as people count them (999999 s: "11 days")
            n = int(seconds // size)
            return f"{n} {unit}" if n == 1 else f"{n} {unit}s"
    if seconds >= 120:
        return f"{seconds // 60:.0f} min"
    return f"{seconds:.0f} s"


def parked_reason(seconds: float, until: datetime) -> str:
    return (
        f"Discogs asks to wait {human_wait(seconds)} (until {until:%Y-%m-%d %H:%M} UTC); "
        "parked until then"
    )


def task_summary(task: Task) -> str:
    """A task's payload for the log, short: what was asked (a price from/to, a folder, a want).
    Payloads hold record data only, never the token."""
    payload = {k: v for k, v in (task.payload or {}).items() if k not in ("state", "run")}
    text = json.dumps(payload, ensure_ascii=False, default=str, separators=(",", ":"))
    return text if len(text) <= 300 else text[:297] + "..."


class Runner:
    def __init__(
        self,
        engine: Engine,
        handlers: Mapping[str, Handler],
        *,
        backoff_base: float = 2.0,
        backoff_cap: float = 300.0,
        max_attempts: int = 8,
        park_after: float = 300.0,
        lease: QueueLease | None = None,
        lease_poll: float = 1.0,
        wait_for_runner: float = 600.0,
        stop_after_failures: int = 10,
    ) -> None:
        self.engine = engine
        self.queue: Queue = engine.queue
        self.handlers = dict(handlers)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_attempts = max(1, max_attempts)
        self.park_after = park_after
        self.lease = lease  # None: no other process to share with (tests driving run_once)
        self.lease_poll = lease_poll
        self.wait_for_runner = wait_for_runner  # how long a headless run waits for another runner
        # A headless run stops after this many passing errors in a row, whichever tasks they hit:
        # otherwise a dead server costs every task all its attempts, one after the other.
        self.stop_after_failures = max(1, stop_after_failures)
        self.failures_in_a_row = 0
        self.state = RunnerState()
        self._resume = threading.Event()
        self._resume.set()

    def pause(self) -> None:
        self.state.paused = True
        self._resume.clear()

    def resume(self) -> None:
        self.state.paused = False
        self._resume.set()
        self.queue.wakeup.set()

    def run_once(self, kinds: tuple[str, ...] = (), besides: Collection[str] = ()) -> bool:
        """Run the next due task (of `kinds` when given, not of the kinds `besides`); False when
        none is due."""
        task = self.queue.claim(kinds, besides)
        if task is None:
            return False
        self.state.current = f"{task.kind} {task.key}"
        before = self.engine.client.requests_made
        try:
            handler = self.handlers.get(task.kind)
            if handler is None:
                self.queue.fail(task, f"no handler for tasks of kind {task.kind!r}")
                return True
            handler(task, self.engine)
        except Cancelled as e:  # the app is stopping: not an attempt, just put it back
            self.queue.retry_later(task, str(e), self.queue.clock(), count_attempt=False)
        except RateLimited as e:
            wait = e.retry_after if e.retry_after is not None else self._backoff(task.attempts)
            if wait > self.park_after:  # hours or days: park it, do not hold the process
                self._park(task, wait)
            elif task.attempts < self.max_attempts:
                self._retry(task, str(e), wait)
            else:
                self._give_up(task, str(e))
        except EbayError as e:  # the same policy; the wait of a 429 or a spent budget is honoured
            if e.retryable and e.retry_after is not None:
                self._retry(task, str(e), e.retry_after, count_attempt=False)
            elif e.retryable and task.attempts < self.max_attempts:
                self._retry(task, str(e), self._backoff(task.attempts))
            else:
                self._fail(task, str(e))
        except DiscogsError as e:
            if e.retryable and task.attempts < self.max_attempts:
                self._retry(task, str(e), self._backoff(task.attempts))
            elif e.retryable:
                self._give_up(task, str(e))
            else:
                self.failures_in_a_row = 0  # Discogs answered (a 404, a 422): it is up
                self._fail(task, str(e))
        except StoreError as e:  # another process held the database too long: not the task's fault
            log.warning("task %s %s put back: %s", task.kind, task.key, e)
            self._retry(task, str(e), 1.0, count_attempt=False)
        except Exception as e:  # a bug or a broken answer: fail visibly, never crash the runner
            log.exception("task %s %s failed", task.kind, task.key)
            self._fail(task, f"internal error: {type(e).__name__}: {e}")
        else:
            self.queue.complete(task)
            self.state.done += 1
            # sync pages and market figures are many: INFO is for what changed the user's things
            level = logging.DEBUG if task.kind.startswith(("sync.", "market.")) else logging.INFO
            if log.isEnabledFor(level):
                log.log(level, "done %s %s %s", task.kind, task.key, task_summary(task))
            self.failures_in_a_row = 0
        finally:
            self.state.current = ""
            spent = self.engine.client.requests_made - before
            if spent:
                by_kind = self.state.requests_by_kind
                by_kind[task.kind] = by_kind.get(task.kind, 0) + spent
        return True

    def _backoff(self, attempts: int) -> float:
        return float(min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1)))

    def _retry(self, task: Task, error: str, wait: float, *, count_attempt: bool = True) -> None:
        log.warning(
            "retry %s %s in %.0f s (attempt %d): %s",
            task.kind,
            task.key,
            wait,
            task.attempts + 1,
            error,
        )
        if count_attempt:
            self._failed_once(error)
        at = self.queue.clock() + timedelta(seconds=wait)
        self.queue.retry_later(task, error, at, count_attempt=count_attempt)
        self.state.retried += 1

    def _park(self, task: Task, wait: float) -> None:
        until = self.queue.clock() + timedelta(seconds=wait)
        reason = parked_reason(wait, until)
        self.queue.retry_later(task, reason, until, count_attempt=False)
        self.state.parked = reason

    def _failed_once(self, error: str) -> None:
        self.failures_in_a_row += 1
        if self.failures_in_a_row >= self.stop_after_failures:
            self.state.stopped = (
                f"Discogs failed the last {self.failures_in_a_row} requests in "
                f"a row (the last: {error})"
            )

    def _give_up(self, task: Task, error: str) -> None:
        self._failed_once(error)
        self.state.gave_up += 1
        self._fail(task, f"{GAVE_UP} {task.attempts} attempts: {error}")

    def _fail(self, task: Task, error: str) -> None:
        log.warning("failed %s %s %s: %s", task.kind, task.key, task_summary(task), error)
        self.queue.fail(task, error)
        self.state.failed += 1
        self.state.last_error = error

    def run(
        self,
        stop: threading.Event,
        *,
        until_idle: bool = False,
        idle_wait: float = 5.0,
        on_tick: Callable[[], None] | None = None,
        lease_wait: float | None = None,
        on_held: Callable[[str], None] | None = None,
    ) -> str:
        """Work until `stop` is set (or, with until_idle, until nothing is due before the park
        horizon). While another process holds the lease, wait for it (at most `lease_wait`
        seconds; `on_held` hears who holds it). Headless, stop after `stop_after_failures` passing
        errors in a row. Returns "idle", "stopped", "held" or "failing"."""
        waiting_since: float | None = None
        besides = WHILE_RUNNING if until_idle else ()  # kinds only a lasting runner does
        if until_idle and lease_wait is None:
            lease_wait = self.wait_for_runner  # a headless command never waits forever
        try:
            while not stop.is_set():
                if not self._hold_lease():
                    if waiting_since is None:
                        waiting_since = time.monotonic()
                        if on_held is not None:
                            on_held(self.state.held_by)
                    if on_tick is not None:
                        on_tick()
                    if until_idle and not self._has_work(besides):
                        return "idle"  # the other process did it all
                    if lease_wait is not None and time.monotonic() - waiting_since >= lease_wait:
                        return "held"
                    stop.wait(self.lease_poll)
                    continue
                waiting_since = None
                if not self._resume.wait(timeout=0.2):
                    continue
                try:
                    ran = self.run_once(besides=besides)
                except StoreError as e:  # claiming found the database locked for long
                    log.warning("queue: %s", e)
                    stop.wait(1.0)
                    continue
                if on_tick is not None:
                    on_tick()
                if until_idle and self.failures_in_a_row >= self.stop_after_failures:
                    return "failing"  # the tasks stay pending: the next run resumes them
                if ran:
                    continue
                if until_idle and not self._has_work(besides):
                    return "idle"
                due = self.queue.next_due()
                wait = idle_wait
                if due is not None:
                    wait = max(0.0, min(idle_wait, (due - self.queue.clock()).total_seconds()))
                self.queue.wakeup.clear()
                self.queue.wakeup.wait(timeout=wait if wait > 0 else 0.01)
                if until_idle and wait > 0:
                    time.sleep(0)  # yield to other threads between waits
            return "stopped"
        finally:
            if self.lease is not None:
                self.lease.release()

    def parked_tasks(self) -> list[Task]:
        """Tasks waiting beyond the park horizon (what `until_idle` does not wait for)."""
        return self.queue.parked(self.queue.clock() + timedelta(seconds=self.park_after))

    def _has_work(self, besides: Collection[str] = ()) -> bool:
        """Anything running, or pending and due before the park horizon (parked tasks are not)."""
        horizon = self.queue.clock() + timedelta(seconds=self.park_after)
        return self.queue.has_pending(besides=besides, due_before=horizon)

    def _hold_lease(self) -> bool:
        if self.lease is None:
            return True
        if self.lease.held:
            return True
        try:
            other = self.lease.try_take()
        except StoreError as e:
            log.warning("runner lease: %s", e)
            return False
        if other is not None:
            self.state.held_by = other.describe()
            return False
        self.state.held_by = ""
        recovered = self.queue.recover()  # tasks a gone holder left running
        if recovered:
            log.info("took the queue over: %d interrupted task(s) back to pending", recovered)
        return True
