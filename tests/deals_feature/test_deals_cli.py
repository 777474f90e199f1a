"""`gramtui deals` headless: the fields the issue names, listing text shown as data, saved
searches, matching titles without eBay, and bad input as one sentence that changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import gramtui_in_process as gramtui  # the world's sessions are closed first

from gramtui.engine import deals

FIELDS = {
    "item_id",
    "title",
    "price",
    "shipping",
    "currency",
    "release_id",
    "master_id",
    "method",
    "confidence",
    "worth",
    "worth_source",
    "score",
    "url",
    "first_seen",
    "alerted",
}


def _env(tmp: Path) -> dict[str, str]:
    return {
        "GRAMTUI_DATA_DIR": str(tmp / "data"),
        "GRAMTUI_CONFIG": str(tmp / "config.toml"),
        "EBAY_CLIENT_ID": "",
        "EBAY_CLIENT_SECRET": "",
    }


def _one_sentence(stderr: str) -> str:
    lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_deals_json_and_text_show_listing_text_as_data(world) -> None:
    fair = next(x for x in world.ebay.listings if x.kind == "fair")
    fair.title = f"[bold]{fair.title}[/bold] \x1b[31m!\x1b[0m [link=x]"
    session = world.sessions[0]
    deals.poll_round(session.engine, session.runner)
    session.close()
    world.sessions.clear()
    env = _env(world.tmp)
    shown = gramtui("deals", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    rows = json.loads(shown.stdout)
    assert rows and all(set(r) == FIELDS for r in rows)
    assert all(isinstance(r["price"], str) for r in rows)  # money is never a float
    hostile = [r for r in rows if r["item_id"] == fair.item_id]
    assert hostile and hostile[0]["title"] == fair.title
    text = gramtui("deals", env=env).stdout
    assert "\x1b" not in text
    assert "[bold]" in text and "\\x1b[31m!" in text and "[link=x]" in text


def test_match_prints_why_a_title_matched_or_not(world, tmp_path: Path) -> None:
    world.sessions[0].close()
    world.sessions.clear()
    env = _env(world.tmp)
    titles = tmp_path / "titles.txt"
    titles.write_text(
        "The Fall - Bend Sinister LP VG+\nSomebody - Nothing Known LP\n\n", encoding="utf-8"
    )
    got = gramtui("deals", "match", "--file", str(titles), "--json", env=env)
    assert got.returncode == 0, got.stderr
    first, second = json.loads(got.stdout)
    assert (first["release_id"], first["method"]) == (371311, "fuzzy")
    assert first["confidence"] > 0.8 and first["title"] == "The Fall - Bend Sinister LP VG+"
    assert (second["release_id"], second["master_id"], second["method"], second["confidence"]) == (
        None,
        None,
        None,
        None,
    )
    one = gramtui("deals", "match", "\x1b[2Jthe fall bend sinister cd", env=env)
    assert one.returncode == 0 and "\x1b" not in one.stdout and "no match" in one.stdout


def test_saved_searches_round_trip(tmp_path: Path) -> None:
    env = _env(tmp_path)
    added = gramtui(
        "deals",
        "search",
        "add",
        "krautrock",
        "neu! LP",
        "--formats",
        "vinyl",
        "--max-price",
        "30",
        "--min-score",
        "0.3",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    assert gramtui("deals", "search", "pause", "krautrock", env=env).returncode == 0
    listed = json.loads(gramtui("deals", "search", "list", "--json", env=env).stdout)
    assert listed == [
        {
            "name": "krautrock",
            "query": "neu! LP",
            "formats": ["Vinyl"],
            "max_price": "30",
            "min_score": "0.3",
            "interval_minutes": 0,
            "paused": True,
        }
    ]
    assert gramtui("deals", "search", "resume", "krautrock", env=env).returncode == 0
    assert gramtui("deals", "search", "remove", "krautrock", env=env).returncode == 0
    assert json.loads(gramtui("deals", "search", "list", "--json", env=env).stdout) == []


def test_bad_input_is_one_sentence_and_changes_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path)
    cases = [
        (("deals", "match"), "TITLE"),
        (("deals", "match", "x", "--file", "y"), "TITLE"),
        (("deals", "match", "--file", str(tmp_path / "missing.txt")), "cannot read"),
        (("deals", "search", "add", "a", "b", "--max-price", "cheap"), "not a number"),
        (("deals", "search", "add", "a", "b", "--formats", "8-track"), "unknown format"),
        (("deals", "search", "add", "a", "b", "--min-score", "5"), "between -1 and 1"),
        (("deals", "search", "remove", "nope"), "no saved search"),
        (("deals", "search", "pause", "nope"), "no saved search"),
    ]
    for args, words in cases:
        got = gramtui(*args, env=env)
        assert got.returncode != 0, args
        assert words in _one_sentence(got.stderr), (args, got.stderr)
    assert json.loads(gramtui("deals", "search", "list", "--json", env=env).stdout) == []


def test_poll_without_credentials_says_how_to_give_them(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert gramtui("deals", "search", "add", "a", "neu LP", env=env).returncode == 0
    got = gramtui("deals", "poll", env=env)
    assert got.returncode != 0
    message = got.stderr.strip().splitlines()[-1]
    assert "EBAY_CLIENT_ID" in message and "ebay-credentials" in message
