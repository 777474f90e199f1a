"""Waiting in Pilot tests until the screen shows the app's settled state.

No worker runs, two looks in a row (a worker's result may start another: a width saved, then the
layout again; an exclusive worker replaced by a newer one cancels the wait), and every DataTable
has applied the rows it was given. A DataTable measures new rows and column widths on its next
idle, not when `add_row` returns; a snapshot taken in between showed the header at the old widths
(the CI failure of `test_without_ebay_keys`), so that pending work is waited for as well.
The queue runner is a worker that lives as long as the app: it is not waited for."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input
from textual.worker import Worker, WorkerCancelled

RUNNER_GROUP = "queue"  # the group GramtuiApp starts the queue runner in


def _passing(app: App[None]) -> list[Worker[object]]:
    return [w for w in app.workers if w.group != RUNNER_GROUP]


def _tables_pending(app: App[None]) -> bool:
    # Private state, read only: Textual has no public "measured" flag for a DataTable.
    return any(
        t._require_update_dimensions or t._updated_cells or t._new_rows
        for t in app.screen.query(DataTable)
    )


async def settle(pilot: Pilot[None], until: Callable[[], bool] | None = None) -> None:
    """Until no worker runs, the tables are measured and `until()` (when given) holds, two looks
    in a row; inputs stop blinking so a snapshot cannot catch a blink."""
    app = pilot.app
    quiet = 0
    for _ in range(400):
        passing = _passing(app)
        try:
            if passing:  # an empty list would mean "all", the runner too
                await app.workers.wait_for_complete(passing)
        except WorkerCancelled:  # replaced by a newer one (exclusive workers): look again
            quiet = 0
            continue
        await pilot.pause()
        busy = (
            any(w.is_running for w in _passing(app))
            or _tables_pending(app)
            or (until is not None and not until())
        )
        quiet = 0 if busy else quiet + 1
        if quiet == 2:
            for field in app.screen.query(Input):
                field.cursor_blink = False
            await pilot.pause()
            return
        if busy:
            await pilot.pause(0.01)
    raise AssertionError("the app did not settle")
