"""`kill -9` during a sync, then start again: the sync completes, nothing twice, no damage."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet
    finally:
        con.close()


@pytest.mark.slow
def test_kill_minus_nine_during_sync_then_resume(sandbox_server, tmp_path: Path) -> None:
    server = sandbox_server(instances=2000, listings=3, wants=3, latency=0.06, window_seconds=60.0)
    env = {
        **os.environ,
        "GRAMTUI_DATA_DIR": str(tmp_path / "data"),
        "GRAMTUI_CONFIG": str(tmp_path / "c.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": server.url,
    }
    db = tmp_path / "data" / "gramtui.sqlite3"
    command = [sys.executable, "-m", "gramtui", "sync", "--full"]

    kills = 0
    for stored_at_least in (300, 900, 1500):  # kill at three different points of the sync
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if _count(db, "SELECT count(*) FROM instance") >= stored_at_least:
                break
            time.sleep(0.02)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=10)
    assert kills >= 2  # the sync really was interrupted mid-way

    # --market: wait for the market figures too, so the queue is empty afterwards.
    done = subprocess.run(
        [*command, "--market"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    state = server.sandbox.state
    assert _count(db, "SELECT count(*) FROM instance") == len(state.instances) == 2000
    assert _count(db, "SELECT count(DISTINCT id) FROM instance") == 2000
    # Master years and the value snapshot are left for the running app (queue.WHILE_RUNNING).
    assert (
        _count(
            db,
            "SELECT count(*) FROM task WHERE state IN ('pending', 'running', 'failed')"
            " AND kind NOT IN ('master.year', 'collection.value', 'release.community')",
        )
        == 0
    )
    assert _count(db, "SELECT count(*) FROM sync_run WHERE state = 'done' AND kind = 'full'") >= 1
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in con.execute("SELECT id FROM instance")}
    finally:
        con.close()
    assert stored == set(state.instances)
