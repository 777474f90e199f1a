"""A data directory synced from a hostile sandbox, with one failed task quoting the server."""

from __future__ import annotations

from pathlib import Path

import pytest
from escapes_kit import FIXED, hostile_sandbox
from helpers.clock import FakeClock

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine import wants
from gramtui.engine.setup import open_session
from gramtui.engine.sync import request_sync
from gramtui.sandbox import serve
from gramtui.settings.paths import Paths

MISSING_RELEASE = 999_999_999  # the sandbox answers 404 for it, quoting the hostile suffix


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("hostile")
    windows = FakeClock(ticking=True)  # rate windows on one fake clock: waits jump it
    sandbox = hostile_sandbox(windows.monotonic, instances=40, listings=8, wants=8)
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
        session.engine.queue.enqueue(
            wants.SET_KIND,
            f"want:{MISSING_RELEASE}",
            {"release_id": MISSING_RELEASE, "action": "add"},
        )
        while session.runner.run_once():
            pass
        session.close()
    return data
