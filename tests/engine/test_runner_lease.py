"""The runner lease: one process runs the queue; a gone or silent holder is taken over."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.clock import FakeClock

from gramtui.engine.lease import QueueLease
from gramtui.engine.queue import Queue
from gramtui.engine.runner import Runner
from gramtui.store import lease as store_lease
from gramtui.store.lease import Holder
from gramtui.store.models import Task
from gramtui.store.schema import close_database, open_database


@pytest.fixture
def clock(tmp_path: Path) -> Iterator[FakeClock]:
    open_database(tmp_path / "l.sqlite3")
    yield FakeClock(datetime(2026, 11, 1, 12, 0, tzinfo=UTC))
    close_database()


def _other(pid: int, host: str = socket.gethostname()) -> Holder:
    return Holder("other-runner", pid, host, "gramtui sync")


def _hold(other: Holder, clock: FakeClock, ttl: float = 30.0, *, over: bool = False) -> None:
    """`other` takes the lease (`over`: whoever holds it counts as gone)."""
    assert store_lease.take(other, clock(), timedelta(seconds=ttl), lambda _h: over) is None


def test_a_live_holder_keeps_the_lease_and_is_named(clock: FakeClock) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _hold(_other(sleeper.pid), clock)
        mine = QueueLease("gramtui", clock=clock)
        other = mine.try_take()
        assert other is not None and other.describe() == f"gramtui sync (pid {sleeper.pid})"
        assert not mine.held
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_gone_holder_is_taken_over_and_its_running_tasks_resume(clock: FakeClock) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # killed or crashed: its pid names no process any more
    _hold(_other(gone.pid), clock)
    queue = Queue(clock=clock)
    queue.enqueue("x", "x:1")
    assert queue.claim() is not None  # the gone holder was running it
    runner = Runner(_engine(queue), {"x": lambda task, engine: None}, lease=QueueLease(clock=clock))
    assert runner.run(threading.Event(), until_idle=True) == "idle"
    assert [t.state for t in Task.select()] == ["done"]
    assert store_lease.current(clock()) is None  # given back at the end


def test_a_silent_holder_elsewhere_is_taken_over_only_when_its_lease_expired(
    clock: FakeClock,
) -> None:
    _hold(_other(os.getpid() + 1, host="another-machine"), clock, ttl=30)
    mine = QueueLease(clock=clock)
    assert mine.try_take() is not None  # a pid on another machine cannot be checked: wait
    clock.now += timedelta(seconds=31)
    assert mine.try_take() is None and mine.held
    mine.release()


def test_a_holder_whose_lease_was_taken_stops_claiming(clock: FakeClock) -> None:
    mine = QueueLease(clock=clock, ttl=0.3)
    assert mine.try_take() is None
    _hold(_other(os.getpid() + 1, host="another-machine"), clock, over=True)  # we were stuck
    deadline = threading.Event()
    while mine.held and not deadline.wait(0.05):
        pass
    assert not mine.held  # the heartbeat found out
    mine.release()
    assert store_lease.current(clock()) is not None  # and did not delete the other's lease


def test_the_cli_waits_for_the_holder_then_returns_when_it_did_the_work(clock: FakeClock) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _hold(_other(sleeper.pid), clock)
        queue = Queue(clock=clock)
        queue.enqueue("x", "x:1")
        heard: list[str] = []
        runner = Runner(_engine(queue), {}, lease=QueueLease(clock=clock), lease_poll=0.01)
        outcome = runner.run(
            threading.Event(), until_idle=True, lease_wait=0.2, on_held=heard.append
        )
        assert outcome == "held" and heard == [f"gramtui sync (pid {sleeper.pid})"]
        assert [t.state for t in Task.select()] == ["pending"]  # not ours to run
        Task.update(state="done").execute()  # the holder did it
        assert runner.run(threading.Event(), until_idle=True, lease_wait=5) == "idle"
    finally:
        sleeper.kill()
        sleeper.wait()


def _engine(queue: Queue):  # type: ignore[no-untyped-def]
    """The parts of an Engine the runner touches when handlers make no request."""

    class _Client:
        requests_made = 0

    class _Engine:
        pass

    engine = _Engine()
    engine.queue = queue  # type: ignore[attr-defined]
    engine.client = _Client()  # type: ignore[attr-defined]
    return engine
