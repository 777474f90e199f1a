"""How the app starts (issue 15): its first frame before the session opens, the panes built when
first shown, what happens when the session cannot open."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.workers import status_read, workers_done
from textual.widgets import DataTable

from gramtui.engine.setup import Session
from gramtui.settings.config import ConfigError
from gramtui.store.models import Task
from gramtui.ui.app import GramtuiApp
from gramtui.ui.launch import Opening
from gramtui.ui.panes.shelves import ShelvesPane
from gramtui.ui.widgets.keys_footer import KeysFooter
from gramtui.ui.widgets.record_list import RecordList

pytestmark = pytest.mark.anyio
SIZE = (120, 36)


def test_the_app_module_leaves_the_engine_unimported() -> None:
    # The first frame is painted before the engine (every feature's handlers, httpx) is imported.
    code = "import sys, gramtui.ui.app; print(sorted(m for m in sys.modules if m in WATCHED))"
    watched = ["gramtui.engine.handlers", "gramtui.engine.setup", "httpx", "gramtui.engine.rules"]
    # nor the store: the collection list's empty first view reads nothing yet
    watched += ["peewee", "gramtui.store.models", "gramtui.engine.events"]
    out = subprocess.run(
        [sys.executable, "-c", f"WATCHED = {watched!r}\n{code}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "[]"


async def test_the_first_frame_comes_before_the_session_opens(
    app_session: Callable[..., Session],
) -> None:
    session = app_session()
    may_open = threading.Event()

    def opener() -> Session:
        assert may_open.wait(10), "the test never let the session open"
        return session

    app = GramtuiApp(opener=opener, start_runner=False, initial_sync=None, poll_interval=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # On screen while the session opens: the Shelves pane (empty) and the footer's keys.
        assert not app.opened
        assert app.query_one(ShelvesPane).display
        records = app.query_one(RecordList)
        assert app.focused is records and records.view.count() == 0
        footer = " ".join(str(w.render()) for w in app.query_one(KeysFooter).query("*"))
        assert "Quit" in footer and "Search" in footer
        await pilot.press("ctrl+r")  # a key pressed meanwhile is not lost
        may_open.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if app.opened and records.view.count():
                break
        assert records.view.count() > 0
        await workers_done(app)
    assert Task.select().where(Task.kind == "sync.start").exists()


async def test_a_session_that_cannot_open_ends_the_app_with_its_error() -> None:
    def opener() -> Session:
        raise ConfigError("c.toml, line 3: [sync] full_every_days must be a number.")

    app = GramtuiApp(opener=opener, start_runner=False, initial_sync=None)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 2
    assert isinstance(app.open_error, ConfigError)


async def test_hidden_panes_are_built_when_first_shown(
    app_session: Callable[..., Session],
) -> None:
    app = GramtuiApp(app_session(), start_runner=False, initial_sync=None, poll_interval=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert set(app.panes) == {"shelves"}
        assert not app.query("#rules-pane") and not app.query("#queue-pane")
        await pilot.press("5")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert set(app.panes) == {"shelves", "queue"}
        # Fed the status read before it was built.
        summary = str(app.query_one("#queue-summary").render())
        assert summary.startswith("Runner")
        await asyncio.sleep(0)


async def test_the_queue_table_follows_the_tasks_row_for_row(
    app_session: Callable[..., Session],
) -> None:
    # The table is updated in place (only the rows that changed), not cleared and filled again:
    # what it shows must still be the tasks in the queue's order.
    from gramtui.engine.status import task_lines

    session = app_session()
    queue = session.engine.queue
    first = [queue.enqueue("want.set", f"want:{n}", {"release_id": n}).id for n in range(3)]
    app = GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await status_read(app, pilot)
        table = app.query_one("#queue-tasks", DataTable)

        def shown() -> list[str]:
            return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]

        assert shown() == [str(t.id) for t in task_lines(session.engine)]
        queue.drop(first[1])
        queue.enqueue("want.set", "want:9", {"release_id": 9}, priority=90)  # comes first
        await status_read(app, pilot)
        expected = [str(t.id) for t in task_lines(session.engine)]
        assert shown() == expected and str(first[1]) not in expected and len(expected) >= 3


async def test_the_first_frame_has_the_configured_theme(tmp_path: Path) -> None:
    # Read before the session opens: the first frame is not painted in the default theme.
    config = tmp_path / "c.toml"
    config.write_text('[ui]\ntheme = "nord"\n')
    opening = Opening(Namespace(demo=False, data_dir=str(tmp_path / "data"), config=str(config)))
    assert opening.theme() == "nord"
    config.write_text("[ui\n")  # broken: said when the session opens, not here
    assert opening.theme() is None
    never = threading.Event()

    def opener() -> Session:
        never.wait(10)
        raise ConfigError("the test is over")

    app = GramtuiApp(opener=opener, start_runner=False, initial_sync=None, theme="nord")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord" and not app.opened
        never.set()
