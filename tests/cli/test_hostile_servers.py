"""Issue 16 item 2: against a server that never gives a useful answer again, `gramtui sync`
returns in bounded time with a clear line and a non-zero exit, loses nothing, and the next run
against a healthy server recovers. Each run is a subprocess with a timeout: the code before
these bounds hung here (429s not counted as attempts, Retry-After slept, no total deadline)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from helpers.cli import gramtui, gramtui_in_process

BOUNDS = """
[queue]
max_attempts = 3
backoff_seconds = 0.1
backoff_cap_seconds = 0.5
park_after_seconds = 30
response_deadline_seconds = 2
wait_for_runner_seconds = 60
stop_after_failures = 100
"""
LIMIT = 120  # seconds: "bounded time" with these settings
GAVE_UP = "gave up after 3 attempts"


def _env(tmp_path: Path, url: str) -> dict[str, str]:
    config = tmp_path / "config.toml"
    config.write_text(BOUNDS, encoding="utf-8")
    return {
        "GRAMTUI_DATA_DIR": str(tmp_path / "data"),
        "GRAMTUI_CONFIG": str(config),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": url,
    }


def _gramtui(env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = gramtui(*args, env=env, timeout=LIMIT)
    return done, time.monotonic() - started


def _stored(tmp_path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(tmp_path / "data" / "gramtui.sqlite3")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _assert_clear_failure(
    done: subprocess.CompletedProcess[str], seconds: float, line: str
) -> None:
    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert seconds < LIMIT
    assert line in said, said
    assert "Traceback" not in said and "unexpected error" not in said, said


def _assert_recovered(tmp_path: Path, env: dict[str, str], server) -> None:  # type: ignore[no-untyped-def]
    server.sandbox.config = dataclasses.replace(server.sandbox.config, hostile="")
    done, _ = _gramtui(env, "sync", "--market")
    assert done.returncode == 0, done.stdout + done.stderr
    state = server.sandbox.state
    assert {r[0] for r in _stored(tmp_path, "SELECT id FROM instance")} == set(state.instances)
    # Everything done but the app's slow work (master years, value, have/want), never a sync's.
    assert _stored(
        tmp_path,
        "SELECT count(*) FROM task WHERE state != 'done' AND kind NOT IN "
        "('master.year', 'collection.value', 'release.community')",
    ) == [(0,)]


@pytest.mark.parametrize(
    "mode", ["429_forever", "429_no_retry_after", "503_html", "slow_body", "reset_mid_body"]
)
def test_a_server_failing_forever_ends_the_sync_in_bounded_time(
    mode: str, sandbox_server, tmp_path: Path
) -> None:
    # identity, folders and fields are answered; every request after them meets the hostility
    server = sandbox_server(instances=250, listings=5, wants=5, hostile=mode, hostile_after=3)
    env = _env(tmp_path, server.url)
    done, seconds = _gramtui(env, "sync", "--full")
    _assert_clear_failure(done, seconds, GAVE_UP)
    failed = _stored(tmp_path, "SELECT last_error FROM task WHERE state = 'failed'")
    assert failed and all(e.startswith(GAVE_UP) for (e,) in failed)  # the last reason is kept
    _assert_recovered(tmp_path, env, server)


def test_a_retry_after_of_11_days_parks_the_tasks_and_says_so(
    sandbox_server, tmp_path: Path
) -> None:
    server = sandbox_server(
        instances=250,
        listings=5,
        wants=5,
        hostile="429_long_retry_after",
        hostile_after=3,
        hostile_retry_after=999999,
    )
    env = _env(tmp_path, server.url)
    done, seconds = _gramtui(env, "sync", "--full")
    _assert_clear_failure(done, seconds, "Discogs asks to wait 11 days")
    # One 429 told us to wait: nobody asks again before then (no retry storm).
    assert server.sandbox.counters.faults["429_long_retry_after"] == 1
    parked = _stored(tmp_path, "SELECT id FROM task WHERE state = 'pending'")
    assert parked and _stored(tmp_path, "SELECT count(*) FROM task WHERE state = 'failed'") == [
        (0,)
    ]

    # The next run still honours the wait, at once and without a request to Discogs...
    server.sandbox.config = dataclasses.replace(server.sandbox.config, hostile="")
    before = server.sandbox.counters.total
    again, _ = _gramtui(env, "sync")
    _assert_clear_failure(again, _, "task(s) parked")
    assert server.sandbox.counters.total == before
    # ... and the user may overrule it: the parked tasks run now and the sync completes.
    # (the queue commands only read and write the store: in this process)
    listed = json.loads(gramtui_in_process("queue", "--json", env=env).stdout)
    for task in listed["tasks"]:
        if task["state"] == "pending":
            assert gramtui_in_process("queue", "--retry", str(task["id"]), env=env).returncode == 0
    _assert_recovered(tmp_path, env, server)


def test_a_sync_stops_after_failures_in_a_row_and_the_next_run_resumes(
    sandbox_server, tmp_path: Path
) -> None:
    server = sandbox_server(instances=250, listings=5, wants=5, hostile="503_html", hostile_after=3)
    env = _env(tmp_path, server.url)
    (tmp_path / "config.toml").write_text(BOUNDS.replace("= 100", "= 4"), encoding="utf-8")
    done, seconds = _gramtui(env, "sync", "--full")
    _assert_clear_failure(done, seconds, "Discogs failed the last 4 requests in a row")
    assert server.sandbox.counters.faults["503_html"] == 4  # and asked no more
    assert _stored(tmp_path, "SELECT count(*) FROM task WHERE state = 'failed'") == [(0,)]
    _assert_recovered(tmp_path, env, server)
