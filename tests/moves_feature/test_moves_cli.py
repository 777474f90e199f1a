"""`gramtui moves`, `moves done`, `print` and `print --test` on a data directory in tmp_path."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from escpos_decode import decode
from moves_helpers import define, numbered, organisation_toml, session_at, store
from socket_printer import SocketPrinter

from gramtui.commands import moves_cmd


def gramtui(tmp_path: Path, *argv: str) -> int:
    """Runs `gramtui --data-dir D --config C ARGV` with only the moves commands registered."""
    parser = argparse.ArgumentParser(prog="gramtui")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--config")
    moves_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        ["--data-dir", str(tmp_path / "data"), "--config", str(tmp_path / "config.toml"), *argv]
    )
    return int(args.func(args) or 0)


@pytest.fixture
def shelves(tmp_path: Path) -> Path:
    """Four records on shelves of three, accepted; then record 0 arrives at the front."""
    session = session_at(tmp_path)
    store(numbered(range(1, 5)))
    define(organisation_toml(per_unit=3, units=4))
    session.close()
    assert gramtui(tmp_path, "moves", "done", "Main") == 0
    session = session_at(tmp_path)
    store(numbered([0]))
    session.close()
    return tmp_path


def printer_file(tmp_path: Path) -> Path:
    path = tmp_path / "slips.bin"
    (tmp_path / "config.toml").write_text(f'[printer]\nkind = "file"\npath = "{path}"\n')
    return path


def test_moves_json_lists_each_move_with_from_and_to(shelves: Path, capsys) -> None:
    capsys.readouterr()
    assert gramtui(shelves, "moves", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert [(m["action"], m["instance_id"]) for m in out] == [("add", 0), ("move", 3)]
    add, move = out
    assert add["from"] is None
    assert add["to"] == {
        "organisation": "Main",
        "space": "Kallax",
        "unit": 1,
        "position": 1,
        "area": "shelf",
        "before": [],
        "after": [1, 2],
    }
    assert move["from"] == {
        "organisation": "Main",
        "space": "Kallax",
        "unit": 1,
        "position": 3,
        "area": "shelf",
        "before": [1, 2],
        "after": [],
    }
    assert (move["to"]["unit"], move["to"]["position"], move["to"]["after"]) == (2, 1, [4])
    assert (move["artist"], move["title"], move["state"]) == (
        "Artist 0003",
        "Title 0003",
        "pending",
    )


def test_moves_reads_as_text(shelves: Path, capsys) -> None:
    capsys.readouterr()
    assert gramtui(shelves, "moves", "Main") == 0
    out = capsys.readouterr().out
    assert "Main: 2 moves, 0 printed or done." in out
    assert "MOVE   Artist 0003 — Title 0003" in out
    assert "Kallax unit 1 #3 -> Kallax unit 2 #1  [pending]" in out


def test_print_sends_the_slips_with_progress_and_accepts(shelves: Path, capsys) -> None:
    path = printer_file(shelves)
    capsys.readouterr()
    assert gramtui(shelves, "print") == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "printed 2/2",  # piped: one progress line, the final count
        "Main: every move printed; the new layout is the one on the shelves.",
    ]
    assert [p.lines[1] for p in decode(path.read_bytes())] == ["ADD 1/2", "MOVE 2/2"]
    assert gramtui(shelves, "moves") == 0
    assert "nothing to move" in capsys.readouterr().out
    assert gramtui(shelves, "print") == 0
    assert capsys.readouterr().out == "Nothing to print.\n"


def test_print_with_the_printer_off_fails_in_one_sentence_and_keeps_the_slips(
    shelves: Path, capsys
) -> None:
    with SocketPrinter() as off:
        (shelves / "config.toml").write_text(
            f'[printer]\nkind = "network"\nhost = "127.0.0.1"\nport = {off.port}\n'
        )
        capsys.readouterr()
        assert gramtui(shelves, "print", "Main") == 1
    captured = capsys.readouterr()
    assert (
        captured.err == f"gramtui: The printer at 127.0.0.1:{off.port} did not answer: is it on?\n"
    )
    assert "2 slips stay pending" in captured.out
    assert gramtui(shelves, "moves", "--json") == 0
    assert {m["state"] for m in json.loads(capsys.readouterr().out)} == {"pending"}


def test_print_test_sends_a_test_slip(tmp_path: Path, capsys) -> None:
    path = printer_file(tmp_path)
    assert gramtui(tmp_path, "print", "--test") == 0
    assert capsys.readouterr().out == f"Test slip sent to the printer file {path}.\n"
    [slip] = decode(path.read_bytes())
    assert "TEST PRINT" in slip.text


def test_moves_done_accepts_without_printing(shelves: Path, capsys) -> None:
    capsys.readouterr()
    assert gramtui(shelves, "moves", "done") == 0
    assert capsys.readouterr().out == (
        "Main: 2 moves marked done; the new layout is the one on the shelves.\n"
    )
    assert gramtui(shelves, "moves", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_no_organisation_is_one_sentence(tmp_path: Path, capsys) -> None:
    assert gramtui(tmp_path, "moves") == 1
    assert capsys.readouterr().err == (
        "gramtui: There is no organisation yet: import one with `gramtui org import FILE`.\n"
    )
    assert gramtui(tmp_path, "print", "Nowhere") == 1
    assert "There is no organisation called 'Nowhere'" in capsys.readouterr().err
