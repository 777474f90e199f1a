"""`gramtui sync --full` against a server lying about its pages (issue 19.1/19.2, 16.2).

For each hostile pagination mode: an account of 612 records, 222 listings and 186 wants is synced
whole from an honest sandbox over loopback, then synced again while the server lies. Prints, per
mode, the medians of several runs: records/listings/wants lost, sync tasks the lying run queued,
exit code, and seconds until the command returned.

Run: python tests/bench/bench_hostile_sync.py [runs]
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve  # noqa: E402
from gramtui.sandbox.lying_pages import MODES  # noqa: E402

RECORDS, LISTINGS, WANTS = 612, 222, 186


def _sync(env: dict[str, str]) -> tuple[int, float]:
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gramtui", "sync", "--full"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        code = done.returncode
    except subprocess.TimeoutExpired:
        code = -1  # did not return within 5 minutes
    return code, time.monotonic() - started


def one_run(mode: str) -> tuple[int, int, int, int, int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        sandbox = Sandbox(
            build_state(instances=RECORDS, listings=LISTINGS, wants=WANTS),
            SandboxConfig(rate_limit=10_000, window_seconds=60.0),
        )
        with serve(sandbox, host="127.0.0.1", port=0) as server:
            env = {
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "GRAMTUI_DATA_DIR": f"{tmp}/data",
                "GRAMTUI_CONFIG": f"{tmp}/c.toml",
                "DISCOGS_TOKEN": "sandbox-token",
                "GRAMTUI_DISCOGS_URL": server.url,
            }
            _sync(env)
            sandbox.config = dataclasses.replace(sandbox.config, pagination_lie=mode)
            code, seconds = _sync(env)
        con = sqlite3.connect(f"{tmp}/data/gramtui.sqlite3")
        try:
            have = [
                con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("instance", "listing", "want")
            ]
            run = con.execute("SELECT max(id) FROM sync_run").fetchone()[0]
            queued = con.execute(
                f"SELECT count(*) FROM task WHERE key LIKE 'sync:{run}:%'"
            ).fetchone()[0]
        finally:
            con.close()
    return RECORDS - have[0], LISTINGS - have[1], WANTS - have[2], queued, code, seconds


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(
        f"gramtui sync --full against a lying server ({RECORDS} records, {LISTINGS} listings, "
        f"{WANTS} wants; medians of {runs} runs)"
    )
    print(
        f"{'mode':<16} {'records lost':>12} {'listings lost':>13} {'wants lost':>10} "
        f"{'tasks queued':>12} {'exit':>4} {'seconds':>8}"
    )
    for mode in MODES:
        results = [one_run(mode) for _ in range(runs)]
        cols = [statistics.median(r[i] for r in results) for i in range(6)]
        print(
            f"{mode:<16} {cols[0]:>12.0f} {cols[1]:>13.0f} {cols[2]:>10.0f} {cols[3]:>12.0f} "
            f"{cols[4]:>4.0f} {cols[5]:>8.1f}"
        )


if __name__ == "__main__":
    main()
