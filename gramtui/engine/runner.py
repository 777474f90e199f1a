"""Runs queued tasks one at a time, inside the TUI (a thread worker) or headless.

Retries 429, 5xx and network errors with backoff (honouring Retry-After); other Discogs errors
fail the task with the server's message, visible in the Queue pane. Nothing is swallowed.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from gramtui.discogs.errors import DiscogsError, RateLimited
from gramtui.discogs.ratelimit import Cancelled
from gramtui.ebay.errors import EbayError
from gramtui.engine.queue import WHILE_RUNNING, Queue
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
    ) -> None:
        self.engine = engine
        self.queue: Queue = engine.queue
        self.handlers = dict(handlers)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.max_attempts = max_attempts
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
            self._retry(task, str(e), wait, count_attempt=False)
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
            else:
                self._fail(task, str(e))
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
        finally:
            self.state.current = ""
            spent = self.engine.client.requests_made - before
            if spent:
                by_kind = self.state.requests_by_kind
                by_kind[task.kind] = by_kind.get(task.kind, 0) + spent
        return True

    def _backoff(self, attempts: int) -> float:
        return min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1))

    def _retry(self, task: Task, error: str, wait: float, *, count_attempt: bool = True) -> None:
        log.warning("retry %s %s in %.0f s (attempt %d): %s",
                    task.kind, task.key, wait, task.attempts + 1, error)
        at = self.queue.clock() + timedelta(seconds=wait)
        self.queue.retry_later(task, error, at, count_attempt=count_attempt)
        self.state.retried += 1

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
    ) -> None:
        """Work until `stop` is set (or, with until_idle, until nothing is pending or running)."""
        while not stop.is_set():
            if not self._resume.wait(timeout=0.2):
                continue
            besides = WHILE_RUNNING if until_idle else ()
            ran = self.run_once(besides=besides)
            if on_tick is not None:
                on_tick()
            if ran:
                continue
            if until_idle and not self.queue.has_pending(besides=besides):
                return
            due = self.queue.next_due()
            wait = idle_wait
            if due is not None:
                wait = max(0.0, min(idle_wait, (due - self.queue.clock()).total_seconds()))
            self.queue.wakeup.clear()
            self.queue.wakeup.wait(timeout=wait if wait > 0 else 0.01)
            if until_idle and wait > 0:
                time.sleep(0)  # yield to other threads between waits
