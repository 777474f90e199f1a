"""Issue 13 item 9: the command line as a collector meets it — a closed pipe, names and statuses
typed in another case, files that end with a newline, one progress line for `print`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from helpers.cli import gramtui_in_process as gramtui  # the closed-pipe test starts a process

from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory synced once from the sample account, with the demo's organisations."""
    root = tmp_path_factory.mktemp("synced")
    sandbox = Sandbox(build_state(), SandboxConfig(rate_limit=100_000))
    with serve(sandbox) as server:
        env = _env(root, server.url)
        assert gramtui("sync", "--full", env=env).returncode == 0
        orgs = resources.files("gramtui.demo_seed").joinpath("organisations.toml")
        (root / "orgs.toml").write_text(orgs.read_text(encoding="utf-8"), encoding="utf-8")
        assert gramtui("org", "import", str(root / "orgs.toml"), env=env).returncode == 0
        yield root


def _env(root: Path, url: str = "http://127.0.0.1:9") -> dict[str, str]:
    return {
        "GRAMTUI_DATA_DIR": str(root / "data"),
        "GRAMTUI_CONFIG": str(root / "config.toml"),
        "DISCOGS_TOKEN": "sandbox-token",
        "GRAMTUI_DISCOGS_URL": url,
    }


@pytest.fixture
def env(synced: Path, tmp_path: Path) -> dict[str, str]:
    """A copy of the synced directory for one test (no server: these commands read the store)."""
    shutil.copytree(synced / "data", tmp_path / "data")
    return _env(tmp_path)


def test_a_reader_that_goes_away_ends_the_command_quietly(env) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gramtui", "records"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `| head -1` does once it has its line
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert stderr == ""


def test_listing_statuses_match_without_regard_to_case(env) -> None:
    exact = gramtui("listings", "--status", "Sold", env=env)
    lower = gramtui("listings", "--status", "sold", env=env)
    assert exact.returncode == lower.returncode == 0
    assert exact.stdout == lower.stdout
    assert "Sold" in lower.stdout and not lower.stdout.startswith("0 listings")
    none = gramtui("listings", "--status", "on the moon", env=env)
    assert "No listing is 'on the moon' (statuses: " in none.stdout and "For Sale" in none.stdout


def test_organisation_names_match_without_regard_to_case_and_suggest_the_closest(env) -> None:
    result = gramtui("layout", "living room", "--json", env=env)
    assert (result.returncode, result.stderr) == (0, "")
    assert '"space": "Kallax"' in result.stdout
    typo = gramtui("layout", "Livng Rom", env=env)
    assert typo.returncode != 0
    assert "did you mean 'Living Room'?" in typo.stderr


def test_rules_export_ends_with_a_newline(env, tmp_path: Path) -> None:
    rules = tmp_path / "rules.txt"
    rules.write_text("[classification]\nrating >= 4 -> keeper", encoding="utf-8")  # no newline
    assert gramtui("rules", "import", str(rules), env=env).returncode == 0
    exported = gramtui("rules", "export", env=env).stdout
    assert exported.endswith("keeper\n")


def test_print_shows_one_progress_line(env, tmp_path: Path) -> None:
    Path(env["GRAMTUI_CONFIG"]).write_text(
        f'[printer]\nkind = "file"\npath = "{tmp_path / "slips.bin"}"\n', encoding="utf-8"
    )
    result = gramtui("print", "singles crate", env=env)
    assert (result.returncode, result.stderr) == (0, "")
    progress = [line for line in result.stdout.splitlines() if line.startswith("printed ")]
    assert len(progress) == 1, result.stdout  # piped: the last count only, not one per slip
    done, total = progress[0].removeprefix("printed ").split("/")
    assert done == total and int(total) > 1
    assert "Singles Crate: every move printed" in result.stdout


# -- CSV export (issue 13, "Stop asking for ids": export as CSV beside --json) ----------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("command", "key"),
    [
        (("records",), "instance_id"),
        (("listings",), "listing_id"),
        (("layout", "Living Room"), "instance_id"),
    ],
)
def test_csv_holds_the_same_rows_as_json(env, command: tuple[str, ...], key: str) -> None:
    import json

    as_json = json.loads(gramtui(*command, "--json", env=env).stdout)
    as_csv = gramtui(*command, "--csv", env=env)
    assert as_csv.returncode == 0, as_csv.stderr
    rows = _csv_rows(as_csv.stdout)
    assert len(rows) == len(as_json) > 0
    assert [r[key] for r in rows] == [str(x[key]) for x in as_json]  # same order
    for row, obj in zip(rows, as_json, strict=True):
        title = obj["title"]
        quoted = "'" + title if title.startswith(("=", "+", "-", "@")) else title
        assert row["title"] == quoted  # text kept exactly (a formula start quoted)


def test_wants_csv_has_a_row_per_entry_in_list_order(env) -> None:
    import json

    shown = json.loads(gramtui("wants", "--json", env=env).stdout)
    rows = _csv_rows(gramtui("wants", "--csv", env=env).stdout)
    entries = [(w["name"], e["entry_id"]) for w in shown["lists"] for e in w["entries"]]
    managed = [(r["list"], r["entry_id"]) for r in rows if r["list"] != "(unmanaged)"]
    assert managed == entries
    assert len(rows) == len(entries) + len(shown["unmanaged"])


def test_json_and_csv_together_are_refused_with_a_sentence(env) -> None:
    both = gramtui("records", "--json", "--csv", env=env)
    assert both.returncode == 2
    assert "not allowed with" in both.stderr and "Traceback" not in both.stderr


def test_a_csv_cell_never_runs_as_a_formula() -> None:
    from gramtui.commands.csv_output import cell

    assert cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("-12.5") == "-12.5"  # a number stays a number
    assert cell([{"name": "Blue Note", "catno": "BST 84003"}, {"name": "Liberty"}]) == (
        "Blue Note BST 84003; Liberty"
    )
    assert cell({"Cleaned": "Yes", "Notes": ""}) == "Cleaned=Yes"
    assert cell(None) == "" and cell(True) == "yes"
