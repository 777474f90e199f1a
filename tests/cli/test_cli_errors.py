"""Bad input at the command line: one clear sentence, a non-zero exit, nothing changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers.cli import gramtui_in_process as gramtui  # output and exit status only


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "GRAMTUI_DATA_DIR": str(tmp_path / "data"),
        "GRAMTUI_CONFIG": str(tmp_path / "config.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
    }


def _one_sentence(stderr: str) -> str:
    lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def _instances(env: dict[str, str]) -> int:
    db = Path(env["GRAMTUI_DATA_DIR"]) / "gramtui.sqlite3"
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM instance").fetchone()[0]
    finally:
        con.close()


def test_wrong_token(sandbox_server, env) -> None:
    server = sandbox_server()
    result = gramtui(
        "sync", env={**env, "DISCOGS_TOKEN": "not-the-token", "GRAMTUI_DISCOGS_URL": server.url}
    )
    assert result.returncode != 0
    line = _one_sentence(result.stderr)
    assert "refused the token" in line and "not-the-token" not in result.stderr + result.stdout
    assert _instances(env) == 0


def test_unreachable_server(env) -> None:
    result = gramtui("sync", env={**env, "GRAMTUI_DISCOGS_URL": "http://127.0.0.1:9"})
    assert result.returncode != 0
    assert "Could not get an answer from Discogs" in _one_sentence(result.stderr)


def test_no_token(env) -> None:
    result = gramtui(
        "sync", env={**env, "DISCOGS_TOKEN": "", "GRAMTUI_DISCOGS_URL": "http://127.0.0.1:9"}
    )
    assert result.returncode != 0
    assert "no Discogs token" in _one_sentence(result.stderr)


def test_broken_config_file(env) -> None:
    Path(env["GRAMTUI_CONFIG"]).write_text("[printer]\nwidth = 40\n")
    result = gramtui("records", env=env)
    assert result.returncode == 2
    assert "line 2: printer.width must be one of 32, 42, 48" in _one_sentence(result.stderr)
    assert not (Path(env["GRAMTUI_DATA_DIR"]) / "gramtui.sqlite3").exists()  # nothing touched


def test_newer_database(env) -> None:
    assert gramtui("records", env=env).returncode == 0
    db = Path(env["GRAMTUI_DATA_DIR"]) / "gramtui.sqlite3"
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = db.read_bytes()
    result = gramtui("records", env=env)
    assert result.returncode == 2
    assert "newer gramtui" in _one_sentence(result.stderr)
    assert db.read_bytes() == before


def test_sync_json_summary_and_records(sandbox_server, env) -> None:
    server = sandbox_server(instances=450, listings=4, wants=3, window_seconds=60.0)
    result = gramtui("sync", "--json", env={**env, "GRAMTUI_DISCOGS_URL": server.url})
    assert result.returncode == 0, result.stderr
    import json

    summary = json.loads(result.stdout)
    assert summary["collection"] == 450 and summary["errors"] == 0 and summary["rate_limited"] == 0
    assert summary["inventory"] == 4 and summary["wants"] == 3 and summary["folders"] >= 2
    # identity + folders + fields + 5 collection pages + 1 inventory + 1 wants + market (2 per release)
    market = summary["requests_by_kind"].get("market.suggestions", 0) + summary[
        "requests_by_kind"
    ].get("market.stats", 0)
    assert summary["requests"] - market == 1 + 2 + 5 + 1 + 1
    records = json.loads(
        gramtui("records", "--json", env={**env, "GRAMTUI_DISCOGS_URL": server.url}).stdout
    )
    assert len(records) == 450
    keys = {
        "instance_id",
        "release_id",
        "folder_id",
        "artist",
        "title",
        "year",
        "labels",
        "formats",
        "date_added",
        "rating",
    }
    assert keys <= set(records[0])
    assert {"name", "qty", "descriptions"} <= set(records[0]["formats"][0])
    listings = json.loads(gramtui("listings", "--json", env=env).stdout)
    assert len(listings) == 4
    assert {
        "listing_id",
        "release_id",
        "instance_id",
        "status",
        "price",
        "currency",
        "condition",
        "posted",
    } <= set(listings[0])
