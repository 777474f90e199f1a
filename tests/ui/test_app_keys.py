"""Keyboard flows of the app shell, driven with Pilot on the synced sample collection."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, TabbedContent

from gramtui.store.models import Task
from gramtui.ui.app import GramtuiApp
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.help import HelpScreen
from gramtui.ui.screens.token import TokenScreen
from gramtui.ui.widgets.record_list import RecordList

pytestmark = pytest.mark.anyio


def _app(session) -> GramtuiApp:
    return GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)


async def test_number_keys_switch_panes_and_focus_follows(app_session) -> None:
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, RecordList)
        for key, pane in (("5", "queue"), ("4", "wants"), ("3", "sales"), ("2", "rules"), ("1", "shelves")):
            await pilot.press(key)
            await pilot.pause()
            assert app.query_one(TabbedContent).active == pane
        assert isinstance(app.focused, RecordList)


async def test_search_filters_and_escape_clears(app_session) -> None:
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the list and its searches read in a worker
        records = app.query_one(RecordList)
        everything = records.view.count()
        await pilot.press("slash", *"ac/dc")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert records.view.count() == 1 and records.current.artist == "AC/DC [/live]"
        await pilot.press("enter", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert records.view.count() == everything and isinstance(app.focused, RecordList)


async def test_sort_cycles_and_cursor_moves(app_session) -> None:
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        records = app.query_one(RecordList)
        first = records.current.instance_id
        await pilot.press("down", "down")
        assert records.cursor == 2
        await pilot.press("end")
        assert records.cursor == records.view.count() - 1
        await pilot.press("o")  # artist -> title
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert records.view.sort == "title" and records.cursor == 0
        assert records.current.instance_id != first or records.view.count() == 1


async def test_help_opens_and_closes(app_session) -> None:
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_queue_pause_retry_and_drop_with_confirmation(app_session) -> None:
    app = _app(app_session())
    queue = app.session.engine.queue
    queue.enqueue("want.set", "want:1", {"release_id": 1, "action": "add"})
    queue.fail(queue.claim(), "Discogs refused the request (404).")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.focused, DataTable)
        await pilot.press("p")
        assert app.runner.state.paused
        await pilot.press("p")
        assert not app.runner.state.paused
        await pilot.press("t")  # retry the failed task
        await pilot.pause()
        assert Task.get(Task.key == "want:1").state == "pending"
        await pilot.press("x")  # drop asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert Task.select().where(Task.key == "want:1").exists()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not Task.select().where(Task.key == "want:1").exists()


async def test_sign_in_refuses_a_wrong_token_then_accepts_the_right_one(app_session, sandbox_server) -> None:
    server = sandbox_server()
    session = app_session(url=server.url, token=None)
    app = GramtuiApp(session, start_runner=False, poll_interval=3600)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TokenScreen)
        app.screen.query_one(Input).value = "t0kén-secret"  # not ASCII: refused here, never sent
        await pilot.press("enter")
        await pilot.pause()
        message = str(app.screen.query_one("#token-message").render())
        assert "not plain ASCII (character 4)" in message and "t0kén" not in message
        assert not session.paths.token_file.exists()
        app.screen.query_one(Input).value = ""
        await pilot.press(*"wrong-token", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TokenScreen)
        message = str(app.screen.query_one("#token-message").render())
        assert "refused the token" in message and "wrong-token" not in message
        token_input = app.screen.query_one(Input)
        token_input.value = ""
        await pilot.press(*"sandbox-token", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, TokenScreen)
        assert app.query_one(TabbedContent).active == "queue"  # sync progress is shown
        assert session.paths.token_file.read_text().strip() == "sandbox-token"
        assert session.paths.token_file.stat().st_mode & 0o777 == 0o600
        assert Task.select().where(Task.kind == "sync.start").exists()


async def test_quitting_over_unsaved_rules_asks_first(app_session) -> None:
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        rules = app.query_one("#rules-pane")
        rules.editor.text = rules.editor.text + "\n# a thought not saved yet\n"
        await pilot.pause()
        assert rules.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.return_code is None and not isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0  # the app is exiting
