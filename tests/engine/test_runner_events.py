"""Issue 14 items 2 and 9: the runner announces what it does, and each session builds its own
after-sync hooks (nothing is added to a module's list on import)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine import handlers, rules
from gramtui.engine.events import (
    CategoryDone,
    RateWait,
    RunnerEvent,
    SyncDone,
    SyncPageStored,
    TaskEnded,
    TaskStarted,
)
from gramtui.engine.setup import Session
from gramtui.engine.sync import request_sync
from gramtui.store.models import SyncRun


def test_a_full_sync_is_announced_task_by_task_page_by_page(
    sandbox_server: Callable[..., object],
    make_session: Callable[..., object],
    drain: Callable[..., None],
) -> None:
    server = sandbox_server(instances=250, listings=0, wants=0)
    session: Session = make_session(server.url)  # type: ignore[assignment,attr-defined]
    heard: list[RunnerEvent] = []
    session.engine.events.listen(heard.append)
    request_sync(session.engine, "full")
    drain(session)
    started = [e for e in heard if isinstance(e, TaskStarted)]
    ended = [e for e in heard if isinstance(e, TaskEnded)]
    assert started and [(e.kind, e.key) for e in started] == [(e.kind, e.key) for e in ended]
    assert {e.outcome for e in ended} == {"done"}
    pages = [e for e in heard if isinstance(e, SyncPageStored) and e.category == "collection"]
    assert len(pages) == 3  # 250 records, 100 a page
    assert CategoryDone("collection") in heard
    assert heard.count(SyncDone("full")) == 1
    # The end of the sync is announced after its hooks ran, before its task is told ended.
    done_at = heard.index(SyncDone("full"))
    assert isinstance(heard[done_at + 1], TaskEnded)
    assert SyncRun.select().order_by(SyncRun.id.desc()).first().state == "done"


def test_a_failing_listener_is_logged_and_the_task_still_ends(
    sandbox_server: Callable[..., object],
    make_session: Callable[..., object],
    drain: Callable[..., None],
) -> None:
    server = sandbox_server(instances=20, listings=0, wants=0)
    session: Session = make_session(server.url)  # type: ignore[assignment,attr-defined]

    def broken(event: RunnerEvent) -> None:
        raise RuntimeError("a listener's bug")

    heard: list[RunnerEvent] = []
    session.engine.events.listen(broken)
    session.engine.events.listen(heard.append)
    request_sync(session.engine, "quick")
    drain(session)
    assert SyncDone("quick") in heard
    assert SyncRun.select().order_by(SyncRun.id.desc()).first().state == "done"


def test_a_wait_for_the_rate_window_is_announced_with_its_end() -> None:
    clock = [100.0]
    limiter = RateLimiter(
        limit=1,
        window=10.0,
        headroom=0,
        clock=lambda: clock[0],
        sleep=lambda s: clock.__setitem__(0, clock[0] + s),
    )
    waits: list[float] = []
    limiter.on_wait = waits.append
    limiter.acquire(priority=60)
    limiter.observe(200, {})
    limiter.acquire(priority=60)  # the window is full: it waits the window out
    assert waits and abs(sum(waits) - 10.0) < 1e-6


def test_the_session_announces_the_rate_wait_with_the_time_it_ends(
    make_session: Callable[..., object],
) -> None:
    session: Session = make_session("http://127.0.0.1:9")  # type: ignore[assignment]
    heard: list[RunnerEvent] = []
    session.engine.events.listen(heard.append)
    assert session.engine.limiter.on_wait is not None
    session.engine.limiter.on_wait(30.0)
    (event,) = heard
    assert isinstance(event, RateWait) and isinstance(event.until, datetime)
    assert 29 <= (event.until - session.engine.clock()).total_seconds() <= 31


def test_each_session_builds_its_after_sync_hooks(make_session: Callable[..., object]) -> None:
    first = make_session("http://127.0.0.1:9")
    hooks = first.engine.after_sync  # type: ignore[attr-defined]
    assert hooks == handlers.after_sync_hooks()
    # rules first: they queue moves the layouts then see
    assert hooks[0] == handlers.Lazy("gramtui.engine.rules:after_sync")
    assert hooks[0].resolve() is rules.after_sync

    def seed(engine: object, run: object) -> None:
        pass

    again = make_session("http://127.0.0.1:9", data="other", first_after_sync=[seed])
    assert again.engine.after_sync == [seed, *handlers.after_sync_hooks()]  # type: ignore[attr-defined]
    assert seed not in handlers.after_sync_hooks()  # nothing leaks into other sessions
