"""Every text command prints hostile Discogs text with its control characters made visible:
no byte below 0x20 but newline and tab, no DEL, no C1, no bidi override. JSON is unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from escapes_kit import CLEAR, ERROR_SUFFIX, controls, hostile_sandbox
from helpers.cli import gramtui_in_process

from gramtui.sandbox import serve

COMMANDS = [["records"], ["listings"], ["wants"], ["sales", "plan"], ["queue"]]


def _run(
    data: Path, args: list[str], url: str = "http://127.0.0.1:9"
) -> subprocess.CompletedProcess:
    env = {
        "GRAMTUI_DATA_DIR": str(data),
        "GRAMTUI_CONFIG": str(data / "c.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": url,
    }
    return gramtui_in_process(*args, env=env, text=False)  # the bytes the command wrote


def _assert_clean(done: subprocess.CompletedProcess) -> str:
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert controls([out], allow="\n\t") == [], out
    assert controls([err], allow="\n\t") == [], err
    return out + err


@pytest.fixture
def data(hostile_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(hostile_dir, copy)
    return copy


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_text_output_has_no_control_characters(data: Path, args: list[str]) -> None:
    done = _run(data, args)
    assert done.returncode == 0, done.stderr
    shown = _assert_clean(done)
    visible = "␛[2J" if args != ["queue"] else "␛]0;pwned␇"  # the data is there, made visible
    assert visible in shown


def test_sync_failure_lines_quote_the_server_visibly(data: Path) -> None:
    # The hostile failure is an earlier run's: put it back, so this sync meets it and reports it.
    failed = [
        t
        for t in json.loads(_run(data, ["queue", "--json"]).stdout)["tasks"]
        if t["state"] == "failed"
    ]
    assert failed
    for task in failed:
        assert _run(data, ["queue", "--retry", str(task["id"])]).returncode == 0
    with serve(hostile_sandbox(instances=40, listings=8, wants=8)) as server:
        done = _run(data, ["sync", "--market"], server.url)
    shown = _assert_clean(done)
    assert "task(s) failed" in shown and "␛[2J␛]0;pwned␇␍\\x9b31m\\u202e" in shown


def test_json_output_keeps_the_data_as_it_is(data: Path) -> None:
    done = _run(data, ["records", "--json"])
    assert done.returncode == 0
    records = json.loads(done.stdout)
    assert any(r["title"].startswith(CLEAR) for r in records)  # escaped by JSON, not altered
    assert b"\x1b" not in done.stdout
    queue = json.loads(_run(data, ["queue", "--json"]).stdout)
    assert any(ERROR_SUFFIX.strip() in t["last_error"] for t in queue["tasks"])
