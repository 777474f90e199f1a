"""Shared by the Insight tests and tests/bench/bench_dump.py: sample paths, an independent element
count, a big dump built from the real sample with fresh ids, and running the command."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "dumps" / "philipmat-discogs-xml2db"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dumps"
KINDS = ("releases", "masters", "artists", "labels")


def sample(kind: str) -> Path:
    return SAMPLES / f"discogs_20200806_{kind}.xml.gz"


def count_elements(path: Path) -> int:
    """Children of the root, counted with xml.etree (not with the code under test)."""
    opener = gzip.open if path.suffix == ".gz" else open
    depth = count = 0
    with opener(path, "rb") as f:  # type: ignore[operator]
        for event, elem in ET.iterparse(f, events=("start", "end")):
            if event == "start":
                depth += 1
            else:
                depth -= 1
                if depth == 1:
                    count += 1
                    elem.clear()
    return count


def sample_release_records() -> list[bytes]:
    data = gzip.decompress(sample("releases").read_bytes())
    body = data[data.index(b"<release ") : data.rindex(b"</releases>")]
    return [b"<release " + part for part in body.split(b"<release ")[1:]]


def make_releases_dump(path: Path, count: int, first_id: int = 1, level: int = 6) -> list[int]:
    """A gzip releases dump of `count` records copied round the real sample with fresh ids."""
    records = sample_release_records()
    ids = list(range(first_id, first_id + count))
    with gzip.open(path, "wb", compresslevel=level) as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<releases>\n')
        for n, rid in enumerate(ids):
            record = records[n % len(records)]
            close = record.index(b'"', 13)
            out.write(b'<release id="' + str(rid).encode() + record[close:])
        out.write(b"</releases>\n")
    return ids


def gramtui(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`gramtui ARGS` on DATA_DIR (its config beside it), run in this process."""
    from helpers.cli import gramtui_in_process  # here: tests/bench imports this module alone

    return gramtui_in_process(
        *args,
        env={
            "GRAMTUI_DATA_DIR": str(data_dir),
            "GRAMTUI_CONFIG": str(data_dir.parent / "config.toml"),
        },
    )


def table_rows(database: Path, tables: list[str]) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(database)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def own_releases(data_dir: Path, releases: list[tuple[int, int | None]]) -> None:
    """Put one instance of each (release id, master id) in the collection of a fresh data dir,
    through the store's own writer (as a sync would)."""
    from gramtui.discogs.models import CollectionItem
    from gramtui.domain.records import Release
    from gramtui.store import collection
    from gramtui.store.schema import close_database, open_database

    open_database(data_dir / "gramtui.sqlite3")
    try:
        collection.save_instances(
            CollectionItem(1000 + n, 1, Release(rid, f"Release {rid}", master_id=mid))
            for n, (rid, mid) in enumerate(releases)
        )
    finally:
        close_database()
