"""Background work of the Insight feature, through the queue: a master's year from the API for
users without a masters dump (`master:<id>`), and the collection's value once a day."""

from __future__ import annotations

from gramtui.discogs.errors import NotFound
from gramtui.domain.tasks import Priority, TaskState
from gramtui.engine.context import Engine
from gramtui.engine.queue import WHILE_RUNNING, Task
from gramtui.engine.runner import Handler
from gramtui.store import catalogue, insight
from gramtui.store.db import db
from gramtui.store.models import SyncRun

MASTER_KIND = "master.year"
VALUE_KIND = "collection.value"
WHILE_RUNNING.update((MASTER_KIND, VALUE_KIND))  # done while the app runs, not by `gramtui sync`


def master_key(master_id: int) -> str:
    return f"master:{master_id}"


def enqueue_master_years(engine: Engine) -> int:
    """One keyed background task per master whose year is still unknown; returns how many.

    A first sync meets thousands of masters: they are added in one transaction (the queue's
    enqueue, one transaction each, would hold the sync's last step for seconds)."""
    masters = insight.masters_without_year()
    if not masters:
        return 0
    with db.atomic():
        pending = engine.queue.keys(MASTER_KIND, TaskState.PENDING)
        items = [(master_key(m), {"master_id": m}) for m in masters if master_key(m) not in pending]
        engine.queue.enqueue_many(MASTER_KIND, items, priority=Priority.BACKGROUND)
    return len(masters)


def enqueue_value(engine: Engine) -> bool:
    """Ask for today's collection value unless it is known already."""
    today = engine.clock().date()
    if insight.value_snapshot(today) is not None:
        return False
    engine.queue.enqueue(
        VALUE_KIND,
        f"value:{today.isoformat()}",
        {"day": today.isoformat()},
        priority=Priority.BACKGROUND,
    )
    return True


def after_sync(engine: Engine, run: SyncRun) -> None:
    """New records take their master's year from the catalogue; the rest ask the API."""
    catalogue.apply_master_years()
    enqueue_master_years(engine)
    enqueue_value(engine)


def handle_master(task: Task, engine: Engine) -> None:
    master_id = int(task.payload["master_id"])
    try:
        year = engine.client.master(master_id, priority=task.priority).year
    except NotFound:
        year = None  # gone from Discogs: remembered, so it is not asked again
    insight.save_master_year(master_id, year, engine.clock())


def handle_value(task: Task, engine: Engine) -> None:
    value = engine.client.collection_value(engine.username(), priority=task.priority)
    now = engine.clock()
    insight.save_value(now.date(), value.minimum, value.median, value.maximum, now)


HANDLERS: dict[str, Handler] = {MASTER_KIND: handle_master, VALUE_KIND: handle_value}
