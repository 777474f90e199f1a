"""A layout read with the releases' stored sort keys (the sync writes them, schema v14 fills them
for older stores) is exactly the layout computed from the records' text, on the sample
collection and on a generated one of 2,000 records."""

from __future__ import annotations

import itertools
import json
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from gramtui.discogs.parse import parse_collection_item, parse_fields, parse_folders
from gramtui.domain.layout import lay_out
from gramtui.domain.organisation import ALL_FOLDER_ID, Organisation, Source, Space
from gramtui.domain.sortkeys import shelf_keys
from gramtui.domain.widths import WidthSettings, widths_for
from gramtui.sandbox import build_state
from gramtui.sandbox.render import collection_item, field_json, folder_json
from gramtui.store import collection, layouts, schema
from gramtui.store.db import db
from gramtui.store.schema import close_database, open_database
from gramtui.store.shelf_keys import add_shelf_keys

BASE = "http://sandbox.invalid"


def synced(path: Path, instances: int | None) -> None:
    """Save a sandbox collection into the store the way a sync's pages do."""
    open_database(path)
    state = build_state(instances=instances)
    counts = state.folder_counts()
    folders = [folder_json(f, counts.get(f.id, 0), BASE, "u") for f in state.folder_list()]
    collection.save_folders(parse_folders({"folders": folders}))
    collection.save_fields(parse_fields({"fields": [field_json(f) for f in state.fields.values()]}))
    items = [
        parse_collection_item(collection_item(i, state, BASE)) for i in state.instances.values()
    ]
    for at in range(0, len(items), 100):
        collection.save_instances(items[at : at + 100], run_id=1)


@pytest.fixture(params=[None, 2_000], ids=["sample", "generated-2k"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    synced(tmp_path / "g.sqlite3", request.param)
    try:
        yield
    finally:
        close_database()


def organisations(total_width: float) -> Iterator[Organisation]:
    """Every sort, grouping, fill and look-ahead, on shelves with room to spare and on shelves
    that hold half the records."""
    folders = [f for f in collection.folders() if f.id != ALL_FOLDER_ID]
    ample = math.ceil(total_width * 1.2 / 30.0)
    for sort, grouping, fill, look_ahead, units in itertools.product(
        ("label", "artist", "year", "earliest_year", "added"),
        ("none", "label", "artist"),
        ("tight", "spread"),
        (0, 3),
        (ample, ample // 2),
    ):
        sources = tuple(Source(f.name, sort, n % 2) for n, f in enumerate(folders))
        yield Organisation(
            f"{sort}-{grouping}-{fill}-{look_ahead}-{units}",
            (Space("Wall", units - 1, 30.0), Space("Crate", 1, 25.0)),
            sources,
            fill=fill,  # type: ignore[arg-type]  # the product's values are the Literal's
            grouping=grouping,  # type: ignore[arg-type]
            look_ahead=look_ahead,
        )


@pytest.mark.usefixtures("store")
def test_layout_from_stored_keys_is_the_computed_layout() -> None:
    folders = collection.folders()
    ids = [f.id for f in folders if f.id != ALL_FOLDER_ID]
    stored, computed = layouts.shelf_records(ids), collection.load_records(ids)
    assert stored == computed  # the same records; only the keys' source differs
    assert all(r.release.shelf == shelf_keys(r.release) for r in stored)
    assert all(r.release.shelf is None for r in computed)
    spilled = []
    for org in organisations(sum(widths_for(computed, WidthSettings()).values())):
        expected = lay_out(org, computed, folders, WidthSettings())
        got = lay_out(org, stored, folders, WidthSettings())
        assert got.placements == expected.placements, org.name
        assert got.hash == expected.hash
        spilled.append(any(p.area == "spill" for p in got.placements))
    assert any(spilled) and not all(spilled)  # spread and look-ahead both had work to do


def test_schema_step_fills_the_keys_of_a_store_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    synced(path, 300)
    close_database()
    con = sqlite3.connect(path)  # as version 13 left it: no key columns
    expected = {
        rid: (label, artist, title)
        for rid, label, artist, title in con.execute(
            "SELECT id, sort_label, sort_artist, sort_title FROM release"
        )
    }
    for column in ("sort_label", "sort_artist", "sort_title"):
        con.execute(f"ALTER TABLE release DROP COLUMN {column}")
    before_step = schema.MIGRATIONS.index(add_shelf_keys)  # later steps may follow it
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (before_step,))
    con.commit()
    con.close()
    open_database(path)
    try:
        got = {
            rid: (label, artist, title)
            for rid, label, artist, title in db.execute_sql(
                "SELECT id, sort_label, sort_artist, sort_title FROM release"
            )
        }
        assert got == expected and len(got) > 100
        assert all(None not in keys for keys in got.values())
        row = db.execute_sql("SELECT title, labels FROM release LIMIT 1").fetchone()
        assert json.loads(row[1]) is not None and row[0]
    finally:
        close_database()
