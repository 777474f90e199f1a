"""Issue 19.1/19.2: a server lying in its page figures loses nothing, queues little, ends soon.

Each case syncs a whole account from an honest sandbox first, sets widths and sizes only gramtui
knows, then runs `gramtui sync --full` against the same account while the server lies about its
pages, over loopback HTTP as a real command would.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from pathlib import Path

import pytest
from helpers.cli import gramtui_in_process as _gramtui

RECORDS, LISTINGS, WANTS = 612, 222, 186


def _query(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _counts(db: Path) -> tuple[int, int, int]:
    return tuple(
        _query(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("instance", "listing", "want")
    )  # type: ignore[return-value]


@pytest.mark.parametrize(
    "mode", ["pages_one", "pages_negative", "items_negative", "pages_huge", "repeat", "cycle"]
)
def test_a_lying_page_header_loses_nothing_and_ends_soon(
    sandbox_server, tmp_path: Path, mode: str
) -> None:
    # A roomy rate limit: the honest sync is quick whether or not it waits for market figures.
    server = sandbox_server(
        instances=RECORDS, listings=LISTINGS, wants=WANTS, rate_limit=10_000, window_seconds=60.0
    )
    env = {
        "GRAMTUI_DATA_DIR": str(tmp_path / "data"),
        "GRAMTUI_CONFIG": str(tmp_path / "c.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": server.url,
    }
    db = tmp_path / "data" / "gramtui.sqlite3"
    honest = _gramtui("sync", "--full", env=env)
    assert honest.returncode == 0, honest.stdout + honest.stderr
    assert _counts(db) == (RECORDS, LISTINGS, WANTS)
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE instance SET width = 3.5, size = 'oversized' WHERE id IN "
        "(SELECT id FROM instance ORDER BY id DESC LIMIT 50)"
    )
    con.commit()
    con.close()

    server.sandbox.config = dataclasses.replace(server.sandbox.config, pagination_lie=mode)
    started = time.monotonic()
    lied_to = _gramtui("sync", "--full", env=env)
    seconds = time.monotonic() - started

    assert _counts(db) == (RECORDS, LISTINGS, WANTS)  # nothing lost
    assert (
        _query(db, "SELECT count(*) FROM instance WHERE width = 3.5 AND size = 'oversized'")[0][0]
        == 50
    )
    run = _query(db, "SELECT max(id) FROM sync_run")[0][0]
    queued = _query(db, f"SELECT count(*) FROM task WHERE key LIKE 'sync:{run}:%'")[0][0]
    assert queued <= 36, queued  # a few pages per category, never the 10^9 announced
    assert (
        _query(db, "SELECT count(*) FROM task WHERE state = 'pending' AND kind LIKE 'sync.%'")[0][0]
        == 0
    )
    assert seconds < 60
    assert lied_to.returncode == 1
    assert "collection: not read whole:" in lied_to.stdout and "nothing removed" in lied_to.stdout
    assert "Traceback" not in lied_to.stderr
