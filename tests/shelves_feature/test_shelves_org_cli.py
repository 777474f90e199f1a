"""`gramtui org import / export / list` on a copy of the synced sample: a round trip, and
invalid definitions refused with a message naming the problem and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shelves_helpers import SAMPLE_TOML

from gramtui import cli


@pytest.fixture
def run(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """run(*argv) -> (exit code, stdout, stderr), with the shelves commands wired in."""
    monkeypatch.delenv("GRAMTUI_DISCOGS_URL", raising=False)

    def call(*argv: str) -> tuple[int, str, str]:
        code = cli.main(
            ["--data-dir", str(data_dir), "--config", str(data_dir.parent / "config.toml"), *argv]
        )
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def _write(tmp_path: Path, text: str, name: str = "orgs.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_export_round_trip(run, tmp_path: Path) -> None:
    code, out, err = run("org", "import", _write(tmp_path, SAMPLE_TOML))
    assert (code, err) == (0, "")
    assert "Imported 2 organisations: Main Shelves, Small Formats." in out
    code, exported, _ = run("org", "export")
    assert code == 0
    assert exported.count("[[organisation]]") == 2 and 'folder = "Boxsets"' in exported
    # Importing the export gives the same export: nothing is lost or reordered on the way.
    code, _, _ = run("org", "import", _write(tmp_path, exported, "again.toml"))
    assert code == 0
    assert run("org", "export")[1] == exported
    code, out, _ = run("org", "list", "--json")
    listed = json.loads(out)
    assert [o["name"] for o in listed] == ["Main Shelves", "Small Formats"]
    assert listed[0]["spaces"] == [
        {"name": "Kallax", "units": 4, "width": 8.0},
        {"name": "Crate", "units": 1, "width": 5.0},
    ]
    assert listed[1]["sources"][1] == {"folder": "CDs", "sort": "artist", "order": 1}


def test_export_to_a_file_and_list_as_text(run, tmp_path: Path) -> None:
    run("org", "import", _write(tmp_path, SAMPLE_TOML))
    target = tmp_path / "out.toml"
    assert run("org", "export", "--output", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == run("org", "export")[1]
    code, out, _ = run("org", "list")
    assert code == 0 and "space  Kallax: 4 × 8" in out and "source 12s (sort label" in out


def test_list_without_organisations_says_how_to_define_one(run) -> None:
    code, out, _ = run("org", "list")
    assert code == 0 and "gramtui org import FILE.toml" in out


def _one(
    extra_source: str = "",
    space: str = 'name = "Kallax"\nunits = 2\nwidth = 30.0',
    name: str = "Main",
    folder: str = "12s",
) -> str:
    return (
        f'[[organisation]]\nname = "{name}"\n[[organisation.source]]\nfolder = "{folder}"\n'
        f"{extra_source}[[organisation.space]]\n{space}\n"
    )


INVALID = {
    "unknown folder": (_one(folder="Jazz Crates"), 'unknown folder "Jazz Crates"'),
    "folder claimed twice": (
        _one() + _one(name="Second", folder="12s"),
        'folder "12s" already belongs to organisation "Main"',
    ),
    "space without units": (
        _one(space='name = "Kallax"\nunits = 0\nwidth = 30.0'),
        'space "Kallax" has 0 units',
    ),
    "negative width": (
        _one(space='name = "Kallax"\nunits = 2\nwidth = -3.0'),
        'space "Kallax" has width -3.0',
    ),
    "duplicate name": (_one() + _one(folder="CDs"), 'Two organisations are named "Main"'),
    "not TOML": ("[[organisation]\nname = ", "not valid TOML"),
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_definitions_are_refused_and_change_nothing(run, tmp_path: Path, case: str) -> None:
    run("org", "import", _write(tmp_path, SAMPLE_TOML))
    before = run("org", "export")[1]
    text, message = INVALID[case]
    code, out, err = run("org", "import", _write(tmp_path, text, "bad.toml"))
    assert code != 0 and out == ""
    assert message in err and "Nothing was changed." in err
    assert err.count("\n") == 1  # one sentence, no traceback
    assert run("org", "export")[1] == before


def test_import_of_a_missing_file_says_so(run, tmp_path: Path) -> None:
    code, _, err = run("org", "import", str(tmp_path / "nope.toml"))
    assert code != 0 and "cannot read" in err and "nope.toml" in err


SIZES = {
    "a billion units": (
        _one(space='name = "Kallax"\nunits = 1000000000\nwidth = 30.0'),
        "has 1,000,000,000 units; give it at most 1,000 (MAX_UNITS_PER_SPACE)",
    ),
    "a unit 1 km wide": (
        _one(space='name = "Kallax"\nunits = 2\nwidth = 100000.0'),
        "give at most 10,000 (MAX_UNIT_WIDTH) per unit",
    ),
    "too many units in all": (
        _one(
            space="\n[[organisation.space]]\n".join(
                f'name = "Wall {n}"\nunits = 1000\nwidth = 30.0' for n in range(11)
            )
        ),
        "has 11,000 units in all; at most 10,000 (MAX_UNITS)",
    ),
    "too many spaces": (
        _one(
            space="\n[[organisation.space]]\n".join(
                f'name = "Box {n}"\nunits = 1\nwidth = 30.0' for n in range(101)
            )
        ),
        "has 101 spaces; at most 100 (MAX_SPACES)",
    ),
}


@pytest.mark.parametrize("case", list(SIZES))
def test_sizes_beyond_the_named_limits_are_refused(run, tmp_path: Path, case: str) -> None:
    run("org", "import", _write(tmp_path, SAMPLE_TOML))
    before = run("org", "export")[1]
    text, message = SIZES[case]
    code, out, err = run("org", "import", _write(tmp_path, text, "big.toml"))
    assert code != 0 and message in err and err.count("\n") == 1
    assert run("org", "export")[1] == before


def test_import_adds_and_updates_by_name_and_keeps_the_others(run, tmp_path: Path) -> None:
    # Issue 13 item 1: an import used to delete every organisation not in the file.
    run("org", "import", _write(tmp_path, SAMPLE_TOML))
    code, out, err = run(
        "org", "import", _write(tmp_path, _one(name="Singles", folder="10s"), "a.toml")
    )
    assert (code, err) == (0, "")
    assert "Added: Singles." in out and "Removed" not in out
    names = [o["name"] for o in json.loads(run("org", "list", "--json")[1])]
    assert names == ["Main Shelves", "Small Formats", "Singles"]
    # The same name again updates that one in its place.
    updated = _one(
        name="Main Shelves", folder="12s", space='name = "Wall"\nunits = 3\nwidth = 30.0'
    )
    code, out, _ = run("org", "import", _write(tmp_path, updated, "b.toml"))
    assert code == 0 and "Updated: Main Shelves." in out
    listed = json.loads(run("org", "list", "--json")[1])
    assert [o["name"] for o in listed] == ["Main Shelves", "Small Formats", "Singles"]
    assert listed[0]["spaces"] == [{"name": "Wall", "units": 3, "width": 30.0}]


def test_import_replace_keeps_only_the_file_and_says_what_it_removed(run, tmp_path: Path) -> None:
    run("org", "import", _write(tmp_path, SAMPLE_TOML))
    code, out, err = run(
        "org", "import", "--replace", _write(tmp_path, _one(name="Singles", folder="10s"), "a.toml")
    )
    assert (code, err) == (0, "")
    assert "Removed (--replace): Main Shelves, Small Formats." in out
    assert [o["name"] for o in json.loads(run("org", "list", "--json")[1])] == ["Singles"]
