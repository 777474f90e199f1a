"""The corpus of bad inputs (issue 18): each row runs the real `gramtui` command (its `main`, in
this process: the same exit code and output as `python -m gramtui`, without starting Python again)
against a copy of a synced data directory and requires one clear sentence, an exit code that is
neither 0 nor 3 ("unexpected error"), no traceback, no token shown, and the store unchanged.

A new setting or input format gets a row here: the input files, the command, the exit code and a
piece of the sentence that names the file, line and key (or value) and what would be accepted.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers.cli import gramtui, gramtui_in_process

from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve

TOKEN = "sandbox-token"


@dataclass(frozen=True)
class Row:
    """One bad input: files to write (name -> text or bytes, `config.toml` is the config), the
    command, and what must come out."""

    files: dict[str, str | bytes]
    command: tuple[str, ...]
    exit_code: int
    says: str
    env: dict[str, str] = field(default_factory=dict)


def _config(text: str) -> dict[str, str | bytes]:
    return {"config.toml": text}


def _defines(depth: int) -> str:
    lines = ["define d0 = rating > 3", *(f"define d{i} = d{i - 1}" for i in range(1, depth))]
    return "\n".join([*lines, "[classification]", f"d{depth - 1} -> keeper"]) + "\n"


ORG_BILLION_UNITS = """\
[[organisation]]
name = "Main"
[[organisation.source]]
folder = "12s"
[[organisation.space]]
name = "Kallax"
units = 1000000000
width = 33.0
"""

CORPUS: dict[str, Row] = {
    # -- config values out of range ("C" is the config file's path) --
    "headroom negative": Row(
        _config("[discogs]\nheadroom = -1\n"),
        ("records",),
        2,
        "config.toml, line 2: discogs.headroom must be from 0 to 50",
    ),
    "hold_days 10**30": Row(
        _config(f"[sales]\nhold_days = {10**30}\n"),
        ("records",),
        2,
        "config.toml, line 2: sales.hold_days must be from 0 to 3,650 days",
    ),
    "floor 1e30": Row(
        _config('[sales]\nfloor = "1e30"\n'),
        ("sales", "plan"),
        2,
        "line 2: sales.floor = '1e30' is not a plain decimal number",
    ),
    "floor NaN": Row(
        _config('[sales]\n\nfloor = "NaN"\n'),
        ("sales", "plan"),
        2,
        "line 3: sales.floor = 'NaN' is not a plain decimal number",
    ),
    "floor Infinity": Row(
        _config('[sales]\nfloor = "Infinity"\n'),
        ("sales", "plan"),
        2,
        "sales.floor = 'Infinity' is not a plain decimal number; write a number "
        "from 0 to 1,000,000",
    ),
    "market_max_age_days huge": Row(
        _config("[sync]\nmarket_max_age_days = 1000000000000\n"),
        ("sync",),
        2,
        "line 2: sync.market_max_age_days must be from 1 to 3,650 days",
    ),
    "per_disc negative": Row(
        _config("[widths]\nper_disc = { lp = -1.0 }\n"),
        ("layout", "Main"),
        2,
        "line 2: widths.per_disc.lp must be from 0.01 to 20.0 cm, not -1.0",
    ),
    "printer port": Row(
        _config("[printer]\nport = 70000\n"),
        ("records",),
        2,
        "printer.port must be from 1 to 65,535",
    ),
    "config nested 5,000 deep": Row(
        _config("[ui]\ntheme = " + "[" * 5000 + "]" * 5000 + "\n"),
        ("records",),
        2,
        "config.toml: arrays or tables nested too deeply",
    ),
    # -- rule files --
    "defines 5,000 deep": Row(
        {"deep.rules": _defines(5000)},
        ("rules", "import", "deep.rules"),
        1,
        "deep.rules:51:8: error: 'd50' stands on a chain of 51 defines; at most 50",
    ),
    "rules binary": Row(
        {"bin.rules": b"\x89PNG\r\n\x1a\n\x00\xff"},
        ("rules", "check", "bin.rules"),
        2,
        "bin.rules is not a text file (UTF-8 expected",
    ),
    # -- organisations --
    "10**9 units": Row(
        {"org.toml": ORG_BILLION_UNITS},
        ("org", "import", "org.toml"),
        1,
        'space "Kallax" has 1,000,000,000 units; give it at most 1,000 (MAX_UNITS_PER_SPACE)',
    ),
    "org nested 3,000 deep": Row(
        {"org.toml": "x = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n"},
        ("org", "import", "org.toml"),
        1,
        "org.toml: The file nests arrays or tables too deeply to read",
    ),
    # -- want lists --
    "want list binary": Row(
        {"wants.bin": bytes(range(256)) * 4},
        ("wants", "import", "wants.bin"),
        1,
        "wants.bin is not a text file (UTF-8 expected",
    ),
    "want list with NUL": Row(
        {"wants.txt": 'list "A"\n  release 1\x00\n'},
        ("wants", "import", "wants.txt"),
        1,
        "wants.txt is not a text file (UTF-8 expected; it holds NUL bytes)",
    ),
    "want id beyond 2**63": Row(
        {"wants.txt": f'list "A"\n  release {2**64}\n'},
        ("wants", "import", "wants.txt"),
        1,
        "wants.txt: line 2: a release needs a positive numeric id after it, "
        f"got '{2**64}'; an id is a positive number, at most 2^63-1",
    ),
    "instance id beyond 2**63": Row(
        {},
        ("size", str(2**64), "regular"),
        2,
        "is out of range; an id is a positive number, at most 2^63-1",
    ),
    # -- tokens (never shown) --
    "token with a newline": Row(
        {},
        ("sync",),
        2,
        "The Discogs token in DISCOGS_TOKEN holds a line break",
        env={"DISCOGS_TOKEN": "abcdSECRETline1\nSECRETline2efgh"},
    ),
    "token not ASCII": Row(
        {},
        ("sync",),
        2,
        "holds a character that is not plain ASCII (character 5)",
        env={"DISCOGS_TOKEN": "abcdéSECRETline1"},
    ),
    "token file with a control character": Row(
        {"data/token": "abc\x01SECRETline1\n"},
        ("sync",),
        2,
        "holds a control character (character 4)",
        env={"DISCOGS_TOKEN": ""},
    ),
}


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A data directory synced once from the sandbox by `gramtui sync`, and the sandbox's URL."""
    root = tmp_path_factory.mktemp("corpus")
    server = serve(
        Sandbox(build_state(instances=40), SandboxConfig(window_seconds=2.0)),
        host="127.0.0.1",
        port=0,
    )
    try:
        result = gramtui_in_process("sync", env=_env(root, server.url))
        assert result.returncode == 0, result.stderr
        yield root / "data", server.url
    finally:
        server.close()


def _env(root: Path, url: str) -> dict[str, str]:
    return {
        "GRAMTUI_DATA_DIR": str(root / "data"),
        "GRAMTUI_CONFIG": str(root / "config.toml"),
        "DISCOGS_TOKEN": TOKEN,
        "GRAMTUI_DISCOGS_URL": url,
    }


def _store(data: Path) -> list[str]:
    """The store's content, statement by statement, in order (a replaced row moves in a dump)."""
    con = sqlite3.connect(data / "gramtui.sqlite3")
    try:
        return sorted(con.iterdump())
    finally:
        con.close()


@pytest.mark.parametrize("name", list(CORPUS))
def test_bad_input_gets_one_sentence_and_changes_nothing(synced, tmp_path: Path, name: str) -> None:
    data, url = synced
    row = CORPUS[name]
    shutil.copytree(data, tmp_path / "data")
    for relative, content in row.files.items():
        target = tmp_path / relative
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    before = _store(tmp_path / "data")
    env = {**_env(tmp_path, url), **row.env}
    result = gramtui_in_process(*row.command, env=env, cwd=tmp_path)
    said = result.stdout + result.stderr
    assert result.returncode == row.exit_code, said
    assert row.says in said, (
        said
    )  # rule files: the diagnostic goes to stdout, the summary to stderr
    assert "unexpected error" not in said and "Traceback" not in said
    assert "SECRET" not in said  # the tokens of the token rows
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) <= 2, said  # one sentence (rule files: the diagnostic, then the summary)
    assert _store(tmp_path / "data") == before
    log = tmp_path / "data" / "logs" / "gramtui.log"
    assert not log.exists() or "SECRET" not in log.read_text(encoding="utf-8")


@pytest.fixture
def nested_json_server() -> Iterator[str]:
    """A loopback server whose every answer is a JSON array nested 100,000 deep."""
    import http.server
    import threading

    body = b"[" * 100_000 + b"]" * 100_000

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_deeply_nested_json_is_an_answer_of_the_wrong_shape(nested_json_server, tmp_path) -> None:
    # a subprocess: reading that answer must not exhaust a fresh interpreter's recursion limit
    result = gramtui("sync", env=_env(tmp_path, nested_json_server))
    said = result.stdout + result.stderr
    assert result.returncode not in (0, 3), said
    assert "GET /oauth/identity: the answer is JSON nested too deeply to read" in said
    assert "unexpected error" not in said and "Traceback" not in said
