"""The sample collection synced once from the sandbox (with market figures, and master years for
half of its masters from the API), copied for each test."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.once import built_once

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine.community_tasks import COMMUNITY_KIND
from gramtui.engine.insight_tasks import MASTER_KIND
from gramtui.engine.setup import open_session
from gramtui.engine.sync import request_sync
from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
from gramtui.settings.paths import Paths
from gramtui.store.models import Task
from gramtui.store.schema import close_database
from gramtui.ui.app import GramtuiApp

WINDOW = 0.5


@pytest.fixture(scope="session")
def sample_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "insight-synced", _sync_sample) / "data" / "gramtui.sqlite3"


def _sync_sample(root: Path) -> None:
    windows = FakeClock(ticking=True)  # rate windows on one fake clock: waits jump it
    sandbox = Sandbox(build_state(), SandboxConfig(window_seconds=WINDOW), clock=windows.monotonic)
    server = serve(sandbox, host="127.0.0.1", port=0)
    try:
        session = open_session(
            Paths(root / "data", root / "config.toml"),
            token="sandbox-token",
            base_url=server.url,
            log_to_file=False,
            daily_backup=False,
            limiter=RateLimiter(
                limit=60, window=WINDOW, clock=windows.monotonic, sleep=windows.sleep
            ),
            backoff_base=0.01,
        )
        request_sync(session.engine, "full")
        runner = session.runner
        while runner.run_once(besides=(MASTER_KIND, COMMUNITY_KIND)):
            pass
        masters = list(Task.select().where((Task.kind == MASTER_KIND) & (Task.state == "pending")))
        assert len(masters) > 20
        for task in masters[::2]:  # half the masters' years known: the rest are estimates
            task.not_before = task.not_before.replace(year=2000)
            task.save()
            runner.run_once()
        community = Task.select().where((Task.kind == COMMUNITY_KIND) & (Task.state == "pending"))
        for task in list(community)[::3]:  # a third of the have/want counts known
            task.not_before = task.not_before.replace(year=2000)
            task.save()
            runner.run_once()
        session.close()
    finally:
        server.close()
        close_database()


@pytest.fixture
def sample_dir(tmp_path: Path, sample_database: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    src, dst = sqlite3.connect(sample_database), sqlite3.connect(data / "gramtui.sqlite3")
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return data


@pytest.fixture
def app(sample_dir: Path) -> Iterator[GramtuiApp]:
    """The whole app on a copy of the sample (value snapshots fixed); its session closed after."""
    from insight_pane_helpers import fix_value_days, open_app

    fix_value_days(sample_dir)
    opened = open_app(sample_dir)
    yield opened
    opened.session.close()
    close_database()
