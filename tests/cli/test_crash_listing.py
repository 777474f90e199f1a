"""`kill -9` after a listing's POST reached Discogs but before its answer was stored, three times,
then a rerun: exactly one live listing per copy (the intent journal, engine/once.py)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gramtui.domain.money import Money
from gramtui.engine import sales

CONDITION = "Very Good Plus (VG+)"


def _rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_kill_between_post_and_stored_answer_lists_each_copy_once(
    sandbox_server, make_session, tmp_path: Path
) -> None:
    server = sandbox_server(instances=40, listings=3, wants=3)
    sandbox = server.sandbox
    env = {
        **os.environ,
        "GRAMTUI_DATA_DIR": str(tmp_path / "data"),
        "GRAMTUI_CONFIG": str(tmp_path / "config.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": server.url,
    }
    db = tmp_path / "data" / "gramtui.sqlite3"
    sync = [sys.executable, "-m", "gramtui", "sync"]
    first = subprocess.run(sync, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr

    copies = _rows(
        db,
        "SELECT id, release_id FROM instance WHERE id NOT IN (SELECT instance_id "
        "FROM listing WHERE instance_id IS NOT NULL) ORDER BY id LIMIT 3",
    )
    assert len(copies) == 3
    session = make_session(server.url)
    for instance_id, _ in copies:
        sales.list_for_sale(session.engine, instance_id, CONDITION, None, Money(2500, "USD"))
    session.close()
    before = set(sandbox.state.listings)

    sandbox.change_answer_delay = 60.0  # each POST is applied, then its answer waits a minute
    kills = 0
    for _ in range(3):
        seen = len(sandbox.state.listings)
        proc = subprocess.Popen(sync, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if len(sandbox.state.listings) > seen:  # Discogs has it; gramtui does not know yet
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
                break
            time.sleep(0.01)
        proc.wait(timeout=10)
    assert kills == 3

    sandbox.change_answer_delay = 0.0
    done = subprocess.run([*sync, "--market"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

    created = [sandbox.state.listings[i] for i in set(sandbox.state.listings) - before]
    assert sorted(x.release_id for x in created) == sorted(r for _, r in copies)
    assert all(x.status == "For Sale" and x.condition == CONDITION for x in created)
    stored = dict(
        _rows(
            db,
            "SELECT instance_id, id FROM listing WHERE status = 'For Sale' "
            "AND instance_id IS NOT NULL",
        )
    )
    assert {stored[i] for i, _ in copies} == {x.id for x in created}
    assert _rows(db, "SELECT outcome, count(*) FROM call_intent GROUP BY outcome") == [
        ("adopted", 3)
    ]
    # Master years and the collection value are the app's to fetch over time, not a sync's.
    assert _rows(
        db,
        "SELECT count(*) FROM task WHERE state IN ('pending', 'running', "
        "'failed') AND kind NOT IN ('master.year', 'collection.value', 'release.community')",
    ) == [(0,)]
