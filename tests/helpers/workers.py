"""Waiting for a Textual app's workers in Pilot tests.

`app.workers.wait_for_complete()` raises WorkerCancelled as soon as any worker it waits for is
cancelled, and the app cancels on purpose: an exclusive worker is replaced by a newer one (a
pane reads again after a DataChanged). Under load such a replacement falls inside the wait, and
the test failed for what is the app's normal way of working."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled
from textual.worker_manager import WorkerManager

from gramtui.ui.app import GramtuiApp


async def workers_done(owner: object) -> None:
    """Until no worker of `owner` (an app or a screen: anything with `.workers`) runs; a worker
    cancelled meanwhile was replaced by a newer one, which is waited for in turn."""
    workers: WorkerManager = owner.workers  # type: ignore[attr-defined]  # App, Screen, Widget
    for _ in range(1000):
        try:
            await workers.wait_for_complete()
        except WorkerCancelled:
            continue
        if all(w.is_finished for w in workers):  # none started meanwhile by a result
            return
    raise AssertionError("the workers kept replacing each other")


async def status_read(app: GramtuiApp, pilot: Pilot[None]) -> None:
    """Let the workers under way end, read the status, and wait until it is shown (the app
    reads it in a worker). For apps without the queue runner (a worker that never ends)."""
    await workers_done(app)
    app.refresh_status()
    for _ in range(200):
        await pilot.pause(0.02)
        if not app.status_pending:
            break
    await pilot.pause()
