"""Waiting for the app's workers in Pilot tests, and reading what a screen shows."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from gramtui.engine.setup import Session
from gramtui.ui.app import GramtuiApp
from gramtui.ui.screens.record_detail import RecordDetailScreen
from gramtui.ui.widgets.safe import Static


async def settle(pilot: Pilot[None]) -> None:
    """Until every worker is done and its result shown."""
    for _ in range(200):
        await pilot.pause(0.02)
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # a newer read replaced one: wait again
            continue
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            await pilot.pause()
            return
    raise AssertionError("the workers did not finish")


def shown(screen: RecordDetailScreen) -> str:
    """The detail screen's text as the user reads it."""
    return "\n".join(
        str(screen.query_one(f"#{part}", Static).render())
        for part in ("record-release", "record-copy")
    )


def app_on(session: Session) -> GramtuiApp:
    return GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)
