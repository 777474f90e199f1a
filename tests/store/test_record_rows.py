"""The raw-SQL paths of store/collection.py (the row reader, the executemany upsert) against the
peewee model code they replaced, kept here as the oracle: same rows stored, same Records read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from gramtui.discogs.parse import parse_collection_item, parse_fields, parse_folders
from gramtui.domain.records import Record, Release, ShelfKeys
from gramtui.domain.sortkeys import shelf_keys
from gramtui.sandbox import build_state
from gramtui.sandbox.render import collection_item, field_json, folder_json
from gramtui.store import collection
from gramtui.store.db import db
from gramtui.store.models import FieldRow, InstanceRow, ReleaseRow
from gramtui.store.schema import close_database, open_database

BASE = "http://sandbox.invalid"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[list]:
    open_database(tmp_path / "g.sqlite3")
    state = build_state(instances=300)
    counts = state.folder_counts()
    collection.save_folders(
        parse_folders(
            {
                "folders": [
                    folder_json(f, counts.get(f.id, 0), BASE, "u") for f in state.folder_list()
                ]
            }
        )
    )
    collection.save_fields(parse_fields({"fields": [field_json(f) for f in state.fields.values()]}))
    items = [
        parse_collection_item(collection_item(i, state, BASE)) for i in state.instances.values()
    ]
    try:
        yield items
    finally:
        close_database()


def release_row(rel: Release) -> dict[str, object]:
    return {
        "id": rel.id,
        "title": rel.title,
        "artists": [[a.name, a.anv, a.join] for a in rel.artists],
        "labels": [[lb.name, lb.catno] for lb in rel.labels],
        "formats": [[f.name, f.qty, list(f.descriptions), f.text] for f in rel.formats],
        "year": rel.year,
        "genres": list(rel.genres),
        "styles": list(rel.styles),
        "master_id": rel.master_id,
        "master_year": rel.master_year,
        "thumb": rel.thumb,
        "artist": rel.artist,
        "label": rel.label,
        "catno": rel.catno,
        "format": rel.format_summary,
    }


def peewee_save(items: list, run_id: int) -> None:
    """What save_instances did before: peewee insert_many with the same conflict handling."""
    with db.atomic():
        rows = list({i.release.id: release_row(i.release) for i in items}.values())
        ReleaseRow.insert_many(rows).on_conflict(
            conflict_target=[ReleaseRow.id],
            preserve=[getattr(ReleaseRow, k) for k in rows[0] if k not in ("id", "master_year")],
        ).execute()
        InstanceRow.insert_many(
            [
                {
                    "id": i.instance_id,
                    "release": i.release.id,
                    "folder_id": i.folder_id,
                    "date_added": i.date_added,
                    "rating": i.rating,
                    "notes": {str(k): v for k, v in i.notes.items()},
                    "seen_run": run_id,
                }
                for i in items
            ]
        ).on_conflict(
            conflict_target=[InstanceRow.id],
            preserve=[
                InstanceRow.release,
                InstanceRow.folder_id,
                InstanceRow.date_added,
                InstanceRow.rating,
                InstanceRow.notes,
                InstanceRow.seen_run,
            ],
        ).execute()


def peewee_records(folder_ids: list[int] | None = None) -> list[Record]:
    """What load_records did before: model objects, converted one by one."""
    names = {str(f.id): f.name for f in FieldRow.select()}
    query = InstanceRow.select(InstanceRow, ReleaseRow).join(ReleaseRow)
    if folder_ids is not None:
        query = query.where(InstanceRow.folder_id.in_(folder_ids))
    return [
        Record(
            row.id,
            collection.release_from_row(row.release),
            row.folder_id,
            row.date_added,
            row.rating,
            {names.get(k, k): v for k, v in row.notes.items()},
            row.size,
            row.width,
        )
        for row in query.order_by(InstanceRow.id)
    ]


def table_text() -> list[tuple]:
    # the model's columns: the stored sort keys are not the peewee insert's (checked below)
    release_columns = ", ".join(ReleaseRow._meta.columns)
    return list(db.execute_sql(f"SELECT {release_columns} FROM release ORDER BY id")) + list(
        db.execute_sql("SELECT * FROM instance ORDER BY id")
    )


def test_upsert_stores_exactly_what_the_peewee_insert_stored(store: list) -> None:
    peewee_save(store, run_id=1)
    old = table_text()
    db.execute_sql("DELETE FROM instance")
    db.execute_sql("DELETE FROM release")
    assert collection.save_instances(store, run_id=1) == len(store)
    assert table_text() == old


def test_upsert_stores_each_releases_shelf_sort_keys(store: list) -> None:
    collection.save_instances(store, run_id=1)
    stored = {
        rid: ShelfKeys(label, artist, title)
        for rid, label, artist, title in db.execute_sql(
            "SELECT id, sort_label, sort_artist, sort_title FROM release"
        )
    }
    assert stored == {i.release.id: shelf_keys(i.release) for i in store}
    assert len(set(stored.values())) > 1
    loaded = collection.load_records(with_shelf_keys=True)
    assert all(r.release.shelf == stored[r.release.id] for r in loaded)
    assert all(r.release.shelf is None for r in collection.load_records())


def test_upsert_keeps_app_data_and_master_year_and_updates_the_rest(store: list) -> None:
    collection.save_instances(store, run_id=1)
    first = store[0]
    collection.set_size(first.instance_id, "oversized")
    collection.set_width(first.instance_id, 4.5)
    db.execute_sql("UPDATE release SET master_year = 1961 WHERE id = ?", (first.release.id,))
    moved = replace(
        first,
        folder_id=first.folder_id + 1,
        rating=5,
        release=replace(first.release, title="Renamed"),
    )
    assert collection.save_instances([moved, *store[1:]], run_id=2) == 0
    again = collection.load_record(first.instance_id)
    assert again is not None
    assert (again.size, again.width, again.release.master_year) == ("oversized", 4.5, 1961)
    assert (again.folder_id, again.rating, again.release.title) == (
        first.folder_id + 1,
        5,
        "Renamed",
    )
    assert collection.count_seen(2) == len(store)


def test_reader_reads_what_the_model_objects_read(store: list) -> None:
    collection.save_instances(store, run_id=1)
    db.execute_sql(
        "UPDATE instance SET width = 3.25, size = 'oversized' WHERE id = ?", (store[3].instance_id,)
    )
    everything = peewee_records()
    assert collection.load_records() == everything
    assert [r.fields for r in collection.load_records()] == [r.fields for r in everything]
    assert any(r.fields for r in everything) and any(r.date_added for r in everything)
    folder = everything[0].folder_id
    assert collection.load_records([folder]) == peewee_records([folder])
    assert list(collection.iter_records([folder])) == peewee_records([folder])


def test_reader_for_the_rules_leaves_out_only_what_no_rule_reads(store: list[Any]) -> None:
    collection.save_instances(store, run_id=1)
    db.execute_sql("UPDATE release SET master_year = 1970, thumb = 'https://img/' || id")
    db.execute_sql("UPDATE instance SET width = 3.5 WHERE id % 2 = 0")
    everything = peewee_records()
    assert any(r.release.genres for r in everything) and any(r.release.styles for r in everything)
    lean = collection.load_records(for_rules=True)
    assert any(len(r.release.labels) > 1 for r in everything)
    assert lean == [
        replace(
            r,
            width=None,
            release=replace(
                r.release,
                labels=r.release.labels[:1],
                master_id=None,
                master_year=None,
                thumb="",
                genres=(),
                styles=(),
            ),
        )
        for r in everything
    ]
    assert [r.fields for r in lean] == [r.fields for r in everything]
    wanted = [everything[5].instance_id, everything[2].instance_id]
    assert collection.load_records(instance_ids=wanted, for_rules=True) == [lean[2], lean[5]]


def test_every_rule_field_classifies_lean_records_as_full_ones(store: list[Any]) -> None:
    """A condition on each built-in field (and a custom one), evaluated on the records read for
    the rules and on the full ones: a field the lean reader left out would differ."""
    from gramtui.domain.rules import RecordFacts, RuleContext, check, compile_rules
    from gramtui.domain.rules.fields import BUILTIN_FIELDS

    collection.save_instances(store, run_id=1)
    lean, full = collection.load_records(for_rules=True), peewee_records()
    assert any(r.fields for r in full)
    field = next(k for r in full for k in r.fields)
    conditions = {
        "text": 'contains "e"',
        "number": "> 2",
        "date": "older than 3y",
        "size": "= oversized",
        "status": '= "For Sale"',
        "format": '= "12 Inch"',
        "tokens": "contains LP",
    }
    tested = [f"{name} {conditions[kind.kind]}" for name, kind in BUILTIN_FIELDS.items()]
    tested.append(f'"{field}" contains "e"')
    facts = RecordFacts("Folder", None, 1)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    context = RuleContext(frozenset({"Folder"}), frozenset({field}))
    for condition in tested:
        result = check(f"[classification]\n{condition} -> hit\n", context)
        assert result.rules is not None, (condition, result.diagnostics)
        compiled = compile_rules(result.rules, now)
        got = [compiled.classify(r, facts).label for r in lean]
        assert got == [compiled.classify(r, facts).label for r in full], condition
        assert set(got) <= {"hit", None}


def test_reader_by_instance_ids_in_order_across_chunks(store: list) -> None:
    collection.save_instances(store, run_id=1)
    wanted = [i.instance_id for i in store][::-1] + [10**12]  # reversed, and one that is not there
    by_id = collection.load_records(instance_ids=wanted)
    assert [r.instance_id for r in by_id] == sorted(i.instance_id for i in store)
    assert by_id == peewee_records()
    collection._IDS_PER_QUERY, saved = 7, collection._IDS_PER_QUERY
    try:
        assert collection.load_records(instance_ids=wanted) == by_id
    finally:
        collection._IDS_PER_QUERY = saved
    assert collection.load_records(instance_ids=[]) == []


def test_dates_read_back_as_utc_datetimes(store: list) -> None:
    item = replace(store[0], date_added=datetime(2020, 5, 17, 8, 30, 1, 250, tzinfo=UTC))
    collection.save_instances([item], run_id=1)
    got = collection.load_record(item.instance_id)
    assert got is not None and got.date_added == item.date_added


def record_json(r: Record) -> dict[str, object]:
    """What `records --json` printed per instance when it built Records: the oracle."""
    rel = r.release
    return {
        "instance_id": r.instance_id,
        "release_id": rel.id,
        "folder_id": r.folder_id,
        "artist": rel.artist,
        "title": rel.title,
        "year": rel.year,
        "labels": [{"name": lb.name, "catno": lb.catno} for lb in rel.labels],
        "formats": [
            {"name": f.name, "qty": f.qty, "descriptions": list(f.descriptions)}
            for f in rel.formats
        ],
        "date_added": r.date_added.isoformat() if r.date_added else None,
        "rating": r.rating,
        "master_id": rel.master_id,
        "size": r.size,
        "fields": r.fields,
    }


def test_listing_rows_print_what_the_records_printed(store: list) -> None:
    from gramtui.commands.records_cmd import listing_json

    no_date = replace(store[1], date_added=None)
    collection.save_instances([store[0], no_date, *store[2:]], run_id=1)
    db.execute_sql("UPDATE instance SET size = 'oversized' WHERE id = ?", (store[3].instance_id,))
    printed = [listing_json(row) for row in collection.iter_listing()]
    assert printed == [record_json(r) for r in peewee_records()]
    assert any(p["fields"] for p in printed) and any(p["date_added"] is None for p in printed)
    folder = store[0].folder_id
    assert [listing_json(row) for row in collection.iter_listing([folder])] == [
        record_json(r) for r in peewee_records([folder])
    ]


@pytest.mark.parametrize(
    "added",
    [
        None,
        datetime(2020, 5, 17, 8, 30, 1, 250, tzinfo=UTC),
        datetime(2020, 5, 17, 23, 30, tzinfo=timezone(timedelta(hours=-7))),
        datetime(2020, 5, 17, 8, 30),  # naive: taken as UTC
        datetime(1000, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))),  # year 999 in UTC
    ],
)
def test_saved_date_is_the_columns_own_form(added: datetime | None) -> None:
    assert collection._stamp(added) == InstanceRow.date_added.db_value(added)
