"""`gramtui sales plan|simulate|apply|stop|resume` on a synced data directory in tmp_path."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from gramtui.commands import sales_cmd
from gramtui.engine import handlers, sales
from gramtui.engine.sync import request_sync
from gramtui.store import sales as store
from gramtui.store.models import Task
from gramtui.store.schema import close_database, open_database


def gramtui(tmp_path: Path, *argv: str) -> int:
    """Runs `gramtui --data-dir D --config C ARGV` with only the sales command registered."""
    parser = argparse.ArgumentParser(prog="gramtui")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--config")
    sales_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["--data-dir", str(tmp_path / "data"), "--config", str(tmp_path / "config.toml"), *argv]
    )
    return int(args.func(args) or 0)


@pytest.fixture
def synced(tmp_path, sandbox_server, make_session, drain, monkeypatch) -> object:
    """A synced data directory whose listings have been on the ladder for eight days."""
    server = sandbox_server(instances=30, listings=10, wants=0)
    (tmp_path / "config.toml").write_text(
        f'[discogs]\nurl = "{server.url}"\n[automation]\nsales = true\n'
    )
    monkeypatch.setenv("DISCOGS_TOKEN", "sandbox-token")
    session = make_session(server.url)
    request_sync(session.engine, "full")
    drain(session)
    sales.apply(session.engine)
    eight_days_ago = session.engine.clock() - timedelta(days=8)
    store.save_states(
        [
            replace(s, entered_at=eight_days_ago, last_change_at=eight_days_ago)
            for s in store.load_states().values()
        ],
        eight_days_ago,
    )
    session.close()
    return server


def test_sales_cli_plan_json_has_the_fields_scripts_use(tmp_path, synced, capsys) -> None:
    assert gramtui(tmp_path, "sales", "plan", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["applies"] is True and len(out["listings"]) == 8
    for item in out["listings"]:
        assert {"listing_id", "phase", "current_price", "next_price", "next_at", "reason"} <= set(
            item
        )
    changing = [x for x in out["listings"] if x["action"] == "change"]
    assert changing and all(x["next_price"] == x["new_price"] for x in changing)
    assert all(float(x["new_price"]) < float(x["current_price"]) for x in changing)


def test_sales_cli_simulate_weeks_json(tmp_path, synced, capsys) -> None:
    assert gramtui(tmp_path, "sales", "simulate", "--weeks", "6", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["weeks"] == 6 and len(out["listings"]) == 8
    longest = max(out["listings"], key=lambda x: len(x["path"]))
    prices = [float(pt["price"]) for pt in longest["path"]]
    assert len(prices) > 2 and prices == sorted(prices, reverse=True)
    assert gramtui(tmp_path, "sales", "simulate", "--weeks", "0") == 1


def test_sales_cli_apply_dry_run_then_for_real(tmp_path, synced, capsys, monkeypatch) -> None:
    prices = {x: p.price for x, p in synced.sandbox.state.listings.items()}
    assert gramtui(tmp_path, "sales", "apply", "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("would change (dry run, nothing sent): ")

    monkeypatch.setattr(handlers, "ALL", {**handlers.ALL, **sales.HANDLERS})  # the app's wiring
    assert gramtui(tmp_path, "sales", "apply", "--run", "--json", "--yes") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] is False and report["changes"]
    changed = {x["listing_id"]: x["new_price"] for x in report["changes"]}
    now = {x: p.price for x, p in synced.sandbox.state.listings.items()}
    assert {x for x in now if now[x] != prices[x]} == set(changed)
    assert all(f"{now[x]:.2f}" == price for x, price in changed.items())


def test_sales_cli_stop_and_resume(tmp_path, synced, capsys) -> None:
    assert gramtui(tmp_path, "sales", "stop") == 0
    assert "Sales stopped" in capsys.readouterr().out
    assert gramtui(tmp_path, "sales", "apply") == 0
    assert capsys.readouterr().out.startswith("Nothing done: the stop switch is on")
    assert gramtui(tmp_path, "sales", "resume") == 0
    capsys.readouterr()
    assert gramtui(tmp_path, "sales", "apply", "--yes") == 0
    assert capsys.readouterr().out.startswith("queued: ")
    open_database(tmp_path / "data" / "gramtui.sqlite3")
    try:
        assert Task.select().where(Task.kind == sales.PRICE_KIND).count() > 0
    finally:
        close_database()
