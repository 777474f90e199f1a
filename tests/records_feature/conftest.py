"""The sandbox's sample collection synced once per run, with the demo's organisations, rules
and want lists; each test gets its own copy of the data, against the module's live sandbox (so
a test can run the queue and look at what Discogs then holds)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.once import built_once

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine import layouts, rules, wants
from gramtui.engine.setup import Session, open_session
from gramtui.engine.sync import request_sync
from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
from gramtui.settings.paths import Paths
from gramtui.store.models import Task

FIXED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED


def seed(name: str) -> str:
    return resources.files("gramtui.demo_seed").joinpath(name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = Sandbox(build_state(), SandboxConfig(window_seconds=0.5))
    with serve(box) as server:
        box.url = server.url  # type: ignore[attr-defined]
        yield box


def _open(data: Path, url: str, limiter: RateLimiter | None = None) -> Session:
    return open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url=url,
        log_to_file=False,
        daily_backup=False,
        clock=fixed_clock,
        limiter=limiter or RateLimiter(window=0.5),
        backoff_base=0.01,
    )


@pytest.fixture(scope="session")
def synced_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synced once for the run from a sandbox of its own: every sandbox starts from the same
    sample, so the modules' sandboxes hold what this copy holds."""
    return built_once(tmp_path_factory, "records-synced", _sync_sample)


def _sync_sample(data: Path) -> None:
    windows = FakeClock(ticking=True)  # rate windows on one fake clock: waits jump it
    box = Sandbox(build_state(), SandboxConfig(window_seconds=0.5), clock=windows.monotonic)
    with serve(box) as server:
        session = _open(
            data,
            server.url,
            RateLimiter(window=0.5, clock=windows.monotonic, sleep=windows.sleep),
        )
        request_sync(session.engine, "full")
        while session.runner.run_once():
            pass
        layouts.import_toml(seed("organisations.toml"), FIXED)
        rules.save(session.engine, seed("rules.txt"))
        wants.import_text(session.engine, seed("wants.txt"))
        session.close()


@pytest.fixture
def session(sandbox: Sandbox, synced_dir: Path, tmp_path: Path) -> Iterator[Session]:
    data = tmp_path / "data"
    shutil.copytree(synced_dir, data)
    # Synced from another sandbox holding the same account: this one is that server now (for a
    # new server the app would forget whose account it holds and ask Discogs again).
    with contextlib.closing(sqlite3.connect(data / "gramtui.sqlite3")) as con, con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'base_url'", (sandbox.url,))  # type: ignore[attr-defined]
    opened = _open(data, sandbox.url)  # type: ignore[attr-defined]
    yield opened
    opened.close()


@pytest.fixture
def run_queue() -> Callable[..., None]:
    """run_queue(session, key): run the session's queue until the task of `key` ran (the user's
    tasks come first; market figures and the like may stay pending)."""

    def run(session: Session, key: str) -> None:
        for _ in range(200):
            task = Task.select().where(Task.key == key).order_by(Task.id.desc()).first()
            assert task is not None, f"no task {key}"
            if task.state in ("done", "failed"):
                assert task.state == "done", task.last_error
                return
            session.runner.run_once()
        raise AssertionError(
            f"the task {key} did not run: {task.state} {task.attempts} {task.last_error}"
        )

    return run
