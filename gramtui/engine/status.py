"""One read of everything the UI shows about background work, for the panes to poll."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gramtui.discogs.ratelimit import RateLimitStatus
from gramtui.engine import progress, removals
from gramtui.engine.context import Engine
from gramtui.engine.deals import BudgetStatus, budget_status
from gramtui.engine.queue import QueueCounts, Task
from gramtui.engine.rules import missing_saved_folders
from gramtui.engine.runner import RunnerState
from gramtui.store import collection, meta
from gramtui.store.db import StoreBusy

__all__ = ["StoreBusy", "Status", "TaskLine", "read_status", "task_kinds", "task_lines"]


@dataclass(frozen=True)
class TaskLine:
    id: int
    kind: str
    key: str
    state: str
    attempts: int
    priority: int
    last_error: str
    payload: dict[str, Any]
    not_before: str


@dataclass(frozen=True)
class Status:
    records: int
    username: str
    counts: QueueCounts
    runner: RunnerState
    limit: RateLimitStatus
    sync_kind: str | None
    sync_state: str | None
    categories: list[progress.CategoryProgress]
    eta: float
    held_removals: tuple[str, ...] = ()  # removals a full sync holds until the user agrees
    missing_folders: list[str] = field(default_factory=list)  # rule destinations not on Discogs
    ebay_budget: BudgetStatus | None = None  # today's eBay calls (a budget apart from Discogs')


def read_status(engine: Engine, runner_state: RunnerState) -> Status:
    run = engine.queue.latest_sync()
    return Status(
        records=collection.count_instances(),
        username=meta.get("username"),
        counts=engine.queue.counts(),
        runner=runner_state,
        limit=engine.limiter.snapshot(),
        sync_kind=run.kind if run else None,
        sync_state=run.state if run else None,
        categories=progress.categories(run),
        eta=progress.eta_seconds(engine),
        held_removals=tuple(h.text() for h in removals.held()),
        missing_folders=missing_saved_folders(),
        ebay_budget=budget_status(engine),
    )


def task_lines(engine: Engine, kind: str | None = None, limit: int = 300) -> list[TaskLine]:
    tasks: list[Task] = engine.queue.tasks(kind=kind, limit=limit)
    return [
        TaskLine(
            t.id,
            t.kind,
            t.key,
            t.state,
            t.attempts,
            t.priority,
            t.last_error,
            dict(t.payload),
            t.not_before.strftime("%H:%M:%S") if t.not_before else "",
        )
        for t in tasks
    ]


def task_kinds(engine: Engine) -> list[str]:
    return sorted({k for (k, _s) in engine.queue.counts().by_kind_state})
