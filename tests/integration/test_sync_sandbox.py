"""The sync against the sandbox over loopback HTTP, with a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gramtui.engine.sync import request_sync
from gramtui.store import collection, marketplace
from gramtui.store.models import Task


def _content(db_path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db_path)
    try:
        return {
            "instance": con.execute(
                "SELECT id, release_id, folder_id, date_added, rating, notes FROM instance ORDER BY id"
            ).fetchall(),
            "release": con.execute(
                "SELECT id, title, artists, labels, formats, year, master_id FROM release ORDER BY id"
            ).fetchall(),
            "folder": con.execute("SELECT id, name, count FROM folder ORDER BY id").fetchall(),
            "field": con.execute(
                "SELECT id, name, type, options FROM custom_field ORDER BY id"
            ).fetchall(),
            "listing": con.execute(
                "SELECT id, release_id, status, price_cents, currency, instance_id FROM listing ORDER BY id"
            ).fetchall(),
            "want": con.execute(
                "SELECT release_id, notes, rating FROM want ORDER BY release_id"
            ).fetchall(),
        }
    finally:
        con.close()


def test_full_sync_stores_everything_discogs_has(sandbox_server, make_session, drain) -> None:
    server = sandbox_server()
    session = make_session(server.url)
    request_sync(session.engine, "full")
    drain(session)
    state = server.sandbox.state
    assert collection.count_instances() == len(state.instances) >= 300
    stored = {r.instance_id: r for r in collection.load_records()}
    for inst in list(state.instances.values())[:50]:
        assert stored[inst.instance_id].folder_id == inst.folder_id
        assert stored[inst.instance_id].release.id == inst.release_id
    assert {f.id for f in collection.folders()} == {0} | set(state.folders)  # 0 is "All"
    assert marketplace.count_listings() == len(state.listings)
    assert marketplace.count_wants() == len(state.wants)
    assert Task.select().where(Task.state == "failed").count() == 0


def test_faults_end_in_the_same_content_as_a_clean_sync(
    sandbox_server, make_session, drain, tmp_path
) -> None:
    clean = sandbox_server()
    session = make_session(clean.url, data="clean")
    request_sync(session.engine, "full")
    drain(session)
    clean_path = session.paths.database
    faulty = sandbox_server(error_rate=0.10, drop_rate=0.05, latency=0.005, seed=7)
    session = make_session(faulty.url, data="faulty")
    request_sync(session.engine, "full")
    drain(session, timeout=120)
    assert Task.select().where(Task.state == "failed").count() == 0
    assert faulty.sandbox.counters.faults["5xx"] > 0 and faulty.sandbox.counters.faults["drop"] > 0
    assert _content(session.paths.database) == _content(clean_path)


def test_quick_sync_after_full_costs_at_most_two_requests(
    sandbox_server, make_session, drain
) -> None:
    server = sandbox_server()
    session = make_session(server.url)
    request_sync(session.engine, "full")
    drain(session)
    before = session.engine.client.requests_made
    request_sync(session.engine, "quick")
    drain(session)
    assert session.engine.client.requests_made - before <= 2


def test_edits_on_discogs_show_after_the_next_full_sync(
    sandbox_server, make_session, drain
) -> None:
    server = sandbox_server()
    session = make_session(server.url)
    request_sync(session.engine, "full")
    drain(session)
    state = server.sandbox.state
    moved, rated, gone = list(state.instances.values())[:3]
    other_folder = next(f for f in state.folders if f not in (0, 1, moved.folder_id))
    state.move_instance(moved.instance_id, other_folder)
    state.set_rating(rated.instance_id, 5)
    state.delete_instance(gone.instance_id)
    listing = next(x for x in state.listings.values() if x.status == "For Sale")
    state.set_listing_price(listing.id, "12.34")
    want = next(iter(state.wants))
    state.remove_want(want)

    request_sync(session.engine, "full")
    drain(session)
    records = {r.instance_id: r for r in collection.load_records()}
    assert records[moved.instance_id].folder_id == other_folder
    assert records[rated.instance_id].rating == 5
    assert gone.instance_id not in records
    prices = {x.listing_id: x.price.cents for x in marketplace.load_listings()}
    assert prices[listing.id] == 1234
    assert want not in {w.release_id for w in marketplace.load_wants()}
