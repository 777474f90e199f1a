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
from datetime import datetime, timedelta
from typing import Any

from gramtui.discogs.errors import Forbidden, NotFound
from gramtui.discogs.models import Page
from gramtui.domain.paging import LOOKAHEAD, PageFigures, signature
from gramtui.domain.tasks import Priority
from gramtui.engine import removals
from gramtui.engine.context import Engine
from gramtui.engine.events import CategoryDone, SyncDone, SyncPageStored
from gramtui.engine.queue import Task
from gramtui.store import collection, marketplace, meta, retained, sync_runs
from gramtui.store.db import db
from gramtui.store.models import SyncRun

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
    count_unseen: Callable[[int], int]
    remove_unseen: Callable[[int, datetime], int]
    in_quick: bool


def _fetch_collection(engine: Engine, page: int) -> Page[Any]:
    return engine.client.collection_page(
        engine.username(),
        folder_id=0,
        page=page,
        per_page=PER_PAGE,
        sort="added",
        sort_order="desc",
        priority=Priority.SYNC,
    )


def _fetch_inventory(engine: Engine, page: int) -> Page[Any]:
    return engine.client.inventory_page(
        engine.username(),
        page=page,
        per_page=PER_PAGE,
        sort="listed",
        sort_order="desc",
        priority=Priority.SYNC,
    )


def _fetch_wants(engine: Engine, page: int) -> Page[Any]:
    return engine.client.wants_page(
        engine.username(), page=page, per_page=PER_PAGE, priority=Priority.SYNC
    )


PAGED: dict[str, Paged] = {
    p.name: p
    for p in (
        Paged(
            "collection",
            _fetch_collection,
            lambda i: i.instance_id,
            collection.save_instances,
            collection.known_instances,
            collection.count_seen,
            collection.count_unseen,
            collection.remove_unseen,
            True,
        ),
        Paged(
            "inventory",
            _fetch_inventory,
            lambda x: x.listing_id,
            marketplace.save_listings,
            marketplace.known_listings,
            marketplace.count_seen_listings,
            marketplace.count_unseen_listings,
            lambda run, _now: marketplace.remove_unseen_listings(run),
            True,
        ),
        Paged(
            "wants",
            _fetch_wants,
            lambda w: w.release_id,
            marketplace.save_wants,
            marketplace.known_wants,
            marketplace.count_seen_wants,
            marketplace.count_unseen_wants,
            lambda run, _now: marketplace.remove_unseen_wants(run),
            False,
        ),
    )
}


def request_sync(
    engine: Engine,
    kind: str = "quick",
    *,
    priority: int = Priority.USER,
    allow_removals: bool = False,
) -> Task:
    """Ask for a sync; asking again while one is queued changes nothing. `allow_removals` lets a
    full sync remove more than the configured share of a category without asking."""
    payload: dict[str, Any] = {"kind": kind}
    if allow_removals:
        payload["allow_removals"] = True
    return engine.queue.enqueue("sync.start", "sync:start", payload, priority=priority)


def handle_start(task: Task, engine: Engine) -> None:
    kind = task.payload.get("kind", "quick")
    running = SyncRun.get_or_none((SyncRun.state == "running") & (SyncRun.kind == kind))
    if running is not None:
        if _open_tasks(engine, running.id) > 0:
            return  # that sync is still under way: this request is already being served
        running.state = "failed"
        running.save()
    if kind == "quick":
        full = SyncRun.get_or_none((SyncRun.state == "running") & (SyncRun.kind == "full"))
        if full is not None and _open_tasks(engine, full.id) > 0:
            return  # a full sync under way reads everything a quick one would
    # Whose account this is was asked once (sign-in, or the first sync) and is kept: a new
    # token or another server clears it (engine/account.py, engine/setup.py).
    username = engine.username()
    run = SyncRun.create(kind=kind, started_at=engine.clock(), progress={})
    _supersede_older(engine, run.id)
    if task.payload.get("allow_removals"):
        _store_category(run.id, "options", {"allow_removals": True})
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


_RUN_KINDS = ("sync.folders", "sync.fields", "sync.page")


def _supersede_older(engine: Engine, run_id: int) -> None:
    """A new run reads again what older runs left unread: their leftover pages (even thousands
    queued by a server that claimed 10^9 pages) and failed pages are retired, not retried."""
    with db.atomic():
        engine.queue.retire(
            _RUN_KINDS, f"superseded by sync {run_id}", keep_prefix=f"sync:{run_id}:"
        )
        SyncRun.update(state="superseded").where(
            (SyncRun.state == "running") & (SyncRun.id != run_id)
        ).execute()


def _enqueue(
    engine: Engine,
    run_id: int,
    kind: str,
    part: str,
    payload: dict[str, Any] | None = None,
    priority: int = Priority.SYNC,
) -> None:
    engine.queue.enqueue(
        kind, f"sync:{run_id}:{part}", {"run": run_id, **(payload or {})}, priority=priority
    )


def _enqueue_page(engine: Engine, run_id: int, category: str, page: int) -> None:
    _enqueue(
        engine, run_id, "sync.page", f"{category}:{page}", {"category": category, "page": page}
    )


def _open_tasks(engine: Engine, run_id: int, besides: int | None = None) -> int:
    """The run's own tasks still to do (market figures are not the run's: they are per release)."""
    return engine.queue.open_count(key_prefix=f"sync:{run_id}:", besides_id=besides)


def handle_folders(task: Task, engine: Engine) -> None:
    collection.save_folders(engine.client.folders(engine.username(), priority=Priority.SYNC))
    _part_done(task, "folders", "folders", engine)


def handle_fields(task: Task, engine: Engine) -> None:
    collection.save_fields(engine.client.fields(engine.username(), priority=Priority.SYNC))
    _part_done(task, "folders", "fields", engine)


def handle_page(task: Task, engine: Engine) -> None:
    run = sync_runs.get(task.payload["run"])
    paged = PAGED[task.payload["category"]]
    page_no = int(task.payload["page"])
    cat = run.progress.get(paged.name, {})
    if run.state != "running" or cat.get("finished") or page_no > _last_page(cat):
        _maybe_finish(run.id, engine, task)  # past the end, or an old run's page: nothing to read
        return
    try:
        page: Page[Any] | None = paged.fetch(engine, page_no)
    except NotFound:
        if page_no == 1:
            raise
        page = None  # Discogs answers 404 past the last page: the list ended earlier
    items = page.items if page is not None else ()
    ids = [paged.key(x) for x in items]
    already = paged.known(ids) if ids else set()
    seen_run = run.id if run.kind == "full" else int(meta.get("last_full_run", "0"))
    if items:
        paged.save(items, seen_run)
    if paged.name == "collection":
        _note_unknown_folders(engine, run, {i.folder_id for i in items})

    with db.atomic():
        run = sync_runs.get(run.id)
        prog = dict(run.progress)
        cat = dict(prog.get(paged.name, {}))
        _note_page(cat, page_no, page, ids)
        prog[paged.name] = cat
        sync_runs.save_progress(run, prog)
    engine.events.announce(SyncPageStored(paged.name))

    last = _last_page(cat)
    if run.kind == "full":
        _enqueue_ahead(engine, run.id, paged.name, cat, page_no)
        if _all_read(cat):
            _finish_category(run, paged, engine)
    elif not already and ids and page_no < last:
        _enqueue_page(engine, run.id, paged.name, page_no + 1)
        return
    else:
        cat["total"] = cat["done"]  # a quick sync is complete once it reached what it knew
        cat["finished"] = True
        _store_category(run.id, paged.name, cat)
        _after_category(run, paged.name, engine)
    _maybe_finish(run.id, engine, task)


def _all_read(cat: dict[str, Any]) -> bool:
    """Every page up to the last one read (the count first: the last page may be 10^9)."""
    last = _last_page(cat)
    done = set(cat.get("pages_done", []))
    return len(done) >= last and all(n in done for n in range(1, last + 1))


def _last_page(cat: dict[str, Any]) -> int:
    """The last page this run will read of a category: 1 until the first page's figures are in,
    then what they justify, or less when the list ended early (an empty, short or repeated page)."""
    last = int(cat.get("last_page", 1))
    ends_at = cat.get("ends_at")
    return last if ends_at is None else min(last, int(ends_at))


def _note_page(cat: dict[str, Any], page_no: int, page: Page[Any] | None, ids: list[int]) -> None:
    """Record a page read into the category's progress, with every doubt about its figures."""
    done_pages = set(cat.get("pages_done", []))
    if page_no not in done_pages:
        done_pages.add(page_no)
        cat["done"] = cat.get("done", 0) + len(ids)
    cat["pages_done"] = sorted(done_pages)
    doubts: list[str] = list(cat.get("doubts", []))

    def doubt(why: str) -> None:
        if why and why not in doubts:
            doubts.append(why)

    def ends(at: int, why: str = "") -> None:
        ends_at = cat.get("ends_at")
        cat["ends_at"] = at if ends_at is None else min(int(ends_at), at)
        doubt(why)

    if page is not None and page_no == 1:
        figures = PageFigures(page.total, page.pages, page.per_page)
        cat["first"] = [page.total, page.pages, page.per_page]
        cat["last_page"] = figures.last_page
        cat["total"] = max(0, page.total)
        doubt(figures.doubt)
    elif page is not None and [page.total, page.pages] != cat.get("first", [None, None])[:2]:
        doubt(
            f"the page figures changed during the sync (page {page_no} says {page.total} "
            f"items in {page.pages} pages)"
        )
    first = cat.get("first", [0, 0, PER_PAGE])
    per_page = first[2] if first[2] > 0 else PER_PAGE
    announced = first[1]
    if page_no > 1 and not ids:
        early = page_no <= announced
        ends(page_no - 1, f"page {page_no} came back empty" if early else "")
    elif page_no > announced >= 1:
        ends(page_no, f"page {page_no} has items past the announced last page {announced}")
    elif len(ids) < per_page:
        ends(page_no, f"page {page_no} was short" if page_no < announced else "")
    elif page_no == announced and not doubts:
        # A full last page: one more page must be empty (Discogs answers 404), or the page
        # count was a lie ("1 page of 100 items" from a server holding 612).
        cat["last_page"] = announced + 1
    if ids:
        sigs = dict(cat.get("sigs", {}))
        sig = signature(ids)
        sigs[str(page_no)] = sig
        cat["sigs"] = sigs
        # Any two pages alike (not only neighbours: a server may cycle through a few pages).
        same = sorted(int(n) for n, other in sigs.items() if other == sig)
        if len(same) > 1:
            ends(same[-1] - 1, f"page {same[-1]} repeats page {same[0]}")
    cat["doubts"] = doubts


def _enqueue_ahead(
    engine: Engine, run_id: int, category: str, cat: dict[str, Any], page_no: int
) -> None:
    """Queue the next few pages (never all of them: a page count is only a claim)."""
    done = set(cat.get("pages_done", []))
    wanted = [
        n
        for n in range(page_no + 1, min(_last_page(cat), page_no + LOOKAHEAD) + 1)
        if n not in done
    ]
    if not wanted:
        return
    keys = {f"sync:{run_id}:{category}:{n}": n for n in wanted}
    queued = engine.queue.queued_keys(keys)
    for key, n in keys.items():
        if key not in queued:
            _enqueue_page(engine, run_id, category, n)


def _finish_category(run: SyncRun, paged: Paged, engine: Engine) -> None:
    """Remove what Discogs no longer has only when this run is provably whole: figures that
    agree, every page read, as many seen as announced. A removal of more than the configured
    share waits for the user's word (`--allow-removals`, or the TUI's question)."""
    run = sync_runs.get(run.id)
    cat = dict(run.progress.get(paged.name, {}))
    if cat.get("finished"):
        return
    seen = paged.count_seen(run.id)
    announced = int(cat.get("first", [0])[0])
    doubts = list(cat.get("doubts", []))
    if not doubts and seen != announced:
        # The data changed under the sync (pages shifted): an unseen item may still exist.
        doubts.append(f"saw {seen} of the {announced} Discogs announced")
    if doubts:
        cat["incomplete"] = f"{doubts[0]}; nothing removed"
        cat["total"] = cat.get("done", 0)
    else:
        meta.put(f"last_full_{paged.name}", str(run.id))
        unseen = paged.count_unseen(run.id)
        share = engine.config.sync.max_removal_percent
        allowed = bool(run.progress.get("options", {}).get("allow_removals"))
        if unseen and not allowed and unseen * 100 > share * (seen + unseen):
            cat["held"] = unseen
            removals.hold(paged.name, run.id, unseen, seen + unseen)
        else:
            cat["removed"] = paged.remove_unseen(run.id, engine.clock())
            removals.clear(paged.name)
    if paged.name == "collection":
        retained.prune(engine.clock())
    cat["finished"] = True
    cat.pop("sigs", None)  # only needed while pages arrive
    _store_category(run.id, paged.name, cat)
    _after_category(run, paged.name, engine)


def _after_category(run: SyncRun, name: str, engine: Engine) -> None:
    engine.events.announce(CategoryDone(name))
    if name in ("collection", "inventory"):
        marketplace.link_listings()
    if name in ("inventory", "wants"):
        enqueue_market(engine, run.id)


def _store_category(run_id: int, name: str, cat: dict[str, Any]) -> None:
    with db.atomic():
        run = sync_runs.get(run_id)
        prog = dict(run.progress)
        prog[name] = cat
        sync_runs.save_progress(run, prog)


def _note_unknown_folders(engine: Engine, run: SyncRun, folder_ids: set[int]) -> None:
    if folder_ids - collection.folder_ids():
        _enqueue(engine, run.id, "sync.folders", "folders")


def _progress(run_id: int, category: str, *, total: int | None) -> None:
    _store_category(run_id, category, {"done": 0, "total": total})


def _part_done(task: Task, category: str, part: str, engine: Engine) -> None:
    run_id = task.payload["run"]
    with db.atomic():
        run = sync_runs.get(run_id)
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
    run = sync_runs.get(run_id)
    cat = dict(run.progress.get("market", {"done": 0, "total": 0, "parts": []}))
    parts = set(cat.get("parts", []))
    todo = [f"s{r}" for r in sugg] + [f"t{r}" for r in stats]
    cat["total"] = len(parts | set(todo))
    _store_category(run_id, "market", cat)
    # Keyed by release, not by run: a later sync asking for the same figures adds nothing, and
    # a run is finished once its own reading is done while market figures keep arriving.
    for r in sugg:
        engine.queue.enqueue(
            "market.suggestions",
            f"market:s{r}",
            {"run": run_id, "release": r},
            priority=Priority.BACKGROUND,
        )
    for r in stats:
        engine.queue.enqueue(
            "market.stats",
            f"market:t{r}",
            {"run": run_id, "release": r},
            priority=Priority.BACKGROUND,
        )
    return len(todo)


def fetch_suggestions(engine: Engine, release: int) -> None:
    """Ask Discogs for a release's price suggestions and store them (also a deal's worth)."""
    try:
        found = engine.client.price_suggestions(release, priority=Priority.BACKGROUND)
    except Forbidden:
        found = None  # no seller settings on this account: recorded as "none", not retried
    marketplace.save_suggestions(release, found, engine.clock())


def handle_suggestions(task: Task, engine: Engine) -> None:
    release = int(task.payload["release"])
    fetch_suggestions(engine, release)
    _part_done(task, "market", f"s{release}", engine)


def handle_stats(task: Task, engine: Engine) -> None:
    release = int(task.payload["release"])
    lowest, count = engine.client.market_stats(release, priority=Priority.BACKGROUND)
    marketplace.save_stats(release, lowest, count, engine.clock())
    _part_done(task, "market", f"t{release}", engine)


# -- finishing --------------------------------------------------------------------------------


def _maybe_finish(run_id: int, engine: Engine, finishing: Task) -> None:
    """A run is done when none of its tasks is left other than the one finishing now."""
    if _open_tasks(engine, run_id, besides=finishing.id) > 0:
        return
    now = engine.clock()
    changed = (
        SyncRun.update(state="done", finished_at=now)
        .where((SyncRun.id == run_id) & (SyncRun.state == "running"))
        .execute()
    )
    if not changed:
        return
    run = sync_runs.get(run_id)
    log.info(
        "%s sync %d done: %s",
        run.kind,
        run_id,
        "  ".join(
            f"{name} {cat.get('done', 0)}/{cat.get('total', '?')}"
            for name, cat in run.progress.items()
        ),
    )
    if run.kind == "full" and meta.get("last_full_collection") == str(run_id):
        meta.put("last_full_run", str(run_id))
        meta.put("last_full_sync", now.isoformat())
    for hook in engine.after_sync:
        hook(engine, run)
    engine.events.announce(SyncDone(run.kind))


def completed(run: SyncRun, category: str) -> bool:
    """Whether this run left `category` whole: read fully, or not part of this kind of sync."""
    cat = run.progress.get(category)
    if cat is None:
        return bool(run.kind == "quick")
    if "incomplete" in cat or "held" in cat:
        return False
    return cat.get("total") is not None and cat.get("done", 0) >= cat["total"]


HANDLERS = {
    "sync.start": handle_start,
    "sync.folders": handle_folders,
    "sync.fields": handle_fields,
    "sync.page": handle_page,
    "market.suggestions": handle_suggestions,
    "market.stats": handle_stats,
}


def apply_held_removals(engine: Engine) -> dict[str, int]:
    """The user agreed: remove what the holding run did not see, if no later full sync read the
    category since (then that sync's own verdict stands)."""
    removed: dict[str, int] = {}
    for h in removals.held():
        paged = PAGED.get(h.category)
        if paged is not None and meta.get(f"last_full_{h.category}") == str(h.run_id):
            removed[h.category] = paged.remove_unseen(h.run_id, engine.clock())
        removals.clear(h.category)
    if removed.get("collection") or removed.get("inventory"):
        marketplace.link_listings()
    return removed
