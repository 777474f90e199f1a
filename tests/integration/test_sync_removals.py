"""Issue 19.1/19.2: removals only when asked for past a share, app-only data kept 90 days and
restored, and a new sync retiring the pages an old run left behind. Real sandbox over loopback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpers.clock import FakeClock

from gramtui.engine import removals
from gramtui.engine.sync import apply_held_removals, request_sync
from gramtui.store import collection, retained
from gramtui.store.models import InstanceRow, SyncRun, Task


def _sync_account(session, drain) -> None:
    request_sync(session.engine, "full")
    drain(session)


def test_removing_more_than_the_share_waits_for_a_yes(sandbox_server, make_session, drain) -> None:
    server = sandbox_server(instances=200, listings=5, wants=5)
    session = make_session(server.url)
    _sync_account(session, drain)
    state = server.sandbox.state
    gone = sorted(state.instances)[:30]  # 15 % of the collection
    for iid in gone:
        state.delete_instance(iid)

    _sync_account(session, drain)
    assert collection.count_instances() == 200  # held, not removed
    [held] = removals.held()
    assert (held.category, held.count, held.of) == ("collection", 30, 200)
    assert "30 records of 200 (15 %) would be removed" in held.text()

    assert apply_held_removals(session.engine) == {"collection": 30}
    assert collection.count_instances() == 170
    assert not set(gone) & {r.instance_id for r in collection.load_records()}
    assert removals.held() == []


def test_a_small_removal_needs_no_question(sandbox_server, make_session, drain) -> None:
    server = sandbox_server(instances=200, listings=5, wants=5)
    session = make_session(server.url)
    _sync_account(session, drain)
    for iid in sorted(server.sandbox.state.instances)[:5]:  # 2.5 %
        server.sandbox.state.delete_instance(iid)
    _sync_account(session, drain)
    assert collection.count_instances() == 195 and removals.held() == []


def test_app_only_data_of_a_removed_record_comes_back_with_it_within_90_days(
    sandbox_server, make_session, drain
) -> None:
    server = sandbox_server(instances=100, listings=3, wants=3)
    clock = FakeClock(datetime(2026, 1, 1, tzinfo=UTC))  # moved forward: 90 days pass between syncs
    session = make_session(server.url, clock=clock)
    _sync_account(session, drain)
    state = server.sandbox.state
    back, lost = sorted(state.instances)[:2]
    for iid in (back, lost):
        collection.set_width(iid, 4.25)
        collection.set_size(iid, "oversized")
    kept = {iid: state.instances[iid] for iid in (back, lost)}
    for iid in (back, lost):
        state.delete_instance(iid)

    _sync_account(session, drain)  # 2 of 100: removed at once, app-only data kept
    assert collection.count_instances() == 98 and retained.count() == 2

    with state.lock:  # the record comes back (the same instance) 30 days later
        state.instances[back] = kept[back]
        state._changed()
    clock.now += timedelta(days=30)
    _sync_account(session, drain)
    row = InstanceRow.get_by_id(back)
    assert (row.width, row.size) == (4.25, "oversized")
    assert retained.count() == 1  # the other one is still kept

    clock.now += timedelta(days=61)  # 91 days after its removal: forgotten
    _sync_account(session, drain)
    assert retained.count() == 0
    with state.lock:
        state.instances[lost] = kept[lost]
        state._changed()
    _sync_account(session, drain)
    row = InstanceRow.get_by_id(lost)
    assert (row.width, row.size) == (None, "regular")


def test_a_new_sync_retires_the_pages_an_old_run_left(sandbox_server, make_session, drain) -> None:
    server = sandbox_server(instances=150, listings=3, wants=3)
    session = make_session(server.url)
    now = session.engine.clock()
    old = SyncRun.create(kind="full", started_at=now, progress={}, state="failed")
    rows = [
        {
            "kind": "sync.page",
            "key": f"sync:{old.id}:collection:{n}",
            "state": "pending",
            "payload": {"run": old.id, "category": "collection", "page": n},
            "priority": 20,
            "not_before": now,
            "created_at": now,
            "updated_at": now,
        }
        for n in range(2, 5002)
    ]
    rows.append(
        {**rows[0], "key": f"sync:{old.id}:wants:7", "state": "failed", "last_error": "404"}
    )
    for start in range(0, len(rows), 500):
        Task.insert_many(rows[start : start + 500]).execute()

    _sync_account(session, drain)
    assert collection.count_instances() == 150
    leftovers = Task.select().where(Task.key.startswith(f"sync:{old.id}:"))
    assert all(t.state == "done" and "superseded" in t.last_error for t in leftovers)
    assert Task.select().where(Task.state == "failed").count() == 0
    # 150 records are 2 pages: none of the 5,000 old pages was asked for
    counters = server.sandbox.counters
    assert (
        sum(
            n for ep, n in counters.per_endpoint.items() if "/releases" in ep and "collection" in ep
        )
        == 2
    )
    assert counters.per_status.get(404, 0) == 0
