"""Keyboard flows of the app shell, driven with Pilot on the synced sample collection."""

from __future__ import annotations

import pytest
from helpers.workers import status_read, workers_done
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
        for key, pane in (
            ("5", "queue"),
            ("4", "wants"),
            ("3", "sales"),
            ("2", "rules"),
            ("1", "shelves"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert app.query_one(TabbedContent).active == pane
        assert isinstance(app.focused, RecordList)


async def test_search_filters_and_escape_clears(app_session) -> None:
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await workers_done(app)  # the list and its searches read in a worker
        records = app.query_one(RecordList)
        everything = records.view.count()
        await pilot.press("slash", *"ac/dc")
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert records.view.count() == 1 and records.current.artist == "AC/DC [/live]"
        await pilot.press("enter", "escape")
        await workers_done(app)
        await pilot.pause()
        assert records.view.count() == everything and isinstance(app.focused, RecordList)


async def test_sort_cycles_and_cursor_moves(app_session) -> None:
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await workers_done(app)
        records = app.query_one(RecordList)
        first = records.current.instance_id
        await pilot.press("down", "down")
        assert records.cursor == 2
        await pilot.press("end")
        assert records.cursor == records.view.count() - 1
        await pilot.press("o")  # artist -> title
        await workers_done(app)
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
        await status_read(app, pilot)  # retried in a worker, which then reads the status
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
        await status_read(app, pilot)
        assert not Task.select().where(Task.key == "want:1").exists()


async def test_sign_in_refuses_a_wrong_token_then_accepts_the_right_one(
    app_session, sandbox_server
) -> None:
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
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, TokenScreen)
        message = str(app.screen.query_one("#token-message").render())
        assert "refused this token" in message and "wrong-token" not in message
        assert "DISCOGS_TOKEN" not in message  # issue 13 item 6: no env var from inside the dialog
        token_input = app.screen.query_one(Input)
        token_input.value = ""
        await pilot.press(*"sandbox-token", "enter")
        await workers_done(app)
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


async def test_a_search_that_finds_nothing_says_so(app_session) -> None:
    # Issue 13 item 6: an empty search said "No records yet: the sync fills this list".
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zzqx")
        await workers_done(app)  # the search reads in a worker
        await pilot.pause()
        detail = str(app.query_one("#shelves-detail").render())
        assert "No record matches 'zzqx': Esc clears the search." in detail
        assert "sync fills" not in detail


async def test_the_palette_offers_keys_once(app_session) -> None:
    # Issue 13 item 6: "Keys" stood twice in the command palette.
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Keys") == 1
        assert "Theme" in titles  # the other built-in commands stay


async def test_the_queue_pane_never_shows_stale_rows_eta_or_done(app_session) -> None:
    # Issue 13 item 5: the filter kept old rows when the new kind had no tasks; "ETA now" while
    # paused; "sync done" while tasks were still queued.
    app = _app(app_session())
    app.session.engine.queue.enqueue("want.set", "want:1", {"release_id": 1, "action": "add"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        pane = app.query_one("QueuePane")
        table = app.query_one("#queue-tasks", DataTable)
        assert table.row_count == 1
        progress = str(app.query_one("#queue-progress").render())
        assert "sync done · 1 task still queued" in progress
        await pilot.press("p")
        await status_read(app, pilot)
        progress = str(app.query_one("#queue-progress").render())
        assert "Paused: nothing is sent" in progress and "ETA" not in progress
        for _ in range(10):  # to a kind that has only finished tasks
            await pilot.press("f")
            await status_read(app, pilot)
            if pane.kind_filter not in (None, "want.set"):
                break
        assert pane.kind_filter not in (None, "want.set")
        assert table.row_count == 0


async def test_a_task_the_user_waits_for_refreshes_the_panes(
    app_session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Issue 13 item 5: a listing made with n appeared only after a manual sync: its task ended
    # while market figures were still queued (or between two looks of the app).
    from gramtui.ui.panes.sales import SalesPane

    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")  # on screen: a hidden pane reads when it is shown (the next test)
        await pilot.pause()
        await workers_done(app)
        await status_read(app, pilot)
        reads: list[int] = []
        monkeypatch.setattr(SalesPane, "refresh_data", lambda self: reads.append(1))
        await status_read(app, pilot)
        assert reads == []  # nothing new: nothing re-read
        queue = app.session.engine.queue
        queue.enqueue("market.stats", "market:t1", {"run": 1, "release": 1})  # still busy
        queue.enqueue("listing.create", "create-listing:1", {"instance_id": 1})
        await status_read(app, pilot)
        reads.clear()
        queue.complete(next(t for t in queue.tasks() if t.kind == "listing.create"))
        await status_read(app, pilot)  # the listing task ended: the Sales pane reads its listing
        assert reads == [1]


async def test_hidden_panes_read_their_data_when_first_shown_and_only_once(
    app_session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Issue 15 item 1: start-up read the collection for the hidden Rules pane (and Sales and
    # Wants), twice, before anyone looked at them.
    from gramtui.ui.panes.rules import RulesPane
    from gramtui.ui.panes.sales import SalesPane
    from gramtui.ui.panes.wants import WantsPane

    reads: list[str] = []
    for pane, name in ((RulesPane, "rules"), (SalesPane, "sales"), (WantsPane, "wants")):
        monkeypatch.setattr(pane, "refresh_data", lambda self, n=name: reads.append(n))
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await workers_done(app)
        await status_read(app, pilot)
        assert reads == []
        await pilot.press("2")
        await pilot.pause()
        assert reads == ["rules"]
        await pilot.press("1", "2", "4")
        await pilot.pause()
        assert reads == ["rules", "wants"]  # once each, when shown


async def test_end_shows_the_last_row_above_any_scrollbar(app_session) -> None:
    # Issue 13 item 5: End put the selected row under a horizontal scrollbar.
    app = _app(app_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await workers_done(app)  # the list is read in a worker
        records = app.query_one(RecordList)
        await pilot.press("end")
        await pilot.pause()
        assert records.cursor == records.view.count() - 1
        assert not records.show_horizontal_scrollbar
        visible = records.scrollable_content_region.height
        assert records.scroll_offset.y <= records.cursor < records.scroll_offset.y + visible
