"""`gramtui dump ingest` as a user runs it: real files, a real subprocess, a real SQLite file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from insight_helpers import (
    FIXTURES,
    KINDS,
    count_elements,
    gramtui,
    make_releases_dump,
    own_releases,
    sample,
    table_rows,
)

RELEASE_TABLES = [
    "cat_release",
    "cat_release_artist",
    "cat_release_label",
    "cat_release_series",
    "cat_release_format",
    "cat_release_identifier",
    "cat_release_track",
    "cat_release_genre",
    "cat_release_style",
]


def _db(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / "gramtui.sqlite3")


def test_the_four_samples_ingest_with_every_field(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = gramtui(
        data, "dump", "ingest", *[str(sample(k)) for k in KINDS], "--scope", "all", "--json"
    )
    assert done.returncode == 0, done.stderr
    files = {f["kind"]: f for f in json.loads(done.stdout)["files"]}
    con = _db(data)
    for kind, table in zip(
        KINDS, ("cat_release", "cat_master", "cat_artist", "cat_label"), strict=True
    ):
        expected = count_elements(sample(kind))
        assert files[kind]["seen"] == files[kind]["stored"] == expected
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected
        assert con.execute(
            "SELECT date, stored FROM cat_dump WHERE kind = ?", (kind,)
        ).fetchone() == ("2020-08-06", expected)
    row = con.execute(
        "SELECT status, title, country, released, year, master_id, is_main_release, data_quality, "
        "artist, catno FROM cat_release WHERE id = 1"
    ).fetchone()
    assert row == (
        "Accepted",
        "Stockholm",
        "Sweden",
        "1999-03-00",
        1999,
        1660109,
        1,
        "Needs Vote",
        "The Persuader",
        "SK032",
    )
    assert con.execute(
        "SELECT name, catno, catno_norm, label_id FROM cat_release_label WHERE release_id = 1"
    ).fetchall() == [("Svek", "SK032", "SK032", 5)]
    assert con.execute(
        "SELECT name, qty, descriptions FROM cat_release_format WHERE release_id = 1"
    ).fetchone() == ("Vinyl", 2, '["12\\"", "33 ⅓ RPM"]')
    assert con.execute(
        "SELECT track, title, duration, seconds FROM cat_release_track WHERE release_id = 1 "
        "ORDER BY position LIMIT 1"
    ).fetchone() == ("A", "Östermalm", "4:45", 285)
    assert con.execute(
        "SELECT extra, artist_id, role FROM cat_release_artist WHERE release_id = 1 AND extra = 1"
    ).fetchone() == (1, 239, "Music By [All Tracks By]")
    assert (
        con.execute("SELECT count(*) FROM cat_release_identifier WHERE release_id = 1").fetchone()[
            0
        ]
        == 5
    )
    # Year-only dates are understood; unknown ones ("0000", "") give no year.
    assert (
        con.execute(
            "SELECT count(*) FROM cat_release WHERE length(released) = 4 AND year > 0"
        ).fetchone()[0]
        > 0
    )
    assert (
        con.execute(
            "SELECT count(*) FROM cat_release WHERE released != '' AND year IS NULL "
            "AND released NOT LIKE '0000%'"
        ).fetchone()[0]
        == 0
    )
    # Every identifier, track and genre element of the file has its row.
    xml = ET.parse(__import__("gzip").open(sample("releases"))).getroot()
    for path, table in (
        (".//identifiers/identifier", "cat_release_identifier"),
        (".//genres/genre", "cat_release_genre"),
        (".//styles/style", "cat_release_style"),
        ("./release/labels/label", "cat_release_label"),
        ("./release/formats/format", "cat_release_format"),
    ):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(
            xml.findall(path)
        ), table
    assert con.execute(
        "SELECT year, main_release, title FROM cat_master WHERE id = 113"
    ).fetchone() == (2002, 116925, "Moments In Time")
    assert con.execute("SELECT name, realname, aliases FROM cat_artist WHERE id = 1").fetchone()[
        :2
    ] == ("The Persuader", "Jesper Dahlbäck")
    assert con.execute("SELECT name FROM cat_label WHERE id = 1").fetchone() == ("Planet E",)
    found = con.execute(
        "SELECT rowid FROM cat_fts WHERE cat_fts MATCH 'persuader stockholm'"
    ).fetchall()
    assert (1,) in found
    assert con.execute("SELECT rowid FROM cat_fts WHERE catno MATCH 'SK032'").fetchall() == [(1,)]
    assert not con.execute("SELECT name FROM sqlite_master WHERE name LIKE 'stage_%'").fetchall()


def test_2025_format_ingests_and_sets_master_years(tmp_path: Path) -> None:
    data = tmp_path / "data"
    own_releases(data, [(30001, 2001), (30003, 2002)])
    done = gramtui(
        data,
        "dump",
        "ingest",
        str(FIXTURES / "discogs_20250601_masters.xml"),
        str(FIXTURES / "discogs_20250601_releases.xml"),
    )
    assert done.returncode == 0, done.stderr
    assert "1 records now sort by their master's year" in done.stdout
    con = _db(data)
    assert con.execute("SELECT id FROM cat_release ORDER BY id").fetchall() == [(30001,), (30003,)]
    assert con.execute("SELECT series_id, name, number FROM cat_release_series").fetchall() == [
        (9001, "Atlantic Masters", "12")
    ]
    assert con.execute(
        "SELECT artist_id, name FROM cat_release_artist WHERE release_id = 30001 "
        "AND extra = 0 ORDER BY position"
    ).fetchall() == [(101, "AC/DC [/live]"), (None, "Uncredited Band")]
    assert con.execute("SELECT value_norm FROM cat_release_identifier").fetchall() == [
        ("075678165013",)
    ]
    assert con.execute("SELECT artist FROM cat_release WHERE id = 30001").fetchone() == (
        "AC⚡DC & Uncredited Band",
    )
    assert con.execute("SELECT id, master_year FROM release ORDER BY id").fetchall() == [
        (30001, 1979),
        (30003, None),
    ]


def test_scope_collection_keeps_only_what_is_referenced_but_reads_everything(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    xml = ET.parse(__import__("gzip").open(sample("releases"))).getroot()
    chosen = xml.findall("release")[::97]
    owned = [(int(r.get("id")), int(r.findtext("master_id") or 0) or None) for r in chosen]
    own_releases(data, [*owned, (999_999_999, None)])
    done = gramtui(data, "dump", "ingest", *[str(sample(k)) for k in KINDS], "--json")
    assert done.returncode == 0, done.stderr
    files = {f["kind"]: f for f in json.loads(done.stdout)["files"]}
    assert all(files[k]["seen"] == 1000 and files[k]["scope"] == "collection" for k in KINDS)
    con = _db(data)
    assert sorted(r for (r,) in con.execute("SELECT id FROM cat_release")) == sorted(
        r for r, _ in owned
    )
    # Masters, artists and labels: exactly those the kept releases name and the files hold.
    masters = {
        int(m.get("id")) for m in ET.parse(__import__("gzip").open(sample("masters"))).getroot()
    }
    want_masters = {m for _, m in owned if m} & masters
    assert {m for (m,) in con.execute("SELECT id FROM cat_master")} == want_masters
    artists = {
        int(a.findtext("id"))
        for a in ET.parse(__import__("gzip").open(sample("artists"))).getroot()
    }
    credits = [
        a for r in chosen for a in (*r.findall("artists/artist"), *r.findall("extraartists/artist"))
    ]
    named = {int(a.findtext("id")) for a in credits if a.findtext("id")}
    assert {a for (a,) in con.execute("SELECT id FROM cat_artist")} == named & artists
    assert files["releases"]["stored"] == len(owned)


def _dump_tables(data: Path) -> dict[str, list[tuple[object, ...]]]:
    rows = table_rows(data / "gramtui.sqlite3", RELEASE_TABLES)
    con = _db(data)
    rows["fts"] = sorted(
        con.execute("SELECT rowid FROM cat_fts WHERE cat_fts MATCH 'stockholm'").fetchall()
    )
    rows["dump"] = con.execute(
        "SELECT kind, date, file, scope, seen, stored, skipped FROM cat_dump"
    ).fetchall()
    return rows


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    big = tmp_path / "discogs_20200906_releases.xml.gz"
    make_releases_dump(big, 20_000, first_id=5_000_000, level=1)
    clean = tmp_path / "clean"
    assert gramtui(clean, "dump", "ingest", str(big), "--scope", "all").returncode == 0

    data = tmp_path / "killed"
    assert (
        gramtui(data, "dump", "ingest", str(sample("releases")), "--scope", "all").returncode == 0
    )
    before = _dump_tables(data)
    env = {**os.environ, "GRAMTUI_DATA_DIR": str(data), "GRAMTUI_CONFIG": str(tmp_path / "c.toml")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gramtui", "dump", "ingest", str(big), "--scope", "all"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        staged = 0
        while time.monotonic() < deadline and proc.poll() is None:
            con = _db(data)
            try:
                staged = con.execute("SELECT count(*) FROM stage_release").fetchone()[0]
            except sqlite3.OperationalError:
                staged = 0  # not created yet, or being written
            finally:
                con.close()
            if staged >= 5_000:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        assert 0 < staged < 20_000
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _dump_tables(data) == before  # the previous dump is untouched

    rerun = gramtui(data, "dump", "ingest", str(big), "--scope", "all")
    assert rerun.returncode == 0, rerun.stderr
    assert _dump_tables(data) == _dump_tables(clean)
    assert _db(data).execute("SELECT count(*) FROM cat_release").fetchone()[0] == 20_000


def test_truncated_gzip_leaves_the_previous_dump(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert (
        gramtui(data, "dump", "ingest", str(sample("releases")), "--scope", "all").returncode == 0
    )
    before = _dump_tables(data)
    raw = sample("releases").read_bytes()
    cut = tmp_path / "discogs_20200906_releases.xml.gz"
    cut.write_bytes(raw[: len(raw) * 2 // 3])
    done = gramtui(data, "dump", "ingest", str(cut), "--scope", "all")
    assert done.returncode == 2
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert cut.name in lines[0] and "ends early" in lines[0] and "previous data" in lines[0]
    assert _dump_tables(data) == before
    assert (
        not _db(data).execute("SELECT name FROM sqlite_master WHERE name LIKE 'stage_%'").fetchall()
    )


def test_an_older_dump_or_a_foreign_file_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert (
        gramtui(data, "dump", "ingest", str(sample("releases")), "--scope", "all").returncode == 0
    )
    before = _dump_tables(data)
    older = tmp_path / "discogs_20190101_releases.xml.gz"
    older.write_bytes(sample("releases").read_bytes())
    done = gramtui(data, "dump", "ingest", str(older))
    assert done.returncode == 2 and "older than the releases dump already loaded" in done.stderr
    foreign = tmp_path / "feed.xml"
    foreign.write_text("<rss><channel/></rss>")
    done = gramtui(data, "dump", "ingest", str(foreign))
    assert done.returncode == 2 and "feed.xml is not a Discogs data dump" in done.stderr
    assert _dump_tables(data) == before
