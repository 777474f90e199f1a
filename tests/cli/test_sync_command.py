"""`gramtui sync`: its exit status is about its own run (19.3), removals past the share need
--allow-removals (19.1), and market figures only hold it up with --market (13.13)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers.cli import gramtui_in_process as _gramtui


def _one(db: Path, sql: str) -> int:
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def account(sandbox_server, tmp_path: Path) -> tuple[object, dict[str, str], Path]:
    # A roomy rate limit: market figures (two requests per listed or wanted release) are quick.
    server = sandbox_server(
        instances=120, listings=20, wants=20, rate_limit=10_000, window_seconds=60.0
    )
    env = {
        "GRAMTUI_DATA_DIR": str(tmp_path / "data"),
        "GRAMTUI_CONFIG": str(tmp_path / "c.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": server.url,
    }
    return server, env, tmp_path / "data" / "gramtui.sqlite3"


def test_sync_returns_with_the_account_data_and_market_waits_for_figures(account) -> None:
    server, env, db = account
    first = _gramtui("sync", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert _one(db, "SELECT count(*) FROM instance") == 120
    pending_market = _one(
        db, "SELECT count(*) FROM task WHERE state = 'pending' AND kind LIKE 'market.%'"
    )
    assert pending_market > 0
    assert "Market figures continue in the background" in first.stdout
    assert "`gramtui sync --market` waits for them" in first.stdout

    market = _gramtui("sync", "--market", env=env)
    assert market.returncode == 0, market.stdout + market.stderr
    # Master years and the collection value are the app's slow work, not a sync's.
    assert (
        _one(
            db,
            "SELECT count(*) FROM task WHERE state IN ('pending', 'running') AND kind "
            "NOT IN ('master.year', 'collection.value', 'release.community')",
        )
        == 0
    )
    assert _one(db, "SELECT count(*) FROM market WHERE fetched_at IS NOT NULL") > 0
    assert "continue in the background" not in market.stdout


def test_an_old_failed_task_is_reported_without_failing_the_new_sync(account) -> None:
    server, env, db = account
    assert _gramtui("sync", env=env).returncode == 0
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO task (kind, key, payload, priority, not_before, attempts, state, last_error, "
        "created_at, updated_at) VALUES ('market.stats', 'market:t1', '{}', 5, "
        "'2026-01-01T00:00:00+00:00', 8, 'failed', 'Discogs answered 500', "
        "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
    )
    con.commit()
    con.close()

    again = _gramtui("sync", env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "1 task from an earlier sync failed; see `gramtui queue`." in again.stdout
    again_json = _gramtui("sync", "--json", env=env)
    assert again_json.returncode == 0 and '"earlier_errors": 1' in again_json.stdout


def test_a_large_removal_needs_allow_removals(account) -> None:
    server, env, db = account
    assert _gramtui("sync", "--full", env=env).returncode == 0
    for iid in sorted(server.sandbox.state.instances)[:30]:  # 25 % of the collection
        server.sandbox.state.delete_instance(iid)

    held = _gramtui("sync", "--full", env=env)
    assert held.returncode == 1
    assert (
        "30 records of 120 (25 %) would be removed; nothing removed: run "
        "`gramtui sync --allow-removals` to remove them."
    ) in held.stdout
    assert _one(db, "SELECT count(*) FROM instance") == 120

    allowed = _gramtui("sync", "--allow-removals", env=env)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert _one(db, "SELECT count(*) FROM instance") == 90
    assert "would be removed" not in allowed.stdout


def test_the_share_is_a_setting(account) -> None:
    server, env, db = account
    Path(env["GRAMTUI_CONFIG"]).write_text("[sync]\nmax_removal_percent = 50\n")
    assert _gramtui("sync", "--full", env=env).returncode == 0
    for iid in sorted(server.sandbox.state.instances)[:30]:
        server.sandbox.state.delete_instance(iid)
    assert _gramtui("sync", "--full", env=env).returncode == 0
    assert _one(db, "SELECT count(*) FROM instance") == 90
