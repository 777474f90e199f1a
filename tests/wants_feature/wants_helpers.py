"""Helpers for the wants tests: a session on a real SQLite file, and the facts a sync would store."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import httpx
from helpers.clock import FakeClock
from wants_fake_discogs import FakeDiscogs

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine import wants
from gramtui.engine.setup import Session, open_session
from gramtui.settings.config import Config
from gramtui.settings.paths import Paths
from gramtui.store import meta
from gramtui.store.models import InstanceRow, ReleaseRow, Task, WantRow

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def make_session(
    tmp_path: Path, discogs: FakeDiscogs, *, automation: bool = True, cap: int = 100
) -> Session:
    config = Config()
    config.automation.wants = automation
    config.wants.cap = cap
    session = open_session(
        Paths(tmp_path, tmp_path / "c.toml"),
        config=config,
        token="wants-test-token",
        base_url="http://discogs.test",
        transport=httpx.MockTransport(discogs),
        clock=FakeClock(NOW),
        limiter=RateLimiter(limit=1000, headroom=0),
        backoff_base=0.001,
        log_to_file=False,
        daily_backup=False,
    )
    meta.put("username", "tester")
    # engine/handlers.ALL gains these when the lead wires the feature in; until then, add them.
    session.runner.handlers.update(wants.HANDLERS)
    return session


def run_queue(session: Session) -> None:
    session.runner.run(threading.Event(), until_idle=True, idle_wait=0.01)


def collect(
    release_id: int,
    *,
    instance_id: int | None = None,
    master_id: int | None = None,
    formats: list[list[object]] | None = None,
) -> None:
    """A copy of a release arrives in the collection, as a collection sync stores it."""
    ReleaseRow.insert(
        id=release_id,
        title=f"Release {release_id}",
        artist="Artist",
        master_id=master_id,
        formats=formats or [["Vinyl", 1, ["LP"], ""]],
    ).on_conflict_ignore().execute()
    InstanceRow.create(id=instance_id or release_id * 10, release=release_id, folder_id=1)


def synced_want(discogs: FakeDiscogs, release_id: int, **fields: object) -> None:
    """A want on Discogs, as the wantlist sync stores it."""
    discogs.wants.add(release_id)
    WantRow.create(release_id=release_id, **fields)


def pending_tasks() -> list[tuple[str, str]]:
    """(key, action) of every pending want task, sorted."""
    query = Task.select().where(Task.state == "pending")
    return sorted((t.key, t.payload.get("action", "")) for t in query)
