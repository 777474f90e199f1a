"""Issue 19.1/19.2: a server lying in its page figures loses nothing, queues little, ends soon.

Each case starts from a whole account synced from an honest sandbox, with widths and sizes only
gramtui knows, then runs `gramtui sync --full` against the same account while the server lies
about its pages, over loopback HTTP as a real command would.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from helpers.cli import gramtui_in_process as _gramtui

from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve

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


def _env(root: Path, url: str) -> dict[str, str]:
    return {
        "GRAMTUI_DATA_DIR": str(root / "data"),
        "GRAMTUI_CONFIG": str(root / "c.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": url,
    }


# A roomy rate limit: the honest sync is quick whether or not it waits for market figures.
SANDBOX = {"rate_limit": 10_000, "window_seconds": 60.0}


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The account synced whole from an honest sandbox, with widths and sizes only gramtui knows;
    synced once, each case lies to its own copy (every sandbox of these sizes is the same)."""
    root = tmp_path_factory.mktemp("honest")
    sandbox = Sandbox(
        build_state(RECORDS, listings=LISTINGS, wants=WANTS), SandboxConfig(**SANDBOX)
    )
    with serve(sandbox) as server:
        done = _gramtui("sync", "--full", env=_env(root, server.url))
    assert done.returncode == 0, done.stdout + done.stderr
    db = root / "data" / "gramtui.sqlite3"
    assert _counts(db) == (RECORDS, LISTINGS, WANTS)
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE instance SET width = 3.5, size = 'oversized' WHERE id IN "
        "(SELECT id FROM instance ORDER BY id DESC LIMIT 50)"
    )
    con.commit()
    con.close()
    return root / "data"


@pytest.mark.parametrize(
    "mode", ["pages_one", "pages_negative", "items_negative", "pages_huge", "repeat", "cycle"]
)
def test_a_lying_page_header_loses_nothing_and_ends_soon(
    sandbox_server, honest: Path, tmp_path: Path, mode: str
) -> None:
    server = sandbox_server(instances=RECORDS, listings=LISTINGS, wants=WANTS, **SANDBOX)
    env = _env(tmp_path, server.url)
    shutil.copytree(honest, tmp_path / "data")
    db = tmp_path / "data" / "gramtui.sqlite3"

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
