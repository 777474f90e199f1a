"""`gramtui rules check|import|export|dry-run|unblock`, `classify` and `size`, run in-process on a
data directory holding the synced sample (so folders and custom fields are the sample's)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rules_helpers import SEED, place_sample

from gramtui.commands import rules_cmd
from gramtui.engine.rules import rule_hash
from gramtui.store import rules as store
from gramtui.store.models import InstanceRow, Task
from gramtui.store.models_rules import ClassificationRow, RuleTextRow
from gramtui.store.schema import close_database, open_database

C = "[classification]\n"
M = "[movement]\n"
F = "[formats]\n"
LONG_CHAIN = "rating >= 4" + " && copies > 1" * 800

# (text, line, column, the message's telling part): each must be refused with exactly this.
MALFORMED: list[tuple[str, int, int, str]] = [
    (C + "(Cleaned unset -> x", 2, 16, "missing ')' to close the '(' at column 1"),
    (C + "Cleaned unset) -> x", 2, 14, "unexpected ')' with no '(' before it"),
    (C + "(" * 150 + "rating > 1" + ")" * 150 + " -> x", 2, 101, "nested deeper than 100"),
    (C + "rating => 3 -> x", 2, 8, "'=>' is not an operator; write '>='"),
    (C + "rating <> 3 -> x", 2, 8, "write '!=' for not equal"),
    (C + "Cleaned = Yes & rating > 3 -> x", 2, 15, "'&' is not an operator; write '&&'"),
    (C + "Cleaned unset and rating > 3 -> x", 2, 15, "write '&&' instead of 'and'"),
    (C + "Cleaned unset -> dirty\n" + M + "dirty ->", 4, 9, "expected a folder name after '->'"),
    (C + "Cleaned unset ->", 2, 17, "expected a classification name"),
    (C + "-> to_be_cleaned", 2, 1, "expected a condition before '->'"),
    (C + "Cleaned = “Yes” -> x", 2, 11, "'“' is not '\"'; type a plain \""),
    (C + "Cleaned unset → x", 2, 15, "'→' is not '->'"),
    (C + "rating ≥ 4 -> x", 2, 8, "'≥' is not '>='"),
    (C + "\u200bCleaned unset -> x", 2, 1, "invisible character U+200B"),
    (C + LONG_CHAIN + " && -> x", 2, len(LONG_CHAIN) + 5, "expected a condition after '&&'"),
    (C + 'Cleaned = "Yes -> x', 2, 11, "this string has no closing quote"),
    (C + "Cleaned unset -> x y )", 2, 22, "unexpected ')' in the classification name"),
    ("[sorting]\nx -> y", 1, 2, "unknown section '[sorting]'"),
    ("Cleaned unset -> x", 1, 1, "this rule is not in a section"),
    (F + "LP -> 12 Inch", 2, 1, "write contains LP"),
    (C + "added older than 2h -> x", 2, 19, "unknown age unit 'h'"),
    (C + "size = 12 -> x", 2, 8, 'size is regular or oversized, not "12"'),
    (C + 'rating >= "four" -> x', 2, 11, 'rating is a number, not "four"'),
    (C + "listing status = Gone -> x", 2, 18, 'unknown listing status "Gone"'),
    (C + "Cleand = Yes -> x", 2, 1, "unknown custom field 'Cleand'; did you mean 'Cleaned'?"),
    (C + 'format = "12 Inches" -> x', 2, 1, "unknown format class '12 Inches'"),
    (
        C + "Cleaned unset -> dirty\ndirty && rating > 2 -> worse",
        3,
        1,
        "'dirty' is a classification; classifications can be tested only in [movement] rules",
    ),
    (
        C + "Cleaned unset -> dirty\n" + M + "dirt -> Cleaning Pile",
        4,
        1,
        "no classification rule produces 'dirt'",
    ),
    (
        C + "Cleaned unset -> dirty\n" + M + "12 Inch -> Cleaning Pile",
        4,
        1,
        "this movement rule names no classification",
    ),
    (
        C + "Cleaned unset -> dirty\n" + M + "dirty -> cleaning pile",
        4,
        10,
        "there is no folder 'cleaning pile'; did you mean 'Cleaning Pile'?",
    ),
    (
        C
        + 'folder = "12s" -> a\nfolder = "Listening Pile" -> b\n'
        + M
        + "a -> Listening Pile\nb -> 12s",
        5,
        6,
        "would move a record back and forth",
    ),
    (
        "define x = rating > 1\ndefine x = rating > 2\n" + C + "x -> y",
        2,
        8,
        "'x' is already defined on line 1",
    ),
]


def gramtui(root: Path, *argv: str) -> int:
    """`gramtui --data-dir ROOT/data --config ROOT/config.toml ARGV` with the rules commands."""
    parser = argparse.ArgumentParser(prog="gramtui")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--config")
    rules_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["--data-dir", str(root / "data"), "--config", str(root / "config.toml"), *argv]
    )
    return int(args.func(args) or 0)


@pytest.fixture(scope="module")
def cli_root(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rules-cli")
    place_sample(sample_db, root / "data")
    (root / "config.toml").write_text("[automation]\nmoves = true\n")
    return root


@pytest.fixture
def root(cli_root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv("DISCOGS_TOKEN", raising=False)
    monkeypatch.delenv("GRAMTUI_DISCOGS_URL", raising=False)
    yield cli_root


def _untouched(root: Path) -> tuple[int, int, int]:
    open_database(root / "data" / "gramtui.sqlite3")
    try:
        return (
            RuleTextRow.select().count(),
            Task.select().where(Task.kind == "move.folder").count(),
            ClassificationRow.select().count(),
        )
    finally:
        close_database()


@pytest.mark.parametrize(
    ("text", "line", "column", "message"), MALFORMED, ids=[str(i) for i in range(len(MALFORMED))]
)
def test_malformed_rules_give_one_precise_message_and_change_nothing(
    root: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, column: int, message: str
) -> None:
    source = root / "bad.rules"
    source.write_text(text, encoding="utf-8")

    assert gramtui(root, "rules", "check", str(source)) == 1
    out, err = capsys.readouterr()
    first = out.splitlines()[0]
    assert first.startswith(f"{source}:{line}:{column}: error: ")
    assert message in first
    assert "nothing was saved or changed" in err

    assert gramtui(root, "rules", "import", str(source)) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == first
    assert _untouched(root) == (0, 0, 0)


def test_malformed_list_is_long_and_varied() -> None:
    assert len(MALFORMED) >= 30
    assert len({(line, column, message) for _, line, column, message in MALFORMED}) == len(
        MALFORMED
    )


def test_check_json_and_the_create_folder_hint(root: Path, capsys) -> None:
    source = root / "seed.rules"
    source.write_text(SEED)
    assert gramtui(root, "rules", "check", str(source), "--json") == 1
    out = json.loads(capsys.readouterr().out)
    assert out["valid"] is False
    assert out["diagnostics"] == [
        {
            "line": 11,
            "column": 29,
            "severity": "error",
            "message": "there is no folder '12 Inch Cleaning Pile'; create it on Discogs or pick an "
            "existing folder",
            "create_folder": "12 Inch Cleaning Pile",
        }
    ]
    assert gramtui(root, "rules", "check", str(source)) == 1
    assert "--create-folders` creates it" in capsys.readouterr().out


def test_import_export_classify_dry_run_and_size(
    tmp_path: Path,
    sample_db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("DISCOGS_TOKEN", raising=False)
    place_sample(sample_db, tmp_path / "data")
    (tmp_path / "config.toml").write_text("[automation]\nmoves = false\n")
    text = SEED.replace("12 Inch Cleaning Pile", "Cleaning Pile")
    source = tmp_path / "mine.rules"
    source.write_text(text)

    assert gramtui(tmp_path, "rules", "dry-run", str(source), "--json") == 0
    run = json.loads(capsys.readouterr().out)
    assert run["valid"] and run["automation"] is False and run["records"] == 400
    assert run["classifications"] == [
        {"classification": "to_be_cleaned", "records": 304},
        {"classification": None, "records": 96},
    ]
    assert len(run["changes"]) == 304
    moves = run["moves"]
    assert moves and {m["to_folder"] for m in moves} == {"Cleaning Pile"}
    assert {m["move"] for m in moves} == {"automation"}
    assert _untouched(tmp_path) == (0, 0, 0)

    assert gramtui(tmp_path, "rules", "import", str(source)) == 0
    out = capsys.readouterr().out
    assert "saved the rules as version 1." in out
    assert "classified 400 records: 304 changed, 0 moves queued." in out
    assert f"{len(moves)} moves held: automation.moves is off" in out
    assert _untouched(tmp_path) == (1, 0, 400)

    assert gramtui(tmp_path, "rules", "export") == 0
    assert capsys.readouterr().out == text

    assert gramtui(tmp_path, "classify", "--json") == 0
    classified = json.loads(capsys.readouterr().out)
    assert len(classified) == 400
    assert set(classified[0]) == {
        "instance_id",
        "classification",
        "format_class",
        "target_folder",
        "folder",
    }
    moving = {
        c["instance_id"]
        for c in classified
        if c["target_folder"] == "Cleaning Pile" and c["folder"] != "Cleaning Pile"
    }
    assert moving == {m["instance_id"] for m in moves}

    instance = classified[0]["instance_id"]
    assert gramtui(tmp_path, "rules", "explain", str(instance)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"record {instance}: ") and lines[1].startswith("format tokens:")
    assert gramtui(tmp_path, "rules", "explain", "1") == 1
    assert "no record with instance id 1" in capsys.readouterr().err

    assert gramtui(tmp_path, "size", str(instance), "oversized") == 0
    assert capsys.readouterr().out == f"record {instance} is oversized.\n"
    open_database(tmp_path / "data" / "gramtui.sqlite3")
    assert InstanceRow.get_by_id(instance).size == "oversized"
    close_database()
    assert gramtui(tmp_path, "size", "1", "regular") == 1
    assert "no record with instance id 1" in capsys.readouterr().err


def test_check_reports_blocked_rules(
    tmp_path: Path, sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    place_sample(sample_db, tmp_path / "data")
    source = tmp_path / "r.rules"
    source.write_text(C + "Cleaned unset -> dirty\n\n" + M + "dirty -> Cleaning Pile\n")
    open_database(tmp_path / "data" / "gramtui.sqlite3")
    store.block_rule(
        store.BlockedRule(
            rule_hash("dirty -> Cleaning Pile"),
            4,
            "dirty -> Cleaning Pile",
            "record 7 would move a 4th time within a day",
            datetime(2026, 5, 1, 9, tzinfo=UTC),
        )
    )
    close_database()

    assert gramtui(tmp_path, "rules", "check", str(source)) == 0
    out = capsys.readouterr().out
    assert (
        f"{source}:5:1: blocked since 2026-05-01 09:00 UTC: `dirty -> Cleaning Pile`: "
        "record 7 would move a 4th time within a day; `gramtui rules unblock 5` lifts it"
    ) in out
    assert f"{source}: the rules are valid." in out
    assert gramtui(tmp_path, "rules", "check", str(source), "--json") == 0
    assert json.loads(capsys.readouterr().out)["blocked"][0]["line"] == 5


def test_import_creates_missing_folders_when_asked(
    tmp_path: Path,
    sample_db: Path,
    sandbox_server,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = sandbox_server(window_seconds=0.25)
    monkeypatch.setenv("DISCOGS_TOKEN", "sandbox-token")
    place_sample(sample_db, tmp_path / "data")
    (tmp_path / "config.toml").write_text(f'[discogs]\nurl = "{server.url}"\n')
    source = tmp_path / "seed.rules"
    source.write_text(SEED)

    assert gramtui(tmp_path, "rules", "import", str(source)) == 1
    assert "nothing was saved" in capsys.readouterr().err
    assert gramtui(tmp_path, "rules", "import", str(source), "--create-folders") == 0
    out = capsys.readouterr().out
    assert "created the Discogs folder '12 Inch Cleaning Pile'" in out
    assert "saved the rules as version 1." in out
    names = [f.name for f in server.sandbox.state.folder_list()]
    assert names.count("12 Inch Cleaning Pile") == 1
    assert _untouched(tmp_path)[0] == 1
