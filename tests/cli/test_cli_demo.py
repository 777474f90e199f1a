"""The demo from the command line (issue 13 items 7 and 9): it reads the config it is given, and
its Discogs remembers what the user did there across starts, as its local store does."""

from __future__ import annotations

from pathlib import Path

import httpx
from helpers.cli import gramtui_in_process

from gramtui.demo import seed_once, start_demo
from gramtui.engine import sync
from gramtui.settings.paths import demo_paths


def test_demo_reads_the_config_named_by_flag_or_environment(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[printer]\nwidht = 42\n", encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "GRAMTUI_CONFIG": ""}
    for how, extra_env in ((["--config", str(bad)], {}), ([], {"GRAMTUI_CONFIG": str(bad)})):
        result = gramtui_in_process("--demo", *how, "queue", env={**env, **extra_env})
        assert result.returncode != 0, how
        assert "widht" in result.stderr and str(bad) in result.stderr


def test_demo_paths_keep_their_own_directory_and_config_unless_told(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("GRAMTUI_CONFIG", raising=False)
    own = demo_paths(tmp_path / "d")
    assert (own.data_dir, own.config_file) == (tmp_path / "d", tmp_path / "d" / "config.toml")
    monkeypatch.setenv("GRAMTUI_CONFIG", str(tmp_path / "c.toml"))
    assert demo_paths(tmp_path / "d").config_file == tmp_path / "c.toml"
    assert demo_paths(tmp_path / "d", tmp_path / "x.toml").config_file == tmp_path / "x.toml"


def _client(url: str, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=url,
        headers={"User-Agent": "gramtui-test/1", "Authorization": f"Discogs token={token}"},
    )


def test_the_demo_discogs_remembers_a_new_listing_across_starts(tmp_path: Path) -> None:
    paths = demo_paths(tmp_path / "demo")
    demo = start_demo(paths)
    try:
        with _client(demo.url, demo.token) as c:
            before = c.get("/users/demo/inventory", params={"per_page": 100}).json()
            count = before["pagination"]["items"]
            release_id = before["listings"][0]["release"]["id"]
            made = c.post(
                "/marketplace/listings",
                json={
                    "release_id": release_id,
                    "condition": "Very Good Plus (VG+)",
                    "price": 12.5,
                    "status": "For Sale",
                },
            )
            assert made.status_code == 201, made.text
            listing_id = made.json()["listing_id"]
    finally:
        demo.close()
    again = start_demo(paths)  # a new start: a new server on the same data directory
    try:
        with _client(again.url, again.token) as c:
            assert c.get(f"/marketplace/listings/{listing_id}").status_code == 200
            after = c.get("/users/demo/inventory", params={"per_page": 100}).json()
            assert after["pagination"]["items"] == count + 1
    finally:
        again.close()
    assert seed_once not in sync.AFTER_SYNC  # closed, the demo no longer seeds other syncs
