"""A synced sample collection in a data directory, and the app on it, made deterministic."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.once import built_once

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine.setup import Session, open_session
from gramtui.engine.sync import request_sync
from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
from gramtui.settings.paths import Paths

FIXED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def synced_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sandbox's sample collection, fully synced once (market data included); the tests
    work on copies."""
    return built_once(tmp_path_factory, "ui-synced", _sync_sample)


def _sync_sample(data: Path) -> None:
    windows = FakeClock(ticking=True)  # rate windows on one fake clock: waits jump it
    sandbox = Sandbox(build_state(), SandboxConfig(window_seconds=0.5), clock=windows.monotonic)
    with serve(sandbox) as server:
        session = open_session(
            Paths(data, data / "c.toml"),
            token="sandbox-token",
            base_url=server.url,
            log_to_file=False,
            daily_backup=False,
            clock=FakeClock(FIXED),
            limiter=RateLimiter(window=0.5, clock=windows.monotonic, sleep=windows.sleep),
            backoff_base=0.01,
        )
        request_sync(session.engine, "full")
        while session.runner.run_once():
            pass
        session.close()


@pytest.fixture
def app_session(synced_dir: Path, tmp_path: Path) -> Iterator[Callable[..., Session]]:
    """open(url=..., token=...) -> a session on a private copy of the synced data."""
    sessions: list[Session] = []

    def open_(url: str = "http://127.0.0.1:9", token: str | None = "sandbox-token") -> Session:
        data = tmp_path / "data"
        if not data.exists():
            shutil.copytree(synced_dir, data)
        session = open_session(
            Paths(data, data / "c.toml"),
            token=token,
            base_url=url,
            log_to_file=False,
            daily_backup=False,
            clock=FakeClock(FIXED),
            limiter=RateLimiter(window=0.5),
            backoff_base=0.01,
        )
        sessions.append(session)
        return session

    yield open_
    for s in sessions:
        s.close()
