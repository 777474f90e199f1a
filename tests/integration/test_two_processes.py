"""Issue 16 item 1: the TUI open while two `gramtui sync` run on the same data directory (cron,
or two at once). Nothing crashes, one process at a time runs the queue (the others say who),
every task is done once, and the store ends as one sync alone leaves it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from gramtui.engine.queue import WHILE_RUNNING
from gramtui.engine.setup import open_session
from gramtui.settings.paths import Paths
from gramtui.ui.app import GramtuiApp

pytestmark = pytest.mark.anyio
LIMIT = 120.0


def _env(data: Path, url: str) -> dict[str, str]:
    return {
        **os.environ,
        "GRAMTUI_DATA_DIR": str(data),
        "GRAMTUI_CONFIG": str(data / "none.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": url,
    }


def _sync(data: Path, url: str) -> subprocess.Popen[str]:
    # --market: each sync waits for the market figures too, so the content compares whole.
    return subprocess.Popen(
        [sys.executable, "-m", "gramtui", "sync", "--full", "--market"],
        env=_env(data, url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _rows(data: Path, sql: str) -> list[tuple]:
    if not (data / "gramtui.sqlite3").exists():
        return []
    con = sqlite3.connect(data / "gramtui.sqlite3", timeout=10)
    try:
        return con.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []  # not created yet
    finally:
        con.close()


def _content(data: Path) -> dict[str, list[tuple]]:
    return {
        "instances": _rows(
            data, "SELECT id, folder_id, release_id, rating FROM instance ORDER BY id"
        ),
        "folders": _rows(data, "SELECT id, name FROM folder ORDER BY id"),
        "listings": _rows(data, "SELECT id, status, price_cents FROM listing ORDER BY id"),
        "wants": _rows(data, "SELECT release_id FROM want ORDER BY release_id"),
        "market": _rows(data, "SELECT count(*) FROM market"),
    }


def _requests(server) -> Counter[str]:  # type: ignore[no-untyped-def]
    """What the sandbox was asked, without identity checks (each process may make its own) and
    without the app's slow work (master years, the collection value), which only the TUI does."""
    seen = Counter(server.sandbox.counters.per_endpoint)
    del seen["GET /oauth/identity"]
    for endpoint in [e for e in seen if "/masters/" in e or e.endswith("/collection/value")]:
        del seen[endpoint]
    return seen


def _hold_answers(server, monkeypatch: pytest.MonkeyPatch) -> threading.Event:  # type: ignore[no-untyped-def]
    """From now on the sandbox holds every answer but the identity until the event is set: the
    first sync, once it runs the queue, cannot finish before the others have asked for theirs
    (on a loaded machine it did, and an ask after a finished sync rightly starts another)."""
    gate = threading.Event()
    answer = server.sandbox.respond

    def held(request, base: str):  # type: ignore[no-untyped-def]
        if request.path != "/oauth/identity":
            gate.wait(LIMIT / 4)  # well inside the client's 30 s
        return answer(request, base)

    monkeypatch.setattr(server.sandbox, "respond", held)
    return gate


def _said_until(process: subprocess.Popen[str], words: str) -> list[str]:
    """The lines the process writes to stderr, up to one with `words` (or its end)."""
    lines: list[str] = []
    while process.stderr and not (lines and words in lines[-1]):
        line = process.stderr.readline()
        if not line:
            break
        lines.append(line)
    return lines


@pytest.mark.slow
async def test_the_tui_and_two_cli_syncs_share_one_store(
    sandbox_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Slow enough (about 8 s a sync) that the three overlap; a wide window, so no one waits.
    server = sandbox_server(
        instances=1000, listings=10, wants=5, latency=0.2, rate_limit=1000, window_seconds=60.0
    )
    alone = tmp_path / "alone"
    one = _sync(alone, server.url)
    out, err = one.communicate(timeout=LIMIT)
    assert one.returncode == 0, out + err
    expected, one_sync = _content(alone), _requests(server)
    assert expected["instances"] and expected["market"][0][0] > 0

    shared = tmp_path / "shared"
    gate = _hold_answers(server, monkeypatch)
    first = _sync(shared, server.url)
    started = time.monotonic()
    while not _rows(shared, "SELECT pid FROM runner_lease"):  # the first sync runs the queue
        assert first.poll() is None and time.monotonic() - started < LIMIT
        time.sleep(0.02)
    second = _sync(shared, server.url)
    second_said = _said_until(second, "The queue is being run by")  # its sync is asked for
    session = open_session(
        Paths(shared, shared / "none.toml"),
        token="sandbox-token",
        base_url=server.url,
        log_to_file=False,
        daily_backup=False,
    )
    app = GramtuiApp(session, initial_sync="full", poll_interval=0.1)
    shown: set[str] = set()
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            # the TUI asked for its sync (a worker started on mount) and saw who runs the queue
            while any(w.group == "sync-request" for w in app.workers) or "queue run by" not in (
                app.sub_title
            ):
                assert time.monotonic() - started < LIMIT, "the TUI did not ask for its sync"
                await pilot.pause(0.05)
            shown.add(app.sub_title)
            gate.set()
            while first.poll() is None or second.poll() is None:
                assert time.monotonic() - started < LIMIT, "the syncs did not end"
                shown.add(app.sub_title)
                await pilot.pause(0.1)
            # whatever the TUI took over, it finishes (its slow work goes on, as in any app)
            while session.engine.queue.has_pending(besides=WHILE_RUNNING):
                assert time.monotonic() - started < LIMIT
                await pilot.pause(0.1)
            await pilot.press("5")
            await pilot.pause()
            assert app.is_running
    finally:
        session.close()

    said = [p.communicate() for p in (first, second)]
    said[1] = (said[1][0], "".join(second_said) + said[1][1])
    assert [first.returncode, second.returncode] == [0, 0], said
    for out, err in said:
        assert "Traceback" not in out + err and "locked" not in out + err
    # The TUI said who ran the queue while it could not; the second sync said so too.
    assert any(f"queue run by gramtui sync (pid {first.pid})" in s for s in shown), shown
    assert "The queue is being run by" in said[1][1]

    # Every task once: no key done twice, nothing tried twice, nothing left or failed ...
    slow = ", ".join(f"'{kind}'" for kind in WHILE_RUNNING)
    assert (
        _rows(
            shared,
            "SELECT state, count(*) FROM task WHERE state != 'done' AND kind NOT IN "
            f"({slow}) GROUP BY state",
        )
        == []
    )
    assert (
        _rows(
            shared,
            "SELECT key FROM task WHERE kind != 'sync.start' GROUP BY key HAVING count(*) > 1",
        )
        == []
    )
    assert _rows(shared, "SELECT key, attempts FROM task WHERE attempts > 1") == []
    # ... so Discogs was asked exactly what one sync asks, and the store holds what one sync leaves.
    assert _rows(shared, "SELECT count(*) FROM sync_run") == [(1,)]
    assert _requests(server) - one_sync == one_sync
    assert _content(shared) == expected
    assert _rows(shared, "PRAGMA integrity_check") == [("ok",)]
