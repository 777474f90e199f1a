"""The want-list service: editing lists, the reconcile pass, and the queue tasks that act on Discogs.

The UI and the CLI call these functions; the pure rules live in gramtui.domain.wants. A pass
(`run_pass`, after every sync and after every edit) books arrivals and wants removed by hand, then,
when `automation.wants` is on, queues one `want.set` task per release to add or remove, keyed
`want:<release>`, so the queue never holds two for one release. With automation off the pass
queues nothing and returns the plan, so the pane can show what it would do.

Every read-modify-write of the lists holds one lock: the runner's thread (task handlers) and the
UI's thread (edits) never overwrite each other's changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal

from gramtui.discogs.errors import NotFound
from gramtui.domain import wants as domain
from gramtui.domain.figures import Refusal, check_figure
from gramtui.domain.marketplace import Want
from gramtui.domain.tasks import Priority, TaskState
from gramtui.domain.wants import (
    Arrival,
    DesiredLive,
    Plan,
    WantEntry,
    WantList,
    WantMode,
    WantsError,
)
from gramtui.engine.context import Engine
from gramtui.engine.queue import Task
from gramtui.engine.runner import Handler
from gramtui.store import wants as store

SET_KIND = "want.set"
MASTER_KIND = "want.master"

_LOCK = threading.RLock()


def set_key(release_id: int) -> str:
    return f"want:{release_id}"


def master_key(master_id: int) -> str:
    return f"want-master:{master_id}"


# -- reading ---------------------------------------------------------------------------------------


def want_lists() -> list[WantList]:
    return store.load_lists()


def export_text() -> str:
    """Every list in the text format of gramtui.domain.wants.textformat."""
    return domain.dump_want_lists(store.load_lists())


@dataclass(frozen=True, slots=True)
class WantsOverview:
    """Everything the pane and `gramtui wants` show, read at one moment."""

    lists: list[WantList]
    desired: DesiredLive  # what is live now and why, what is held back and why
    plan: Plan  # what the next pass would add and remove
    unmanaged: list[Want]  # Discogs wants no list manages, newest first
    master_release: dict[int, int]
    titles: dict[int, str]  # release id -> "Artist — Title", when known
    master_titles: dict[int, str]
    market: dict[int, store.MarketLine]  # for releases that are live or should be
    failed: dict[int, str]  # release id -> why its last want task failed
    automation: bool
    cap: int


def overview(engine: Engine) -> WantsOverview:
    """The lists as stored, with the live choice and the plan a pass would make now."""
    with _LOCK:
        lists = store.load_lists()
        masters = store.master_releases()
        on_discogs = store.discogs_want_ids()
        items = store.collection_items(*_arrival_ids(lists))
    cap = engine.config.wants.cap
    seen = domain.plan_wants(lists, on_discogs, items, cap, engine.clock(), master_release=masters)
    unmanaged_ids = set(seen.plan.unmanaged)
    unmanaged = [want for want in store.discogs_wants() if want.release_id in unmanaged_ids]
    release_ids = {e.release_id for w in lists for e in w.entries if e.release_id is not None}
    release_ids |= set(masters.values()) | unmanaged_ids
    live = set(seen.desired.releases) | (on_discogs & release_ids)
    return WantsOverview(
        lists=lists,
        desired=seen.desired,
        plan=seen.plan,
        unmanaged=unmanaged,
        master_release=masters,
        titles=store.release_titles(sorted(release_ids)),
        master_titles=store.master_titles(
            e.master_id for w in lists for e in w.entries if e.master_id is not None
        ),
        market=checked_market(store.market_lines(live), engine.config.sales.currency),
        failed={rid: error for rid, (_, error) in _failed_sets(engine).items()},
        automation=engine.config.automation.wants,
        cap=cap,
    )


def checked_market(
    lines: dict[int, store.MarketLine], currency: str
) -> dict[int, store.MarketLine]:
    """The marketplace lows through the one rule of what counts as a market figure: a zero,
    negative or foreign-currency low is not shown as a price but as refused, with why."""
    out = {}
    for release_id, line in lines.items():
        verdict = check_figure(
            "marketplace low", line.lowest, None, currency, None, owner="account"
        )
        if isinstance(verdict, Refusal):
            line = replace(line, lowest=None, refused=verdict.reason)
        out[release_id] = line
    return out


# -- editing ---------------------------------------------------------------------------------------


def create_list(
    engine: Engine,
    name: str,
    mode: WantMode = "one_by_one",
    *,
    spread_start: date | None = None,
    spread_end: date | None = None,
) -> WantList:
    with _LOCK:
        if name in store.list_names():
            raise WantsError(f"A want list named {name!r} exists already; choose another name.")
        want_list = WantList(name=name, mode=mode, spread_start=spread_start, spread_end=spread_end)
        store.save_list(want_list)
    return want_list


def edit_list(
    engine: Engine,
    name: str,
    *,
    new_name: str | None = None,
    mode: WantMode | None = None,
    spread_start: date | None = None,
    spread_end: date | None = None,
) -> WantList:
    """Rename a list, switch its mode, or change its spread range; what is not given is kept."""

    def change(want_list: WantList) -> WantList:
        changed = domain.set_mode(
            want_list, mode or want_list.mode, spread_start=spread_start, spread_end=spread_end
        )
        if new_name is not None and new_name != name:
            if new_name in store.list_names():
                raise WantsError(
                    f"A want list named {new_name!r} exists already; choose another name."
                )
            changed = replace(changed, name=new_name)
        return changed

    return _update(name, change)


def rename_list(engine: Engine, name: str, new_name: str) -> WantList:
    return edit_list(engine, name, new_name=new_name)


def set_mode(
    engine: Engine,
    name: str,
    mode: WantMode,
    *,
    spread_start: date | None = None,
    spread_end: date | None = None,
) -> WantList:
    return edit_list(engine, name, mode=mode, spread_start=spread_start, spread_end=spread_end)


def set_paused(engine: Engine, name: str, paused: bool) -> WantList:
    return _update(name, lambda want_list: domain.set_paused(want_list, paused))


def delete_list(engine: Engine, name: str) -> None:
    """The list goes; wants it kept on Discogs stay there as the user's own (unmanaged)."""
    with _LOCK:
        try:
            store.delete_list(name)
        except store.WantListMissing:
            raise _missing(name) from None


def add_entry(
    engine: Engine,
    name: str,
    *,
    release_id: int | None = None,
    master_id: int | None = None,
    format_filter: str | None = None,
    position: int | None = None,
) -> WantEntry:
    """A pending entry; a master's main release is looked up at once (a read, never a change)."""
    now = engine.clock()
    entry_id = domain.entry_id_for(release_id, master_id, format_filter)
    want_list = _update(
        name,
        lambda w: domain.add_entry(
            w,
            now,
            release_id=release_id,
            master_id=master_id,
            format_filter=format_filter,
            position=position,
        ),
    )
    if master_id is not None and master_id not in store.masters_known():
        engine.queue.enqueue(
            MASTER_KIND, master_key(master_id), {"master_id": master_id}, priority=Priority.USER
        )
    return want_list.entry(entry_id)


def remove_entry(engine: Engine, name: str, entry_id: str) -> WantList:
    """The entry leaves the list; a want of it still on Discogs stays there as the user's own."""
    return _update(name, lambda w: domain.remove_entry(w, entry_id))


def move_entry(
    engine: Engine, name: str, entry_id: str, to: int | Literal["up", "down"]
) -> WantList:
    return _update(name, lambda w: domain.move_entry(w, entry_id, to))


def retire_entry(engine: Engine, name: str, entry_id: str) -> WantList:
    """No longer wanted: kept in the list, and its want comes off Discogs at the next pass."""
    now = engine.clock()
    return _update(name, lambda w: domain.retire_entry(w, entry_id, now))


def restore_entry(engine: Engine, name: str, entry_id: str) -> WantList:
    """Want it again (after removing it on Discogs by hand, retiring it, or it arriving)."""
    now = engine.clock()
    return _update(name, lambda w: domain.restore_entry(w, entry_id, now))


def adopt(engine: Engine, name: str, release_ids: Sequence[int]) -> WantList:
    """Discogs wants join the end of list `name`; its mode then decides whether they stay live."""
    now = engine.clock()
    with _LOCK:
        lists = store.load_lists()
        adopted = domain.adopt(lists, name, release_ids, now)
        result = next(w for w in adopted if w.name == name)
        store.save_list(result)
    return result


def import_text(engine: Engine, text: str, *, replace: bool = False) -> list[WantList]:
    """Lists read from text. A list whose name exists is refused, or replaced with `replace`."""
    imported = domain.parse_want_lists(text, engine.clock())
    with _LOCK:
        existing = set(store.list_names())
        clashes = [w.name for w in imported if w.name in existing]
        if clashes and not replace:
            raise WantsError(
                f"Want lists {', '.join(map(repr, clashes))} exist already; rename them in the "
                "file, delete them first, or import with --replace."
            )
        store.save_lists(imported)
    known = store.masters_known()  # read once: per master it made a large import quadratic
    asked = sorted({e.master_id for w in imported for e in w.entries if e.master_id} - known)
    engine.queue.enqueue_many(
        MASTER_KIND, [(master_key(m), {"master_id": m}) for m in asked], priority=Priority.USER
    )
    return imported


def _update(name: str, change: Callable[[WantList], WantList]) -> WantList:
    with _LOCK:
        lists = {w.name: w for w in store.load_lists()}
        if name not in lists:
            raise _missing(name)
        changed = change(lists[name])
        if changed is not lists[name]:
            store.save_list(changed, old_name=name)
    return changed


def _missing(name: str) -> WantsError:
    names = ", ".join(repr(n) for n in store.list_names()) or "none yet"
    return WantsError(f"There is no want list {name!r}; the lists are: {names}.")


# -- the pass --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WantsReport:
    """What one pass found and did."""

    automation: bool
    plan: Plan
    desired: DesiredLive
    arrived: list[Arrival]
    queued: list[str] = field(default_factory=list)  # task keys put on the queue (or renewed)
    dropped: int = 0  # pending want tasks the plan no longer asks for
    held_by_failure: list[int] = field(default_factory=list)  # last task failed: not re-queued
    master_lookups: list[int] = field(default_factory=list)


def run_pass(engine: Engine) -> WantsReport:
    """Book arrivals and hand removals, choose the live wants, and queue the changes if allowed."""
    with _LOCK:
        lists = store.load_lists()
        masters = store.master_releases()
        on_discogs = store.discogs_want_ids()
        items = store.collection_items(*_arrival_ids(lists))
        result = domain.plan_wants(
            lists,
            on_discogs,
            items,
            engine.config.wants.cap,
            engine.clock(),
            master_release=masters,
        )
        store.save_lists(
            new for new, old in zip(result.lists, lists, strict=True) if new is not old
        )
    if not engine.config.automation.wants:
        return WantsReport(False, result.plan, result.desired, result.arrived)

    failed = _failed_sets(engine)
    queued: list[str] = []
    held: list[int] = []
    for action, release_ids in (("add", result.plan.add), ("remove", result.plan.remove)):
        for release_id in release_ids:
            if failed.get(release_id, ("", ""))[0] == action:
                held.append(release_id)  # the user retries or drops it in the Queue pane
                continue
            engine.queue.enqueue(
                SET_KIND,
                set_key(release_id),
                {"release_id": release_id, "action": action},
                priority=Priority.SYNC,
            )
            queued.append(set_key(release_id))
    dropped = _drop_stale(engine, set(queued))
    lookups = _request_masters(engine, result.lists)
    return WantsReport(
        True, result.plan, result.desired, result.arrived, queued, dropped, sorted(held), lookups
    )


def _arrival_ids(lists: Sequence[WantList]) -> tuple[set[int], set[int]]:
    """The releases and masters whose arrival a pass looks for."""
    releases: set[int] = set()
    masters: set[int] = set()
    for want_list in lists:
        for entry in want_list.entries:
            if entry.release_id is not None:
                releases.add(entry.release_id)
            elif entry.master_id is not None:
                masters.add(entry.master_id)
    return releases, masters


def _failed_sets(engine: Engine) -> dict[int, tuple[str, str]]:
    """release id -> (action, error) of want tasks that failed and are still shown as failed."""
    return {
        int(t.payload["release_id"]): (t.payload["action"], t.last_error)
        for t in engine.queue.failed_tasks(SET_KIND)
    }


def _drop_stale(engine: Engine, wanted_keys: set[str]) -> int:
    """Pending want tasks no longer in the plan (an entry removed, a list paused) are dropped."""
    return engine.queue.drop_pending(SET_KIND, keep=wanted_keys)


def _request_masters(engine: Engine, lists: Sequence[WantList]) -> list[int]:
    """Look up the main release of masters still wanted and not yet asked about."""
    known = store.masters_known()
    wanted = sorted(
        {
            e.master_id
            for w in lists
            for e in w.entries
            if e.master_id is not None and e.unfulfilled and e.master_id not in known
        }
    )
    failed = engine.queue.keys(MASTER_KIND, TaskState.FAILED)
    asked = []
    for master_id in wanted:
        if master_key(master_id) not in failed:
            engine.queue.enqueue(
                MASTER_KIND, master_key(master_id), {"master_id": master_id}, priority=Priority.SYNC
            )
            asked.append(master_id)
    return asked


# -- task handlers ---------------------------------------------------------------------------------


def handle_set(task: Task, engine: Engine) -> None:
    """Add a want to, or remove it from, the Discogs wantlist; then book the entry's new state."""
    release_id = int(task.payload["release_id"])
    username = engine.username()
    if task.payload["action"] == "add":
        # PUT: idempotent (a second one keeps one want), so no journal (engine/once.py)
        engine.client.add_want(username, release_id, priority=task.priority)
        now = engine.clock()
        with _LOCK:
            _book(domain.mark_live, release_id, now)
            store.save_discogs_want(Want(release_id=release_id, date_added=now))
        return
    try:  # DELETE: idempotent; a second one answers 404, taken as done below
        engine.client.remove_want(username, release_id, priority=task.priority)
    except NotFound:
        pass  # gone already: that is what was asked
    with _LOCK:
        _book(domain.mark_not_live, release_id, engine.clock())
        store.delete_discogs_want(release_id)


def handle_master(task: Task, engine: Engine) -> None:
    """Learn a master's main release, then run a pass so a waiting entry can go live."""
    master_id = int(task.payload["master_id"])
    info = engine.client.master(master_id, priority=task.priority)
    store.save_master(master_id, info.main_release, info.title, engine.clock())
    run_pass(engine)


def _book(mark: Callable[..., list[WantList]], release_id: int, now: datetime) -> None:
    lists = store.load_lists()
    marked = mark(lists, [release_id], now, master_release=store.master_releases())
    store.save_lists(new for new, old in zip(marked, lists, strict=True) if new is not old)


HANDLERS: dict[str, Handler] = {SET_KIND: handle_set, MASTER_KIND: handle_master}
