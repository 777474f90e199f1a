"""`gramtui layout ORG`, `gramtui locate QUERY`, `gramtui width INSTANCE CM|auto` on a copy of the
synced sample."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from shelves_helpers import SAMPLE_TOML

from gramtui import cli
from gramtui.domain.records import Folder
from gramtui.engine.setup import open_session
from gramtui.settings.paths import Paths
from gramtui.store import collection
from gramtui.store.schema import close_database


@pytest.fixture
def run(
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
):

    def call(*argv: str) -> tuple[int, str, str]:
        code = cli.main(
            ["--data-dir", str(data_dir), "--config", str(data_dir.parent / "config.toml"), *argv]
        )
        out = capsys.readouterr()
        return code, out.out, out.err

    path = tmp_path / "orgs.toml"
    path.write_text(SAMPLE_TOML, encoding="utf-8")
    assert call("org", "import", str(path))[0] == 0
    return call


def _folders_and_instances(data_dir: Path) -> tuple[list[Folder], Counter[int]]:
    """Read the stored collection directly, to check the command against it."""
    session = open_session(
        Paths(data_dir, data_dir.parent / "config.toml"),
        token="t",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
    )
    try:
        folders = collection.folders()
        return folders, Counter(r.folder_id for r in collection.load_records())
    finally:
        session.close()
        close_database()


def test_layout_json_lists_every_source_instance_once_in_shelf_order(run, data_dir: Path) -> None:
    code, out, err = run("layout", "Main Shelves", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    for row in rows:
        assert {"instance_id", "space", "unit", "position", "index", "width", "area"} <= set(row)
        assert row["area"] in ("shelf", "oversized", "spill")
    assert [r["index"] for r in rows] == list(range(1, len(rows) + 1))
    folders, per_folder = _folders_and_instances(data_dir)
    ids = {f.name: f.id for f in folders}
    expected = per_folder[ids["12s"]] + per_folder[ids["Boxsets"]]
    counts = Counter(r["instance_id"] for r in rows)
    assert len(counts) == expected == len(rows) and set(counts.values()) == {1}
    # Positions restart at 1 in each unit and area and count up without gaps.
    slots: dict[tuple[str, str, int], list[int]] = {}
    for r in rows:
        slots.setdefault((r["area"], r["space"], r["unit"]), []).append(r["position"])
    for positions in slots.values():
        assert positions == list(range(1, len(positions) + 1))
    # Units 8 cm wide hold at most 8 cm; the sample's 106 + 10 records do not all fit.
    used = Counter()
    for r in rows:
        if r["area"] == "shelf":
            used[(r["space"], r["unit"])] += r["width"]
    assert all(w <= {"Kallax": 8.0, "Crate": 5.0}[space] + 1e-9 for (space, _), w in used.items())
    assert any(r["area"] == "spill" for r in rows)
    ac_dc = next(r for r in rows if r["artist"] == "AC/DC [/live]")
    assert ac_dc["title"] == "If You Want Blood [red]" and ac_dc["catno"] == "SD 19212"


def test_layout_is_the_same_every_time(run) -> None:
    assert (
        run("layout", "Small Formats", "--json")[1] == run("layout", "Small Formats", "--json")[1]
    )


def test_layout_text_prints_units_with_their_fill(run) -> None:
    code, out, _ = run("layout", "Main Shelves")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Main Shelves: ")
    assert lines[1].startswith("Kallax 1") and "/8 cm ·" in lines[1] and "█" in lines[1]
    assert any(line.startswith("Crate 1") for line in lines)
    assert lines[-2].startswith("Oversized area: ") and lines[-1].startswith("Spill area: ")
    code, out, _ = run("layout", "Main Shelves", "--records")
    assert "AC/DC [/live] — If You Want Blood [red]  [Atlantic SD 19212]" in out


def test_layout_of_an_unknown_organisation_fails_with_the_names(run) -> None:
    code, out, err = run("layout", "Nope", "--json")
    assert code != 0 and out == ""
    assert "no organisation called 'Nope'" in err and "Main Shelves, Small Formats" in err


def test_locate_prints_organisation_place_and_neighbours(run) -> None:
    code, out, err = run("locate", "if you want blood")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Main Shelves · Kallax, unit ")
    assert "AC/DC [/live] — If You Want Blood [red]  [Atlantic SD 19212]" in lines[1]
    assert lines[2].startswith("  left of: Emerald Web")  # first in its unit: nothing on its left
    code, out, _ = run("locate", "--json", "SD 19212")
    (found,) = json.loads(out)
    assert found["organisation"] == "Main Shelves" and found["area"] == "shelf"
    assert found["position"] >= 1 and len(found["before"]) + len(found["after"]) >= 1
    # The layout says the same.
    layout = json.loads(run("layout", "Main Shelves", "--json")[1])
    row = next(r for r in layout if r["instance_id"] == found["instance_id"])
    assert (row["space"], row["unit"], row["position"]) == (
        found["space"],
        found["unit"],
        found["position"],
    )
    if found["before"]:
        assert layout[row["index"] - 2]["instance_id"] == found["before"][-1]["instance_id"]


def test_locate_finds_catalogue_numbers_whatever_their_punctuation(run) -> None:
    code, out, _ = run("locate", "--json", "BAF7001")
    assert code == 0
    assert [(f["artist"], f["title"], f["catno"]) for f in json.loads(out)] == [
        ("King Tubby", "[dub] mix", "BAF 7-001")
    ]


def test_locate_without_a_match_fails(run) -> None:
    code, out, err = run("locate", "zzzz no such record")
    assert code == 1 and out == "" and "no record in any organisation matches" in err


def test_width_changes_the_layout_and_auto_restores_it(run) -> None:
    before = json.loads(run("layout", "Main Shelves", "--json")[1])
    first = before[0]
    code, out, _ = run("width", str(first["instance_id"]), "9")  # wider than any 8 cm unit
    assert code == 0 and "width 9 cm" in out
    after = {r["instance_id"]: r for r in json.loads(run("layout", "Main Shelves", "--json")[1])}
    assert after[first["instance_id"]]["area"] == "oversized"
    assert after[first["instance_id"]]["width"] == 9.0
    code, out, _ = run("width", str(first["instance_id"]), "auto")
    assert code == 0 and "auto" in out
    assert json.loads(run("layout", "Main Shelves", "--json")[1]) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("1", "0.8"), "no instance 1"),
        (("{id}", "thick"), "not a width"),
        (("{id}", "-2"), "more than 0 and at most 1000 cm, not -2"),
        # issue 13 item 6: "must be between 0 and 1000 cm, not 0" refused a number in its range
        (("{id}", "0"), "more than 0 and at most 1000 cm, not 0"),
    ],
)
def test_width_refuses_what_it_cannot_set(run, args: tuple[str, str], message: str) -> None:
    first = json.loads(run("layout", "Main Shelves", "--json")[1])[0]
    code, _, err = run("width", *(a.format(id=first["instance_id"]) for a in args))
    assert code != 0 and message in err
