"""`gramtui search QUERY` (issue 13, Stop asking for ids): Discogs' database searched over loopback
against the sandbox, releases and masters, with one sentence for what cannot be asked."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gramtui import cli
from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with serve(Sandbox(build_state(), SandboxConfig(rate_limit=100_000))) as server:
        yield server.url


@pytest.fixture
def run(
    server_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Run:
    monkeypatch.setenv("DISCOGS_TOKEN", "sandbox-token")
    monkeypatch.setenv("GRAMTUI_DISCOGS_URL", server_url)
    base = ["--data-dir", str(tmp_path / "data"), "--config", str(tmp_path / "config.toml")]

    def call(*argv: str) -> tuple[int, str, str]:
        code = cli.main([*base, *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def test_words_find_the_releases_that_hold_all_of_them(run: Run) -> None:
    code, out, err = run("search", "fall", "witch", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits and all(h["kind"] == "release" for h in hits)
    for h in hits:
        assert "fall" in h["artist"].casefold() and "witch" in h["title"].casefold()
    assert {h["name"] for h in hits} == {f"r{h['release_id']}" for h in hits}


def test_masters_are_answered_once_each(run: Run) -> None:
    code, out, _ = run("search", "live at the witch trials", "--type", "master", "--json")
    assert code == 0
    hits = json.loads(out)
    ids = [h["master_id"] for h in hits]
    assert ids and len(ids) == len(set(ids))
    assert all(h["release_id"] == 0 and h["name"] == f"m{h['master_id']}" for h in hits)


def test_format_and_year_narrow_the_search(run: Run) -> None:
    _, everything, _ = run("search", "fall", "--json", "--limit", "100")
    _, vinyl, _ = run("search", "fall", "--format", "Vinyl", "--json", "--limit", "100")
    _, of_1988, _ = run("search", "fall", "--year", "1988", "--json", "--limit", "100")
    every, on_vinyl, in_1988 = json.loads(everything), json.loads(vinyl), json.loads(of_1988)
    assert 0 < len(on_vinyl) < len(every) and all("Vinyl" in h["formats"] for h in on_vinyl)
    assert 0 < len(in_1988) < len(every) and all(h["year"] == 1988 for h in in_1988)


def test_text_output_names_what_to_want_and_how(run: Run) -> None:
    code, out, _ = run("search", "fall", "bend", "sinister")
    assert code == 0
    first = out.splitlines()[0]
    assert first.split()[0].startswith("r") and "Bend Sinister" in first
    assert "found; want one with" in out.splitlines()[-1]
    code, out, _ = run("search", "no", "such", "record", "anywhere")
    assert code == 0 and out.startswith("0 releases found; try fewer")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("search", "   "), "Type some words"),
        (("search", "fall", "--year", "1700"), "is not a year"),
        (("search", "fall", "--limit", "0"), "ask for 1 to 100"),
    ],
)
def test_what_cannot_be_asked_gets_one_sentence(run: Run, argv: tuple[str, ...], said: str) -> None:
    code, out, err = run(*argv)
    assert code == 1 and out == ""
    assert said in err and "Traceback" not in err and err.count("\n") == 1


def test_a_barcode_is_searched_as_a_barcode() -> None:
    from gramtui.engine.discogs_search import barcode_in

    assert barcode_in("0 77774-6337 2 5") == "077774633725"
    assert barcode_in("5 012394 144777") == "5012394144777"
    assert barcode_in("724384260927") == "724384260927"
    assert barcode_in("Blue Note 84003") == ""
    assert barcode_in("1234567") == ""  # too short for any barcode
