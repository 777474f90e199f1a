"""The sample collection synced once from the sandbox into a real SQLite file; each test works
on its own copy, opened with a fixed clock."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.once import built_once
from shelves_helpers import NOW

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine.setup import Session, open_session
from gramtui.engine.sync import request_sync
from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
from gramtui.settings.paths import Paths
from gramtui.store.schema import close_database

WINDOW = 0.5  # the rate window, short so the sample syncs in a moment


def _open(paths: Paths, url: str, windows: FakeClock | None = None) -> Session:
    windows = windows or FakeClock(ticking=True)
    return open_session(
        paths,
        token="sandbox-token",
        base_url=url,
        log_to_file=False,
        daily_backup=False,
        limiter=RateLimiter(limit=60, window=WINDOW, clock=windows.monotonic, sleep=windows.sleep),
        backoff_base=0.01,
        clock=lambda: NOW,
    )


@pytest.fixture(scope="session")
def synced_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full sync of the bundled sample account, over loopback HTTP, done once."""
    return built_once(tmp_path_factory, "shelves-synced", _sync_sample) / "data" / "gramtui.sqlite3"


def _sync_sample(root: Path) -> None:
    windows = FakeClock(ticking=True)  # rate windows on one fake clock: waits jump it
    sandbox = Sandbox(build_state(), SandboxConfig(window_seconds=WINDOW), clock=windows.monotonic)
    server = serve(sandbox, host="127.0.0.1", port=0)
    try:
        session = _open(Paths(root / "data", root / "config.toml"), server.url, windows)
        request_sync(session.engine, "full")
        stop = threading.Event()
        timer = threading.Timer(60, stop.set)
        timer.start()
        session.runner.run(stop, until_idle=True)
        timer.cancel()
        assert not stop.is_set(), "the sample sync did not finish within 60 s"
        session.close()
    finally:
        server.close()


def copy_database(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


@pytest.fixture
def data_dir(tmp_path: Path, synced_database: Path) -> Path:
    """A data directory holding a copy of the synced sample."""
    paths = Paths(tmp_path / "data", tmp_path / "config.toml")
    copy_database(synced_database, paths.database)
    return paths.data_dir


@pytest.fixture
def synced(data_dir: Path) -> Iterator[Session]:
    """An open session on a copy of the synced sample, with the clock fixed at NOW."""
    session = _open(Paths(data_dir, data_dir.parent / "config.toml"), "http://127.0.0.1:9")
    yield session
    session.close()
    close_database()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
