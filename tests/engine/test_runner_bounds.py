"""No task is tried forever and no Retry-After is slept for days: against the sandbox's hostile
modes over loopback, tasks fail after max_attempts with the last reason, or are parked."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.clock import FakeClock

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine.queue import GAVE_UP
from gramtui.engine.runner import human_wait
from gramtui.engine.setup import Session, open_session
from gramtui.engine.sync import request_sync
from gramtui.settings.config import Config, QueueSection
from gramtui.settings.paths import Paths
from gramtui.store.models import Task


def _config(**bounds: float) -> Config:
    queue = QueueSection(
        max_attempts=3,
        backoff_seconds=0.01,
        backoff_cap_seconds=0.05,
        park_after_seconds=30,
        response_deadline_seconds=2,
        stop_after_failures=100,
    )
    for name, value in bounds.items():
        setattr(queue, name, value)
    return Config(queue=queue)


@pytest.fixture
def bounded_session(tmp_path: Path, rate_clock: FakeClock) -> Iterator[Callable[[str], Session]]:
    """A session with small bounds (3 attempts, short backoffs, park beyond 30 s)."""
    opened: list[Session] = []

    def open_(url: str) -> Session:
        session = open_session(
            Paths(tmp_path / "data", tmp_path / "c.toml"),
            config=_config(),
            token="sandbox-token",
            base_url=url,
            log_to_file=False,
            daily_backup=False,
            limiter=RateLimiter(
                window=2.0,
                max_sleep=30,
                max_backoff=0.05,
                clock=rate_clock.monotonic,
                sleep=rate_clock.sleep,
            ),
        )
        opened.append(session)
        return session

    yield open_
    for session in opened:
        session.close()


def _run(session, timeout: float = 60.0) -> str:  # type: ignore[no-untyped-def]
    stop = threading.Event()
    timer = threading.Timer(timeout, stop.set)
    timer.start()
    try:
        return session.runner.run(stop, until_idle=True)
    finally:
        timer.cancel()


@pytest.mark.parametrize("mode", ["429_forever", "429_no_retry_after", "503_html"])
def test_every_task_gives_up_after_its_attempts_with_the_last_reason(
    mode: str, sandbox_server, bounded_session, rate_clock
) -> None:
    server = sandbox_server(instances=20, hostile=mode, hostile_after=1)  # identity answered
    session = bounded_session(server.url)
    session.engine.username()
    request_sync(session.engine, "full")
    started = rate_clock.monotonic()  # real time plus the limiter's waits
    assert _run(session) == "idle"
    assert rate_clock.monotonic() - started < 30
    failed = list(Task.select().where(Task.state == "failed"))
    assert failed and all(t.attempts == 3 for t in failed)
    assert all(t.last_error.startswith(f"{GAVE_UP} 3 attempts: ") for t in failed)
    assert Task.select().where(Task.state.in_(("pending", "running"))).count() == 0
    assert session.runner.state.gave_up == len(failed)

    # Retried by the next run: back to pending with fresh attempts, nothing else touched.
    assert session.engine.queue.retry_gave_up() == len(failed)
    assert {t.state for t in Task.select().where(Task.id.in_([t.id for t in failed]))} == {
        "pending"
    }


def test_a_long_retry_after_parks_the_task_and_no_one_asks_again(
    sandbox_server, bounded_session
) -> None:
    server = sandbox_server(instances=20, hostile="429_long_retry_after", hostile_after=1)
    session = bounded_session(server.url)
    session.engine.username()
    request_sync(session.engine, "full")
    assert _run(session, timeout=20) == "idle"  # returned: it did not sleep 11 days
    parked = session.runner.parked_tasks()
    assert parked and Task.select().where(Task.state == "failed").count() == 0
    assert all(t.last_error.startswith("Discogs asks to wait 11 days (until ") for t in parked)
    assert all(t.attempts == 0 for t in parked)  # being told when is not a failed attempt
    assert session.runner.state.parked.startswith("Discogs asks to wait 11 days")
    # Only the first parked task cost a request; the limiter parked the others without asking.
    assert server.sandbox.counters.faults["429_long_retry_after"] == 1
    # The user may overrule the wait: the task is due at once.
    assert session.engine.queue.retry(parked[0].id)
    assert Task.get_by_id(parked[0].id).not_before <= session.engine.clock()


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (999999, "11 days"),
        (86400, "1 day"),
        (7200, "2 hours"),
        (5400, "1 hour"),
        (600, "10 min"),
        (45, "45 s"),
    ],
)
def test_waits_read_as_people_say_them(seconds: float, said: str) -> None:
    assert human_wait(seconds) == said
