"""Issue 14 items 3 and 4: the UI never waits for SQLite, and a worker's failure never ends it.

Another process holding the database's write lock (a cron `gramtui sync` writing a page) used to
freeze the screen for up to the busy timeout: keys that write (Ctrl+R queues a sync) ran their
SQL on the UI thread. A worker that raised (an OperationalError) ended the TUI.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from helpers.workers import workers_done
from textual.pilot import Pilot

from gramtui.store.models import Task
from gramtui.ui.app import GramtuiApp

pytestmark = pytest.mark.anyio

HELD = 5.0  # seconds the other connection holds the write lock
ANSWER = 0.1  # what a key may take beyond its time with the database free (a frame: ~16 ms)
SPREAD = 3.0  # ... and beyond this many times that: a loaded machine draws slowly either way
KEYS = ["ctrl+r", "5", "down", "p", "p", "4", "down", "1", "down", "up", "3", "2", "5"]


def _app(session) -> GramtuiApp:  # type: ignore[no-untyped-def]
    return GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)


def _hold_write_lock(database: Path, ready: threading.Event, release: threading.Event) -> None:
    """Another process's writer: BEGIN EXCLUSIVE on the same file until `release` (or HELD s)."""
    con = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    try:
        con.execute("BEGIN EXCLUSIVE")
        ready.set()
        release.wait(HELD)
        con.execute("ROLLBACK")
    finally:
        con.close()


async def _timed(
    pilot: Pilot[None], keys: list[str], holder: threading.Thread | None = None
) -> list[float]:
    """Each key's time; with `holder`, only the keys pressed while it holds the lock."""
    took = []
    for key in keys:
        started = time.monotonic()
        await pilot.press(key)
        took.append(time.monotonic() - started)
        if holder is not None and not holder.is_alive():
            break  # a loaded machine: the lock ended first
    return took


async def test_keys_answer_at_once_while_another_connection_holds_the_write_lock(
    app_session,
) -> None:
    session = app_session()
    app = _app(session)
    async with app.run_test(size=(120, 36)) as pilot:
        for key in ("2", "3", "4", "5", "1"):  # every pane drawn once: first draws cost more
            await pilot.press(key)
            await pilot.pause()
        await workers_done(app)
        free = await _timed(pilot, KEYS)  # what each key takes here with the database free
        await pilot.press("1")
        await workers_done(app)
        ready, release = threading.Event(), threading.Event()
        holder = threading.Thread(
            target=_hold_write_lock, args=(session.paths.database, ready, release)
        )
        holder.start()
        try:
            assert ready.wait(5)
            locked = await _timed(pilot, KEYS, holder)
        finally:
            release.set()
            holder.join()
        slow = {
            f"{n}:{key}": (round(t, 3), round(f, 3))
            for n, (key, t, f) in enumerate(zip(KEYS, locked, free, strict=False))
            if t > ANSWER + SPREAD * f
        }
        assert not slow, f"keys waited for the database (locked, free): {slow}"
        # Ctrl+R writes (it queues a sync): it used to wait the whole lock out on the UI thread.
        assert len(locked) >= 4, "the lock ended before a pane was switched"
        # What the keys asked for is done once the lock is free: the sync was queued.
        await workers_done(app)
        assert Task.select().where(Task.kind == "sync.start").exists()


async def test_a_failing_worker_is_told_in_one_sentence_and_logged_and_the_app_stays_up(
    app_session, caplog: pytest.LogCaptureFixture
) -> None:
    session = app_session()
    # A real failure below the Wants pane's read: its table is gone (as a damaged or foreign
    # database would have it), so the read raises sqlite's OperationalError in the worker.
    con = sqlite3.connect(session.paths.database, isolation_level=None)
    con.execute("ALTER TABLE want_entry RENAME TO want_entry_gone")
    con.close()
    app = _app(session)
    told: list[str] = []
    caplog.set_level(logging.ERROR, logger="gramtui.ui")
    async with app.run_test(size=(120, 36)) as pilot:
        original = app.notify

        def notify(message: str, **kwargs: object) -> None:
            told.append(message)
            original(message, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]  # to read what the user is told
        await pilot.press("4")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert app.is_running
        failures = [t for t in told if "Reading the wants" in t]
        assert len(failures) == 1  # told once, in one sentence that names what failed
        (sentence,) = failures
        assert sentence.startswith("Reading the wants failed (OperationalError);")
        assert sentence.endswith(".") and sentence.count(". ") == 0 and "\n" not in sentence
        assert "Traceback" not in sentence
        records = [r for r in caplog.records if r.name == "gramtui.ui" and r.exc_info]
        assert records and "want_entry" in str(records[0].exc_info[1])  # type: ignore[index]
        assert "Traceback" in caplog.text
        await pilot.press("1")  # the rest of the app works on
        await pilot.pause()
        assert app.query_one("#panes").active == "shelves"
