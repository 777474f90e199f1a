"""What a user sees: the app shell's panes and modals on the synced sample collection."""

from __future__ import annotations

from helpers.workers import workers_done
from textual.widgets import Input

from gramtui.store.models import Task
from gramtui.ui.app import GramtuiApp


async def _read(pilot) -> None:
    """The collection is read in a worker after the first frame: wait for it."""
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()
    await pilot.pause()  # the detail below the list grows to its text: one more layout


def _app(app_session, **kwargs) -> GramtuiApp:
    return GramtuiApp(
        app_session(**kwargs), start_runner=False, initial_sync=None, poll_interval=3600
    )


def test_shelves_collection_list(snap_compare, app_session, size: tuple[int, int]) -> None:
    # The sample starts with `AC/DC [/live]`: brackets from Discogs must show literally.
    assert snap_compare(_app(app_session), terminal_size=size, run_before=_read)


def test_shelves_search(snap_compare, app_session, size: tuple[int, int]) -> None:
    assert snap_compare(_app(app_session), press=["slash", *"[dub]", "enter"], terminal_size=size)


def test_queue_pane_with_a_failure(snap_compare, app_session, size: tuple[int, int]) -> None:
    app = _app(app_session)
    engine = app.session.engine
    engine.queue.enqueue("want.set", "want:12345", {"release_id": 12345, "action": "add"})
    task = engine.queue.claim()
    engine.queue.fail(task, "Discogs refused the request (404: That release does not exist.)")
    engine.queue.enqueue("market.stats", "market:t777", {"run": 1, "release": 777}, priority=5)
    assert Task.select().count() > 0
    assert snap_compare(app, press=["5"], terminal_size=size)


def test_help_screen(snap_compare, app_session, size: tuple[int, int]) -> None:
    assert snap_compare(
        _app(app_session), press=["question_mark"], terminal_size=size, run_before=_read
    )


def test_sign_in_screen(snap_compare, app_session, size: tuple[int, int]) -> None:
    async def steady(pilot) -> None:
        await _read(pilot)
        # The focused input's cursor blinks every 0.5 s: a slow run would catch it hidden.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False

    assert snap_compare(_app(app_session, token=None), run_before=steady, terminal_size=size)


def test_confirm_drop(snap_compare, app_session, size: tuple[int, int]) -> None:
    app = _app(app_session)
    engine = app.session.engine
    engine.queue.enqueue("market.stats", "market:t777", {"run": 1, "release": 777}, priority=5)
    assert snap_compare(app, press=["5", "x"], terminal_size=size)


def test_removal_question(snap_compare, app_session, size: tuple[int, int]) -> None:
    """The question a full sync's held removal asks (ui/screens/removals.py), a long one."""
    from test_removal_question import _hold_a_large_removal

    app = _app(app_session)
    _hold_a_large_removal(100)
    assert snap_compare(app, terminal_size=size, run_before=_read)
