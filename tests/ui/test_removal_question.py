"""Issue 19.1 in the TUI: a removal a full sync held back is asked about, and done only on yes."""

from __future__ import annotations

import pytest
from helpers.workers import workers_done

from gramtui.engine import removals
from gramtui.store import collection, meta, retained
from gramtui.store.models import InstanceRow, SyncRun
from gramtui.ui.app import GramtuiApp
from gramtui.ui.screens.confirm import ConfirmScreen

pytestmark = pytest.mark.anyio


def _hold_a_large_removal(count: int) -> list[int]:
    """What a full sync leaves when it read the collection whole but did not see `count` records."""
    run = SyncRun.select().order_by(SyncRun.id.desc()).first()
    ids = [r.id for r in InstanceRow.select(InstanceRow.id).order_by(InstanceRow.id)]
    unseen = ids[:count]
    InstanceRow.update(seen_run=run.id).execute()
    InstanceRow.update(seen_run=0).where(InstanceRow.id.in_(unseen)).execute()
    collection.set_width(unseen[0], 5.0)
    meta.put("last_full_collection", str(run.id))
    removals.hold("collection", run.id, count, len(ids))
    return unseen


async def _answer(app_session, key: str) -> tuple[int, int]:
    session = app_session()
    unseen = _hold_a_large_removal(100)
    before = collection.count_instances()
    app = GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "100 records of" in app.screen.question and "would be removed" in app.screen.question
        await pilot.press(key)
        await workers_done(app)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert removals.held() == []
    gone = sum(1 for i in unseen if InstanceRow.get_or_none(InstanceRow.id == i) is None)
    return before - collection.count_instances(), gone


async def test_yes_removes_what_the_sync_did_not_see_and_keeps_app_only_data(app_session) -> None:
    removed, gone = await _answer(app_session, "y")
    assert removed == gone == 100
    assert retained.count() == 1  # the width set in the app is kept for 90 days


async def test_no_keeps_every_record(app_session) -> None:
    removed, gone = await _answer(app_session, "n")
    assert removed == gone == 0
