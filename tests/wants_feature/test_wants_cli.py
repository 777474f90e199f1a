"""`gramtui wants`, `wants import`, `wants export` and `wants pass`, on a data directory in tmp_path."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from gramtui.commands import wants_cmd
from gramtui.store.models import WantRow
from gramtui.store.schema import close_database, open_database

FILE = """\
# two lists
list "Jazz essentials" mode=one_by_one
  release 249504
  master 4242 format=Vinyl
  release 77 state=done
list "Spring digging" mode=spread from=2026-03-01 to=2026-05-31 paused
  release 1234567
"""


def _gramtui(tmp_path: Path, *argv: str) -> int:
    """Runs `gramtui --data-dir D --config C ARGV` with only the wants command registered."""
    parser = argparse.ArgumentParser(prog="gramtui")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--config")
    wants_cmd.register(parser.add_subparsers(dest="command"))
    config = tmp_path / "config.toml"
    if not config.exists():
        config.write_text("[automation]\nwants = false\n[wants]\ncap = 10\n")
    args = parser.parse_args(["--data-dir", str(tmp_path / "data"), "--config", str(config), *argv])
    return int(args.func(args) or 0)


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    source = tmp_path / "wants.txt"
    source.write_text(FILE)
    assert _gramtui(tmp_path, "wants", "import", str(source)) == 0
    assert capsys.readouterr().out == "imported 2 want lists with 4 entries.\n"
    return tmp_path


def test_wants_json_lists_entries_and_unmanaged(imported: Path, capsys) -> None:
    open_database(imported / "data" / "gramtui.sqlite3")
    WantRow.create(release_id=31337, artist="Someone", title="Mine alone")
    close_database()

    assert _gramtui(imported, "wants", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    jazz, spring = out["lists"]
    assert (jazz["name"], jazz["mode"], jazz["paused"]) == ("Jazz essentials", "one_by_one", False)
    assert [
        (e["position"], e["release_id"], e["master_id"], e["state"]) for e in jazz["entries"]
    ] == [
        (1, 249504, None, "pending"),
        (2, None, 4242, "pending"),
        (3, 77, None, "done"),
    ]
    assert jazz["entries"][1]["format_filter"] == "Vinyl"
    assert (spring["mode"], spring["paused"], spring["spread_start"]) == (
        "spread",
        True,
        "2026-03-01",
    )
    assert out["unmanaged"] == [
        {"release_id": 31337, "artist": "Someone", "title": "Mine alone", "date_added": None}
    ]
    assert (out["automation"], out["cap"], out["live_now"]) == (False, 10, [249504])


def test_export_reads_back_as_the_same_lists(imported: Path, capsys) -> None:
    assert _gramtui(imported, "wants", "export") == 0
    exported = capsys.readouterr().out
    assert 'list "Spring digging" mode=spread from=2026-03-01 to=2026-05-31 paused' in exported
    assert "  master 4242 format=Vinyl" in exported and "  release 77 state=done" in exported
    again = imported / "again.txt"
    again.write_text(exported)
    assert _gramtui(imported, "wants", "import", str(again)) == 1
    assert "exist already" in capsys.readouterr().err
    assert _gramtui(imported, "wants", "import", "--replace", str(again)) == 0
    capsys.readouterr()
    assert _gramtui(imported, "wants", "export") == 0
    assert capsys.readouterr().out == exported


def test_a_bad_file_names_its_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text('list "A"\n  release abc\n')
    assert _gramtui(tmp_path, "wants", "import", str(bad)) == 1
    assert "line 2: a release needs a positive numeric id" in capsys.readouterr().err


def test_pass_with_automation_off_says_what_it_would_do(imported: Path, capsys) -> None:
    assert _gramtui(imported, "wants", "pass", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["automation"] is False
    assert (out["add"], out["remove"], out["queued"]) == ([249504], [], [])
    assert _gramtui(imported, "wants", "pass") == 0
    assert capsys.readouterr().out.startswith("would (automation is off): add 1, remove 0")
