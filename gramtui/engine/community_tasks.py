"""The community's have/want per collection release, through the queue at background priority
(`release.community:<id>`), for the Insight rarity chart. Counts older than REFRESH_AFTER are
asked again after a later sync: they move slowly, so a lazy refresh is enough."""

from __future__ import annotations

from datetime import timedelta

from gramtui.discogs.errors import NotFound
from gramtui.domain.tasks import Priority, TaskState
from gramtui.engine.context import Engine
from gramtui.engine.queue import WHILE_RUNNING, Task
from gramtui.engine.runner import Handler
from gramtui.store import community
from gramtui.store.db import db
from gramtui.store.models import SyncRun

COMMUNITY_KIND = "release.community"
REFRESH_AFTER = timedelta(days=90)
WHILE_RUNNING.add(COMMUNITY_KIND)  # done while the app runs, not by `gramtui sync`


def community_key(release_id: int) -> str:
    return f"{COMMUNITY_KIND}:{release_id}"


def enqueue_community(engine: Engine) -> int:
    """One keyed background task per collection release whose counts are unknown or stale;
    returns how many releases need them. In one transaction, like the master years."""
    releases = community.releases_needing_counts(engine.clock(), REFRESH_AFTER)
    if not releases:
        return 0
    with db.atomic():
        pending = engine.queue.keys(COMMUNITY_KIND, TaskState.PENDING)
        items = [
            (key, {"release_id": r}) for r in releases if (key := community_key(r)) not in pending
        ]
        engine.queue.enqueue_many(COMMUNITY_KIND, items, priority=Priority.BACKGROUND)
    return len(releases)


def after_sync(engine: Engine, run: SyncRun) -> None:
    enqueue_community(engine)


def handle_community(task: Task, engine: Engine) -> None:
    release_id = int(task.payload["release_id"])
    try:
        counts = engine.client.release_community(release_id, priority=task.priority)
        have, want = counts.have, counts.want
    except NotFound:
        have = want = None  # gone from Discogs: remembered until the next refresh
    community.save_counts(release_id, have, want, engine.clock())


HANDLERS: dict[str, Handler] = {COMMUNITY_KIND: handle_community}
