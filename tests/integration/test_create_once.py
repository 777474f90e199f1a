"""Calls that create something on Discogs happen once, even when the answer is lost after Discogs
applied them (the sandbox holds the answer past the client's timeout): engine/once.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gramtui.discogs.errors import NetworkError, Unprocessable
from gramtui.domain.money import Money
from gramtui.engine import rules, sales
from gramtui.engine.sync import request_sync
from gramtui.store import collection

CONDITION = "Near Mint (NM or M-)"


def _outcomes(tmp_path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(tmp_path / "data" / "gramtui.sqlite3")
    try:
        return con.execute("SELECT call, outcome FROM call_intent ORDER BY id").fetchall()
    finally:
        con.close()


def _synced(sandbox_server, make_session, drain):
    server = sandbox_server(instances=30, listings=2, wants=2)
    session = make_session(server.url, timeout=0.5)
    request_sync(session.engine, "full")
    drain(session)
    return server, session


def test_a_listing_whose_answer_was_lost_is_adopted_not_posted_again(
    sandbox_server, make_session, drain, tmp_path: Path
) -> None:
    server, session = _synced(sandbox_server, make_session, drain)
    state = server.sandbox.state
    record = next(
        r
        for r in collection.load_records()
        if sales.store.listing_of_instance(r.instance_id) is None
    )
    before = set(state.listings)
    sales.list_for_sale(session.engine, record.instance_id, CONDITION, None, Money(1999, "USD"))
    server.sandbox.change_answer_delay = 2.0  # applied, then answered after the client gave up
    drain(session)

    created = [state.listings[i] for i in set(state.listings) - before]
    assert [(x.release_id, x.condition) for x in created] == [(record.release.id, CONDITION)]
    counts = server.sandbox.counters.per_endpoint
    assert counts["POST /marketplace/listings"] == 1
    stored = sales.store.listing_of_instance(record.instance_id)
    assert stored is not None and stored.listing_id == created[0].id
    assert _outcomes(tmp_path) == [("POST /marketplace/listings", "adopted")]


def test_a_refused_listing_closes_its_intent(
    sandbox_server, make_session, drain, tmp_path: Path
) -> None:
    server, session = _synced(sandbox_server, make_session, drain)
    record = next(
        r
        for r in collection.load_records()
        if sales.store.listing_of_instance(r.instance_id) is None
    )
    intent = {
        "instance_id": record.instance_id,
        "release_id": 999_999_999,
        "condition": CONDITION,
        "sleeve_condition": None,
        "price": [500, "USD"],
        "artist": "",
        "title": "",
        "format": "",
        "catno": "",
    }
    task = session.engine.queue.enqueue(sales.CREATE_KIND, "x", intent)
    with pytest.raises(Unprocessable):  # no such release on the sandbox
        sales.handle_create_listing(task, session.engine)
    assert _outcomes(tmp_path) == [("POST /marketplace/listings", "refused")]


def test_a_folder_whose_answer_was_lost_is_found_not_created_again(
    sandbox_server, make_session, drain, tmp_path: Path
) -> None:
    server, session = _synced(sandbox_server, make_session, drain)
    state = server.sandbox.state
    server.sandbox.change_answer_delay = 2.0
    with pytest.raises(NetworkError):
        rules.create_folder(session.engine, "Mystery Box")
    assert [f.name for f in state.folders.values()].count("Mystery Box") == 1
    server.sandbox.change_answer_delay = 0.0

    folder = rules.create_folder(session.engine, "Mystery Box")

    assert [f.id for f in state.folders.values() if f.name == "Mystery Box"] == [folder.id]
    assert any(f.id == folder.id for f in collection.folders())
    assert _outcomes(tmp_path) == [("POST /users/{u}/collection/folders", "adopted")]
    again = rules.create_folder(session.engine, "Mystery Box")  # known now: no call at all
    assert again.id == folder.id and len(_outcomes(tmp_path)) == 1
