"""A data directory synced from a hostile sandbox, with one failed task quoting the server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from escapes_kit import hostile_sandbox

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine import wants
from gramtui.engine.setup import open_session
from gramtui.engine.sync import request_sync
from gramtui.sandbox import serve
from gramtui.settings.paths import Paths

FIXED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
MISSING_RELEASE = 999_999_999  # the sandbox answers 404 for it, quoting the hostile suffix


def fixed_clock() -> datetime:
    return FIXED


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("hostile")
    with serve(hostile_sandbox(instances=40, listings=8, wants=8)) as server:
        session = open_session(
            Paths(data, data / "c.toml"),
            token="sandbox-token",
            base_url=server.url,
            log_to_file=False,
            daily_backup=False,
            clock=fixed_clock,
            limiter=RateLimiter(window=0.5),
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
