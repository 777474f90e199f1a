"""Syncing with Discogs through the queue: folders, fields, the collection, the inventory, the
wantlist, and market figures for the releases the app prices or wants.

A full sync reads every page and then removes what Discogs no longer has. A quick sync reads the
collection and the inventory newest-first and stops at the first page holding something it
already knows. Every step is a keyed task, so a crash resumes where it stopped and asking twice
does not pile up work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from gramtui.discogs.errors import Forbidden
from gramtui.discogs.models import Page
from gramtui.engine.context import Engine
from gramtui.engine.queue import BACKGROUND, SYNC, USER
from gramtui.store import collection, marketplace, meta
from gramtui.store.db import db
from gramtui.store.models import SyncRun, Task

log = logging.getLogger("gramtui.sync")

PER_PAGE = 100  # the most Discogs allows: the fewest requests


@dataclass(frozen=True)
class Paged:
    """A category read page by page: how to fetch, store, and recognise what is known."""

    name: str
    fetch: Callable[[Engine, int], Page[Any]]
    key: Callable[[Any], int]
    save: Callable[[Sequence[Any], int], object]
    known: Callable[[list[int]], set[int]]
    count_seen: Callable[[int], int]
    remove_unseen: Callable[[int], int]
    in_quick: bool


def _fetch_collection(engine: Engine, page: int) -> Page[Any]:
    return engine.client.collection_page(
        engine.username(), folder_id=0, page=page, per_page=PER_PAGE,
        sort="added", sort_order="desc", priority=SYNC,
    )


def _fetch_inventory(engine: Engine, page: int) -> Page[Any]:
    return engine.client.inventory_page(
        engine.username(), page=page, per_page=PER_PAGE, sort="listed", sort_order="desc",
        priority=SYNC,
    )


def _fetch_wants(engine: Engine, page: int) -> Page[Any]:
    return engine.client.wants_page(engine.username(), page=page, per_page=PER_PAGE, priority=SYNC)


PAGED: dict[str, Paged] = {
    p.name: p
    for p in (
        Paged("collection", _fetch_collection, lambda i: i.instance_id, collection.save_instances,
              collection.known_instances, collection.count_seen, collection.remove_unseen, True),
        Paged("inventory", _fetch_inventory, lambda x: x.listing_id, marketplace.save_listings,
              marketplace.known_listings, marketplace.count_seen_listings,
              marketplace.remove_unseen_listings, True),
        Paged("wants", _fetch_wants, lambda w: w.release_id, marketplace.save_wants,
              marketplace.known_wants, marketplace.count_seen_wants,
              marketplace.remove_unseen_wants, False),
    )
}


def request_sync(engine: Engine, kind: str = "quick", *, priority: int = USER) -> Task:
    """Ask for a sync; asking again while one is queued changes nothing."""
    return engine.queue.enqueue("sync.start", "sync:start", {"kind": kind}, priority=priority)


def handle_start(task: Task, engine: Engine) -> None:
    kind = task.payload.get("kind", "quick")
    running = SyncRun.get_or_none((SyncRun.state == "running") & (SyncRun.kind == kind))
    if running is not None:
        if _open_tasks(running.id) > 0:
            return  # that sync is still under way: this request is already being served
        running.state = "failed"
        running.save()
    # Whose account this is was asked once (sign-in, or the first sync) and is kept: a new
    # token or another server clears it (engine/account.py, engine/setup.py).
    username = engine.username()
    run = SyncRun.create(kind=kind, started_at=engine.clock(), progress={})
    log.info("%s sync %d started", kind, run.id)
    meta.put("username", username)
    if kind == "full":
        _progress(run.id, "folders", total=2)
        _enqueue(engine, run.id, "sync.folders", "folders")
        _enqueue(engine, run.id, "sync.fields", "fields")
    for paged in PAGED.values():
        if kind == "full" or paged.in_quick:
            _progress(run.id, paged.name, total=None)
            _enqueue_page(engine, run.id, paged.name, 1)


def _enqueue(engine: Engine, run_id: int, kind: str, part: str, payload: dict[str, Any] | None = None,
             priority: int = SYNC) -> None:
    engine.queue.enqueue(kind, f"sync:{run_id}:{part}", {"run": run_id, **(payload or {})},
                         priority=priority)


def _enqueue_page(engine: Engine, run_id: int, category: str, page: int) -> None:
    _enqueue(engine, run_id, "sync.page", f"{category}:{page}", {"category": category, "page": page})


def _open_tasks(run_id: int, besides: int | None = None) -> int:
    """The run's own tasks still to do (market figures are not the run's: they are per release)."""
    query = Task.select().where(
        Task.state.in_(("pending", "running")) & Task.key.startswith(f"sync:{run_id}:")
    )
    if besides is not None:
        query = query.where(Task.id != besides)
    return query.count()


def handle_folders(task: Task, engine: Engine) -> None:
    collection.save_folders(engine.client.folders(engine.username(), priority=SYNC))
    _part_done(task, "folders", "folders", engine)


def handle_fields(task: Task, engine: Engine) -> None:
    collection.save_fields(engine.client.fields(engine.username(), priority=SYNC))
    _part_done(task, "folders", "fields", engine)


def handle_page(task: Task, engine: Engine) -> None:
    run = SyncRun.get_by_id(task.payload["run"])
    paged = PAGED[task.payload["category"]]
    page_no = int(task.payload["page"])
    page = paged.fetch(engine, page_no)
    ids = [paged.key(x) for x in page.items]
    already = paged.known(ids) if ids else set()
    seen_run = run.id if run.kind == "full" else int(meta.get("last_full_run", "0"))
    if page.items:
        paged.save(page.items, seen_run)
    if paged.name == "collection":
        _note_unknown_folders(engine, run, {i.folder_id for i in page.items})

    with db.atomic():
        run = SyncRun.get_by_id(run.id)
        prog = dict(run.progress)
        cat = dict(prog.get(paged.name, {}))
        done_pages = set(cat.get("pages_done", []))
        if page_no not in done_pages:
            done_pages.add(page_no)
            cat["done"] = cat.get("done", 0) + len(page.items)
        cat["pages_done"] = sorted(done_pages)
        cat["pages"] = page.pages
        cat["total"] = page.total
        prog[paged.name] = cat
        run.progress = prog
        run.save()

    if run.kind == "full":
        if page_no == 1:
            for n in range(2, page.pages + 1):
                if n not in done_pages:
                    _enqueue_page(engine, run.id, paged.name, n)
        if len(done_pages) >= max(1, page.pages):
            _finish_category(run, paged, engine)
    elif not already and page_no < page.pages:
        _enqueue_page(engine, run.id, paged.name, page_no + 1)
        return
    else:
        cat["total"] = cat["done"]  # a quick sync is complete once it reached what it knew
        _store_category(run.id, paged.name, cat)
        _after_category(run, paged.name, engine)
    _maybe_finish(run.id, engine, task)


def _finish_category(run: SyncRun, paged: Paged, engine: Engine) -> None:
    # Remove what is gone only when this run saw as many items as Discogs reported: if the data
    # changed under the sync, pages shifted and an unseen item may still exist.
    cat = dict(SyncRun.get_by_id(run.id).progress.get(paged.name, {}))
    seen = paged.count_seen(run.id)
    if seen >= int(cat.get("total") or 0):
        cat["removed"] = paged.remove_unseen(run.id)
        meta.put(f"last_full_{paged.name}", str(run.id))
    else:
        cat["incomplete"] = f"saw {seen} of {cat.get('total')}; nothing removed"
    _store_category(run.id, paged.name, cat)
    _after_category(run, paged.name, engine)


def _after_category(run: SyncRun, name: str, engine: Engine) -> None:
    if name in ("collection", "inventory"):
        marketplace.link_listings()
    if name in ("inventory", "wants"):
        enqueue_market(engine, run.id)


def _store_category(run_id: int, name: str, cat: dict[str, Any]) -> None:
    with db.atomic():
        run = SyncRun.get_by_id(run_id)
        prog = dict(run.progress)
        prog[name] = cat
        run.progress = prog
        run.save()


def _note_unknown_folders(engine: Engine, run: SyncRun, folder_ids: set[int]) -> None:
    known = {f.id for f in collection.folders()}
    if folder_ids - known:
        _enqueue(engine, run.id, "sync.folders", "folders")


def _progress(run_id: int, category: str, *, total: int | None) -> None:
    _store_category(run_id, category, {"done": 0, "total": total})


def _part_done(task: Task, category: str, part: str, engine: Engine) -> None:
    run_id = task.payload["run"]
    with db.atomic():
        run = SyncRun.get_by_id(run_id)
        cat = dict(run.progress.get(category, {"done": 0, "total": None}))
        parts = set(cat.get("parts", []))
        parts.add(part)
        cat["parts"] = sorted(parts)
        cat["done"] = len(parts)
        _store_category(run_id, category, cat)
    _maybe_finish(run_id, engine, task)


# -- market data -----------------------------------------------------------------------------


def enqueue_market(engine: Engine, run_id: int) -> int:
    """Market figures for listed and wanted releases, when missing or older than the set age."""
    max_age = timedelta(days=engine.config.sync.market_max_age_days)
    sugg, stats = marketplace.stale_market(
        marketplace.releases_needing_market(), now=engine.clock(), max_age=max_age
    )
    run = SyncRun.get_by_id(run_id)
    cat = dict(run.progress.get("market", {"done": 0, "total": 0, "parts": []}))
    parts = set(cat.get("parts", []))
    todo = [f"s{r}" for r in sugg] + [f"t{r}" for r in stats]
    cat["total"] = len(parts | set(todo))
    _store_category(run_id, "market", cat)
    # Keyed by release, not by run: a later sync asking for the same figures adds nothing, and
    # a run is finished once its own reading is done while market figures keep arriving.
    for r in sugg:
        engine.queue.enqueue("market.suggestions", f"market:s{r}", {"run": run_id, "release": r},
                             priority=BACKGROUND)
    for r in stats:
        engine.queue.enqueue("market.stats", f"market:t{r}", {"run": run_id, "release": r},
                             priority=BACKGROUND)
    return len(todo)


def handle_suggestions(task: Task, engine: Engine) -> None:
    release = int(task.payload["release"])
    try:
        found = engine.client.price_suggestions(release, priority=BACKGROUND)
    except Forbidden:
        found = None  # no seller settings on this account: recorded as "none", not retried
    marketplace.save_suggestions(release, found, engine.clock())
    _part_done(task, "market", f"s{release}", engine)


def handle_stats(task: Task, engine: Engine) -> None:
    release = int(task.payload["release"])
    lowest, count = engine.client.market_stats(release, priority=BACKGROUND)
    marketplace.save_stats(release, lowest, count, engine.clock())
    _part_done(task, "market", f"t{release}", engine)


# -- finishing --------------------------------------------------------------------------------


def _maybe_finish(run_id: int, engine: Engine, finishing: Task) -> None:
    """A run is done when none of its tasks is left other than the one finishing now."""
    if _open_tasks(run_id, besides=finishing.id) > 0:
        return
    now = engine.clock()
    changed = SyncRun.update(state="done", finished_at=now).where(
        (SyncRun.id == run_id) & (SyncRun.state == "running")
    ).execute()
    if not changed:
        return
    run = SyncRun.get_by_id(run_id)
    log.info("%s sync %d done: %s", run.kind, run_id, "  ".join(
        f"{name} {cat.get('done', 0)}/{cat.get('total', '?')}" for name, cat in run.progress.items()))
    if run.kind == "full" and meta.get("last_full_collection") == str(run_id):
        meta.put("last_full_run", str(run_id))
        meta.put("last_full_sync", now.isoformat())
    for hook in AFTER_SYNC:
        hook(engine, run)


def completed(run: SyncRun, category: str) -> bool:
    """Whether this run left `category` whole: read fully, or not part of this kind of sync."""
    cat = run.progress.get(category)
    if cat is None:
        return run.kind == "quick"
    return "incomplete" not in cat and cat.get("total") is not None and cat.get("done", 0) >= cat["total"]


# Features that act on fresh data (wants pass, rules) add a function here; see engine/handlers.py.
AFTER_SYNC: list[Callable[[Engine, SyncRun], None]] = []

HANDLERS = {
    "sync.start": handle_start,
    "sync.folders": handle_folders,
    "sync.fields": handle_fields,
    "sync.page": handle_page,
    "market.suggestions": handle_suggestions,
    "market.stats": handle_stats,
}
