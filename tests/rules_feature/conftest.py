"""Fixtures: the 400-record sample synced once per test run, then copied into each test's data
directory beside a fresh sandbox built from the same sample (so the two agree)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.once import built_once
from rules_helpers import WINDOW, place_sample

from gramtui.engine import rules
from gramtui.engine.setup import Session
from gramtui.settings.config import Config


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding a full sync of the sandbox's sample collection."""
    return built_once(tmp_path_factory, "rules-sample", _sync_sample) / "sample.sqlite3"


def _sync_sample(root: Path) -> None:
    from gramtui.discogs.ratelimit import RateLimiter
    from gramtui.engine.setup import open_session
    from gramtui.engine.sync import request_sync
    from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
    from gramtui.settings.paths import Paths

    windows = FakeClock(ticking=True)  # rate windows on one fake clock: waits jump it
    sandbox = Sandbox(build_state(), SandboxConfig(window_seconds=WINDOW), clock=windows.monotonic)
    server = serve(sandbox, port=0)
    session = open_session(
        Paths(root / "data", root / "config.toml"),
        token="sandbox-token",
        base_url=server.url,
        log_to_file=False,
        daily_backup=False,
        limiter=RateLimiter(limit=60, window=WINDOW, clock=windows.monotonic, sleep=windows.sleep),
        backoff_base=0.01,
    )
    try:
        request_sync(session.engine, "full")
        session.runner.run(threading.Event(), until_idle=True)
        copy = root / "sample.sqlite3"
        with sqlite3.connect(session.paths.database) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
    finally:
        session.close()
        server.close()


@pytest.fixture
def clock() -> FakeClock:
    # real time passes from a fixed start (the runner's backoffs come due); tests skip days
    return FakeClock(datetime(2026, 5, 1, 9, 0, tzinfo=UTC), ticking=True)


@pytest.fixture
def synced(
    sample_db: Path,
    tmp_path: Path,
    sandbox_server: Callable[..., object],
    make_session: Callable[..., object],
    clock: FakeClock,
) -> Iterator[Callable[..., Session]]:
    """synced(moves=True, max_moves=3) -> a session on the synced sample, with the rules' task
    handler, against a fresh sandbox (`session.server`) holding the same sample."""

    def start(*, moves: bool = True, max_moves: int = 3) -> Session:
        server = sandbox_server(window_seconds=WINDOW)
        place_sample(sample_db, tmp_path / "data")
        config = Config()
        config.automation.moves = moves
        config.rules.max_moves_per_day = max_moves
        session = make_session(server.url, window=WINDOW, config=config, clock=clock)
        session.runner.handlers.update(rules.HANDLERS)
        session.server = server  # type: ignore[attr-defined]
        return session  # type: ignore[return-value]

    yield start


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Textual runs on asyncio
