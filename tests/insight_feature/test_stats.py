"""`gramtui stats`, `gramtui sql` and `gramtui release` on the synced sample collection: the figures
agree with ones computed here independently (Python over plain sqlite3 reads)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

from insight_helpers import FIXTURES, gramtui, own_releases, sample


def _records(data: Path) -> list[dict[str, object]]:
    con = sqlite3.connect(data / "gramtui.sqlite3")
    con.row_factory = sqlite3.Row
    rows = con.execute(
        "SELECT i.id AS instance, i.folder_id, i.date_added, r.* FROM instance i "
        "JOIN release r ON r.id = i.release_id"
    ).fetchall()
    out = []
    for row in rows:
        rec = dict(row)
        for key in ("artists", "labels", "formats", "genres", "styles"):
            rec[key] = json.loads(rec[key])
        out.append(rec)
    return out


def _format_kind(formats: list[list[object]]) -> str:
    names = {f[0] for f in formats}
    descriptions = {d for f in formats for d in f[2]}  # type: ignore[union-attr]
    if "Box Set" in names or "Box Set" in descriptions:
        return "Box set"
    for kind, marks in (
        ('LP / 12"', {"LP", '12"'}),
        ('10"', {'10"'}),
        ('7"', {'7"'}),
        ("CD", {"CD", "CDr"}),
        ("Cassette", {"Cassette"}),
        ("File", {"File"}),
    ):
        if (names | descriptions) & marks:
            return kind
    return str(formats[0][0]) if formats else "unknown"


def _bars(chart: dict[str, object]) -> dict[str, int]:
    return {b["key"]: b["count"] for b in chart["bars"]}  # type: ignore[index, union-attr]


def test_stats_agree_with_independent_figures(sample_dir: Path) -> None:
    done = gramtui(sample_dir, "stats", "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    charts = stats["charts"]
    records = _records(sample_dir)
    assert len(records) == 400

    head = stats["headline"]
    assert head["records"] == len(records)
    assert head["releases"] == len({r["id"] for r in records})
    assert head["labels"] == len({r["label"] for r in records if r["label"]})
    assert head["artists"] == len({a[0] for r in records for a in r["artists"]})

    assert _bars(charts["genre"]) == Counter(g for r in records for g in r["genres"])
    styles = Counter(s for r in records for s in r["styles"])
    assert _bars(charts["style"]) == dict(styles.most_common(25)) or sorted(
        _bars(charts["style"]).values(), reverse=True
    ) == [n for _, n in styles.most_common(25)]

    decades: Counter[str] = Counter()
    estimated: Counter[str] = Counter()
    for r in records:
        year = r["master_year"] or r["year"]
        key = f"{year // 10 * 10}s" if year else "unknown"
        decades[key] += 1
        if r["master_year"] is None and r["master_id"] and r["year"]:
            estimated[key] += 1
    assert _bars(charts["decade"]) == decades
    assert {b["key"]: b["estimated"] for b in charts["decade"]["bars"]} == {
        k: estimated[k] for k in decades
    }
    assert 0 < sum(estimated.values()) < len(records)
    assert charts["decade"]["note"].startswith(
        f"{sum(estimated.values())} of {len(records)} years are estimates"
    )

    assert _bars(charts["added"]) == Counter(
        r["date_added"][:7] for r in records if r["date_added"]
    )
    assert _bars(charts["format"]) == Counter(_format_kind(r["formats"]) for r in records)
    labels = Counter(r["label"] for r in records if r["label"])
    assert sorted(_bars(charts["label"]).values(), reverse=True) == [
        n for _, n in labels.most_common(25)
    ]
    for key, n in _bars(charts["label"]).items():
        assert labels[key] == n
    artists = Counter(
        a[0] for r in records for a in r["artists"] if a[0] not in ("Various", "Various Artists")
    )
    for key, n in _bars(charts["artist"]).items():
        assert artists[key] == n
    copies = Counter(r["id"] for r in records)
    assert {b["release_id"]: b["count"] for b in charts["copies"]["bars"]} == {
        k: n for k, n in copies.items() if n > 1
    }

    con = sqlite3.connect(sample_dir / "gramtui.sqlite3")
    market = {
        rid: (json.loads(s), n)
        for rid, s, n in con.execute("SELECT release_id, suggestions, num_for_sale FROM market")
    }
    folders = dict(con.execute("SELECT id, name FROM folder").fetchall())
    value: Counter[str] = Counter()
    for r in records:
        found = market.get(r["id"], ({}, None))[0].get("Very Good Plus (VG+)")
        if found:
            value[folders.get(r["folder_id"], str(r["folder_id"]))] += found[0]
    assert value, "the sample has price suggestions for some records"
    assert {b["key"]: b["amount_cents"] for b in charts["value"]["bars"]} == value
    # Rarity: fewest owners first, then the most wanted per owner, among releases whose
    # community counts are known (a third of them in the sample).
    counts = {
        rid: (h, w)
        for rid, h, w in con.execute("SELECT release_id, have, want FROM release_community")
        if rid in copies and h is not None
    }
    assert 0 < len(counts) < len(copies)
    rare = sorted(
        counts, key=lambda rid: (counts[rid][0], -counts[rid][1] / max(1, counts[rid][0]), rid)
    )[:25]
    bars = charts["rarity"]["bars"]
    assert [(b["release_id"], b["have"], b["want"]) for b in bars] == [
        (rid, *counts[rid]) for rid in rare
    ]
    assert charts["rarity"]["note"] == (
        f"have/want known for {len(counts)} of {len(copies)} releases;"
        " the rest follow as the queue fetches them"
    )


def test_one_chart_as_text_and_by_folder(sample_dir: Path) -> None:
    done = gramtui(sample_dir, "stats", "--by", "format")
    assert done.returncode == 0, done.stderr
    assert "Records by format" in done.stdout and "█" in done.stdout
    con = sqlite3.connect(sample_dir / "gramtui.sqlite3")
    folder_id, name, n = con.execute(
        "SELECT f.id, f.name, count(*) FROM instance i JOIN folder f ON f.id = i.folder_id "
        "GROUP BY f.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    one = json.loads(gramtui(sample_dir, "stats", "--folder", name, "--json").stdout)
    assert one["folder"] == folder_id and one["headline"]["records"] == n
    bad = gramtui(sample_dir, "stats", "--folder", "No Such Folder")
    assert bad.returncode == 1 and "no folder called 'No Such Folder'" in bad.stderr


def test_sql_reads_and_refuses_writes(sample_dir: Path) -> None:
    done = gramtui(sample_dir, "sql", "SELECT count(*) AS n FROM instance", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == [{"n": 400}]
    before = (sample_dir / "gramtui.sqlite3").read_bytes()
    write = gramtui(sample_dir, "sql", "DELETE FROM instance")
    assert (
        write.returncode == 2 and "only reads" in write.stderr and "Traceback" not in write.stderr
    )
    syntax = gramtui(sample_dir, "sql", "SELEC nonsense")
    assert syntax.returncode == 2 and 'near "SELEC": syntax error' in syntax.stderr
    two = gramtui(sample_dir, "sql", "SELECT 1; SELECT 2")
    assert two.returncode == 2 and "one statement" in two.stderr
    assert (sample_dir / "gramtui.sqlite3").read_bytes() == before
    assert _records(sample_dir) and len(_records(sample_dir)) == 400


def test_readme_example_queries_run(sample_dir: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    queries = [block.split("\n", 1)[1].rsplit("\n", 1)[0] for block in readme.split("```sql")[1:]]
    queries = [q.split("```")[0].strip() for q in queries]
    assert len(queries) >= 2
    for q in queries:
        done = gramtui(sample_dir, "sql", q)
        assert done.returncode == 0, (q, done.stderr)
        assert len(done.stdout.splitlines()) > 1


def test_release_shows_the_catalogue_else_the_sync(tmp_path: Path) -> None:
    data = tmp_path / "data"
    own_releases(data, [(30001, 2001), (1, 1660109)])
    assert gramtui(data, "dump", "ingest", str(sample("releases"))).returncode == 0
    shown = json.loads(gramtui(data, "release", "1", "--json").stdout)
    assert (
        shown["source"] == "catalogue"
        and shown["released"] == "1999-03-00"
        and shown["year"] == 1999
    )
    assert shown["labels"] == [{"name": "Svek", "catno": "SK032", "label_id": 5}]
    assert shown["tracks"][0] == {
        "position": "A",
        "title": "Östermalm",
        "duration": "4:45",
        "seconds": 285,
    }
    assert shown["master_id"] == 1660109 and shown["country"] == "Sweden"
    assert shown["formats"][0]["descriptions"] == ['12"', "33 ⅓ RPM"]
    assert shown["genres"] == ["Electronic"] and shown["styles"] == ["Deep House"]
    assert {"type", "description", "value"} <= set(shown["identifiers"][0])
    assert shown["copies"] == [[1001, "1"]]
    text = gramtui(data, "release", "1")
    assert text.returncode == 0 and "The Persuader — Stockholm" in text.stdout
    synced_only = gramtui(data, "release", "30001")  # not in this dump: what the sync stored
    assert synced_only.returncode == 0 and "from the sync" in synced_only.stdout
    missing = gramtui(data, "release", "424242")
    assert missing.returncode == 1 and "release 424242 is neither" in missing.stderr


def test_strings_from_discogs_print_literally(tmp_path: Path) -> None:
    data = tmp_path / "data"
    own_releases(data, [(30001, 2001)])
    assert (
        gramtui(data, "dump", "ingest", str(FIXTURES / "discogs_20250601_releases.xml")).returncode
        == 0
    )
    shown = gramtui(data, "release", "30001")
    assert "AC⚡DC & Uncredited Band — Highway [b]to[/b] Hell" in shown.stdout
    assert "series: Atlantic Masters · 12" in shown.stdout
    con = sqlite3.connect(data / "gramtui.sqlite3")
    con.execute("""UPDATE release SET artists = '[["[red]AC/DC[/red] [/live]", "", ""]]',
                   label = '[bold]Atlantic', title = 'Highway [b]to[/b] Hell'""")
    con.commit()
    stats = gramtui(data, "stats", "--by", "artist")
    assert "[red]AC/DC[/red] [/live]" in stats.stdout
    assert "[bold]Atlantic" in gramtui(data, "stats", "--by", "label").stdout
