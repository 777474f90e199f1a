"""While another process runs the queue, the TUI says who, keeps working, and takes the queue
over once that process is gone."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from textual.widgets import Static

from gramtui.store import lease as store_lease
from gramtui.store.lease import Holder
from gramtui.ui.app import GramtuiApp

pytestmark = pytest.mark.anyio


async def test_the_queue_pane_names_the_process_running_the_queue(app_session) -> None:
    session = app_session()
    cron = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        other = Holder("cron-sync", cron.pid, socket.gethostname(), "gramtui sync")
        assert (
            store_lease.take(other, session.engine.clock(), timedelta(hours=1), lambda _h: False)
            is None
        )
        session.runner.lease_poll = 0.05
        app = GramtuiApp(session, initial_sync=None, poll_interval=0.05)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("5")
            held = f"gramtui sync (pid {cron.pid})"
            started = time.monotonic()
            while held not in app.sub_title:
                assert time.monotonic() - started < 20, app.sub_title
                await pilot.pause(0.05)
            summary = str(app.query_one("#queue-summary", Static).content)
            assert summary.startswith(f"Runner run by {held}")
            await pilot.press("1")  # the rest of the app works meanwhile
            await pilot.pause()
            assert app.query_one("#panes").active == "shelves"

            cron.kill()
            cron.wait()  # gone: the TUI takes the queue over
            while session.runner.state.held_by or "queue run by" in app.sub_title:
                assert time.monotonic() - started < 20
                await pilot.pause(0.05)
            assert store_lease.current(session.engine.clock()).pid == session.runner.lease.me.pid
    finally:
        cron.kill()
        cron.wait()
