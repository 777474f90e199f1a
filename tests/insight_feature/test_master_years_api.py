"""Without a dump: one background task per master fills master years from the API (the sandbox
over loopback), and the collection's value is snapshotted once a day; a headless sync does not
wait for either."""

from __future__ import annotations

from gramtui.domain.sortkeys import sort_records
from gramtui.domain.tasks import Priority
from gramtui.engine.insight_tasks import (
    MASTER_KIND,
    VALUE_KIND,
    enqueue_master_years,
    enqueue_value,
)
from gramtui.engine.sync import request_sync
from gramtui.store import collection, insight
from gramtui.store.models import Task


def _run_all(session: object) -> None:
    runner = session.runner  # type: ignore[attr-defined]
    while runner.run_once():
        pass


def test_master_years_arrive_through_keyed_background_tasks(
    sandbox_server, make_session, drain
) -> None:
    server = sandbox_server(instances=60, listings=0, wants=0, window_seconds=0.5)
    session = make_session(server.url, window=0.5)
    request_sync(session.engine, "full")
    drain(session)  # a headless drain leaves the master tasks for the running app
    tasks = list(Task.select().where((Task.kind == MASTER_KIND) & (Task.state == "pending")))
    masters = {r.release.master_id for r in collection.load_records() if r.release.master_id}
    assert masters and {t.key for t in tasks} == {f"master:{m}" for m in masters}
    assert all(t.priority == Priority.BACKGROUND for t in tasks)
    assert enqueue_master_years(session.engine) == len(masters)  # asking again adds nothing
    assert Task.select().where(
        (Task.kind == MASTER_KIND) & (Task.state == "pending")
    ).count() == len(masters)
    assert all(r.release.master_year is None for r in collection.load_records())

    _run_all(session)
    state = server.sandbox.state  # type: ignore[attr-defined]
    records = collection.load_records()
    for r in records:
        if r.release.master_id:
            assert r.release.master_year == (state.master(r.release.master_id).year or None)
    assert insight.masters_without_year() == []
    assert enqueue_master_years(session.engine) == 0
    # earliest_year sorting now follows the master's year, not the pressing's.
    by_first = sort_records(records, "earliest_year")
    years = [r.release.master_year or r.release.year for r in by_first]
    known = [y for y in years if y is not None]
    assert known == sorted(known)


def test_collection_value_once_a_day(sandbox_server, make_session, drain) -> None:
    server = sandbox_server(instances=30, listings=0, wants=0, window_seconds=0.5)
    session = make_session(server.url, window=0.5)
    request_sync(session.engine, "full")
    drain(session)
    assert Task.select().where((Task.kind == VALUE_KIND) & (Task.state == "pending")).count() == 1
    _run_all(session)
    today = session.engine.clock().date()
    snap = insight.value_snapshot(today)
    assert snap is not None and snap.median.startswith("$")
    assert enqueue_value(session.engine) is False  # known for today: not asked again
