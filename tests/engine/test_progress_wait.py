"""Issue 13 item 9: while the rate window refills, the `sync` progress line keeps going and says
what it waits for and for how long; piped, it is a line now and then instead of nothing."""

from __future__ import annotations

import threading

import pytest

from gramtui.commands import sync_cmd
from gramtui.engine import progress
from gramtui.engine.sync import request_sync


def test_the_wait_is_named_with_its_length() -> None:
    assert progress.window_wait(0, 42.4, 0.0) == "waiting for the rate window: 42s"
    assert progress.window_wait(0, 3.0, 20.0) == "Discogs asked for a pause: 20s"
    assert progress.window_wait(5, 42.0, 0.0) == ""


def test_piped_progress_keeps_reporting_while_the_window_is_full(
    sandbox_server,
    make_session,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = sandbox_server(instances=20)
    session = make_session(server.url, window=60.0)
    request_sync(session.engine, "full")
    limiter = session.engine.limiter
    for _ in range(60):  # the window is used up by earlier requests
        limiter.acquire(priority=99)
        limiter.observe(200, {})
    monkeypatch.setattr(sync_cmd, "PIPED_EVERY", 0.05)
    stop = threading.Event()
    timer = threading.Timer(0.4, stop.set)
    timer.start()
    sync_cmd._report_progress(session.engine, stop, tty=False, quiet=False)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) >= 2  # not silent for as long as the wait lasts
    assert all("waiting for the rate window: " in line for line in lines)
    assert "0/60 requests left" in lines[-1]
