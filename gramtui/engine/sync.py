"""Syncing the collection through the queue: identity, folders, fields, every page.

A full sync reads every page (newest first) and then removes what Discogs no longer has; a quick
sync reads newest-first and stops at the first page holding an instance it already knows. Every
step is a keyed task, so a crash resumes where it stopped and a repeated request does not pile up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gramtui.engine.context import Engine
from gramtui.engine.queue import SYNC, USER
from gramtui.store import collection, meta
from gramtui.store.db import db
from gramtui.store.models import SyncRun, Task

PER_PAGE = 100  # the most Discogs allows: the fewest requests

CATEGORIES = ("folders", "collection")


def request_sync(engine: Engine, kind: str = "quick", *, priority: int = USER) -> Task:
    """Ask for a sync; asking again while one is queued changes nothing."""
    return engine.queue.enqueue("sync.start", "sync:start", {"kind": kind}, priority=priority)


def current_run() -> SyncRun | None:
    return SyncRun.select().order_by(SyncRun.id.desc()).first()


def handle_start(task: Task, engine: Engine) -> None:
    kind = task.payload.get("kind", "quick")
    running = SyncRun.get_or_none((SyncRun.state == "running") & (SyncRun.kind == kind))
    if running is not None:
        if engine.queue.has_pending(f"sync.{kind}") or _has_run_tasks(running.id):
            return  # that sync is still under way: this request is already being served
        running.state = "failed"
        running.save()
    if kind == "full" or not meta.get("username"):
        meta.delete("username")  # a full sync re-checks whose account this is
    username = engine.username()
    now = engine.clock()
    run = SyncRun.create(kind=kind, started_at=now, progress={})
    meta.put("username", username)
    if kind == "full":
        _set_progress(run, "folders", total=2)
        engine.queue.enqueue("sync.folders", f"sync:{run.id}:folders", {"run": run.id}, priority=SYNC)
        engine.queue.enqueue("sync.fields", f"sync:{run.id}:fields", {"run": run.id}, priority=SYNC)
    _set_progress(run, "collection", total=None)
    _enqueue_page(engine, run, 1)
    for hook in EXTRA_STARTS:
        hook(engine, run)


def _has_run_tasks(run_id: int) -> bool:
    return (
        Task.select()
        .where(Task.state.in_(("pending", "running")) & Task.key.startswith(f"sync:{run_id}:"))
        .exists()
    )


def _enqueue_page(engine: Engine, run: SyncRun, page: int) -> None:
    engine.queue.enqueue(
        f"sync.{run.kind}.collection",
        f"sync:{run.id}:collection:{page}",
        {"run": run.id, "page": page},
        priority=SYNC,
    )


def handle_folders(task: Task, engine: Engine) -> None:
    folders = engine.client.folders(engine.username(), priority=SYNC)
    collection.save_folders(folders)
    _bump(task.payload["run"], "folders", engine, key="folders")


def handle_fields(task: Task, engine: Engine) -> None:
    fields = engine.client.fields(engine.username(), priority=SYNC)
    collection.save_fields(fields)
    _bump(task.payload["run"], "folders", engine, key="fields")


def handle_collection_page(task: Task, engine: Engine) -> None:
    run = SyncRun.get_by_id(task.payload["run"])
    page_no = int(task.payload["page"])
    page = engine.client.collection_page(
        engine.username(), folder_id=0, page=page_no, per_page=PER_PAGE,
        sort="added", sort_order="desc", priority=SYNC,
    )
    ids = [i.instance_id for i in page.items]
    already = collection.known_instances(ids)
    seen_run = run.id if run.kind == "full" else int(meta.get("last_full_run", "0"))
    collection.save_instances(page.items, run_id=seen_run)
    _note_unknown_folders(engine, run, {i.folder_id for i in page.items})

    with db.atomic():
        run = SyncRun.get_by_id(run.id)
        prog = dict(run.progress)
        col = dict(prog.get("collection", {}))
        done_pages = set(col.get("pages_done", []))
        if page_no not in done_pages:
            done_pages.add(page_no)
            col["done"] = col.get("done", 0) + len(page.items)
        col["pages_done"] = sorted(done_pages)
        col["pages"] = page.pages
        col["total"] = page.total
        prog["collection"] = col
        run.progress = prog
        run.save()

    if run.kind == "full":
        if page_no == 1:
            for n in range(2, page.pages + 1):
                if n not in done_pages:
                    _enqueue_page(engine, run, n)
        if len(done_pages) >= page.pages:
            _finish_full_collection(run, col)
    else:
        if already or page_no >= page.pages:
            col["quick_stopped_at"] = page_no
        else:
            _enqueue_page(engine, run, page_no + 1)
            return
    _maybe_finish(run.id, engine)


def _finish_full_collection(run: SyncRun, col: dict[str, Any]) -> None:
    # Remove what is gone only when this run saw as many instances as Discogs reported: if the
    # collection changed under the sync, pages shifted and an unseen instance may still exist.
    seen = collection.count_seen(run.id)
    if seen >= int(col.get("total") or 0):
        removed = collection.remove_unseen(run.id)
        col["removed"] = removed
        meta.put("last_full_run", str(run.id))
    else:
        col["incomplete"] = f"saw {seen} of {col.get('total')}; nothing removed"
    prog = dict(run.progress)
    prog["collection"] = col
    SyncRun.update(progress=prog).where(SyncRun.id == run.id).execute()


def _note_unknown_folders(engine: Engine, run: SyncRun, folder_ids: set[int]) -> None:
    known = {f.id for f in collection.folders()}
    if folder_ids - known:
        engine.queue.enqueue("sync.folders", f"sync:{run.id}:folders", {"run": run.id}, priority=SYNC)


def _set_progress(run: SyncRun, category: str, *, total: int | None) -> None:
    prog = dict(run.progress)
    prog[category] = {"done": 0, "total": total}
    run.progress = prog
    run.save()


def _bump(run_id: int, category: str, engine: Engine, *, key: str) -> None:
    with db.atomic():
        run = SyncRun.get_by_id(run_id)
        prog = dict(run.progress)
        cat = dict(prog.get(category, {"done": 0, "total": None}))
        parts = set(cat.get("parts", []))
        parts.add(key)
        cat["parts"] = sorted(parts)
        cat["done"] = len(parts)
        prog[category] = cat
        run.progress = prog
        run.save()
    _maybe_finish(run_id, engine)


def _maybe_finish(run_id: int, engine: Engine) -> None:
    """A run is done when none of its tasks is left (other than the one finishing now)."""
    running_or_pending = (
        Task.select()
        .where(Task.state.in_(("pending", "running")) & Task.key.startswith(f"sync:{run_id}:"))
        .count()
    )
    if running_or_pending <= 1:
        finish_at: datetime = engine.clock()
        SyncRun.update(state="done", finished_at=finish_at).where(
            (SyncRun.id == run_id) & (SyncRun.state == "running")
        ).execute()
        if SyncRun.get_by_id(run_id).kind == "full":
            meta.put("last_full_sync", finish_at.isoformat())


# Later categories (inventory, wants, market) add a function here that enqueues their first task.
EXTRA_STARTS: list = []

HANDLERS = {
    "sync.start": handle_start,
    "sync.folders": handle_folders,
    "sync.fields": handle_fields,
    "sync.full.collection": handle_collection_page,
    "sync.quick.collection": handle_collection_page,
}
