"""The reconcile pass through the real store, queue, runner and client (fake wantlist over httpx)."""

from __future__ import annotations

from pathlib import Path

from wants_fake_discogs import FakeDiscogs
from wants_helpers import collect, make_session, pending_tasks, run_queue, synced_want

from gramtui.domain.money import Money
from gramtui.engine import wants
from gramtui.engine.setup import Session
from gramtui.store import wants as store
from gramtui.store.models import SyncRun, Task, WantRow


def _states(name: str) -> list[tuple[str, str]]:
    want_list = next(w for w in store.load_lists() if w.name == name)
    return [(e.entry_id, e.state) for e in want_list.entries]


def _one_by_one_with_first_live(session: Session, discogs: FakeDiscogs) -> None:
    engine = session.engine
    wants.create_list(engine, "Jazz")
    for release_id in (101, 102, 103):
        wants.add_entry(engine, "Jazz", release_id=release_id)
    wants.run_pass(engine)
    run_queue(session)
    assert discogs.wants == {101}


def test_one_by_one_arrival_swaps_exactly_one_want(session: Session, discogs: FakeDiscogs) -> None:
    engine = session.engine
    _one_by_one_with_first_live(session, discogs)
    wants.create_list(engine, "Other", "en_masse")
    wants.add_entry(engine, "Other", release_id=201)
    synced_want(discogs, 900, title="Kept by hand")  # the user's own want
    wants.run_pass(engine)
    run_queue(session)
    assert discogs.wants == {101, 201, 900}
    before_other = _states("Other")
    discogs.calls.clear()

    collect(101)
    report = wants.run_pass(engine)

    assert pending_tasks() == [("want:101", "remove"), ("want:102", "add")]
    assert (report.plan.add, report.plan.remove) == ([102], [101])
    assert report.arrived == [("Jazz", "r:101", 101)]
    assert _states("Jazz") == [("r:101", "arrived"), ("r:102", "pending"), ("r:103", "pending")]
    assert _states("Other") == before_other
    run_queue(session)
    assert sorted(discogs.calls) == [("DELETE", 101), ("PUT", 102)]
    assert discogs.wants == {102, 201, 900}
    assert _states("Jazz") == [("r:101", "arrived"), ("r:102", "live"), ("r:103", "pending")]
    assert sorted(r.release_id for r in WantRow.select()) == [102, 201, 900]
    assert wants.run_pass(engine).queued == []


def test_switching_500_entries_to_en_masse_queues_exactly_the_cap(
    session: Session, discogs: FakeDiscogs
) -> None:
    engine = session.engine
    lines = [f"  release {release_id}" for release_id in range(1000, 1500)]
    wants.import_text(engine, "\n".join(['list "Big" mode=one_by_one', *lines]))
    wants.run_pass(engine)
    assert pending_tasks() == [("want:1000", "add")]

    wants.set_mode(engine, "Big", "en_masse")
    first = wants.run_pass(engine)
    adds = Task.select().where((Task.state == "pending") & (Task.kind == wants.SET_KIND))
    assert adds.count() == 100
    assert {t.payload["action"] for t in adds} == {"add"}
    assert {t.payload["release_id"] for t in adds} == set(range(1000, 1100))
    ids_before = {t.id for t in adds}
    assert first.desired.held_back[("Big", "r:1100")] == "over the global cap of 100"

    second = wants.run_pass(engine)
    assert {t.id for t in Task.select().where(Task.state == "pending")} == ids_before
    assert len(second.plan.add) == 100

    run_queue(session)
    assert discogs.wants == set(range(1000, 1100))
    assert wants.run_pass(engine).queued == []
    assert Task.select().where(Task.state == "pending").count() == 0


def test_a_want_deleted_by_hand_is_not_re_added_and_says_why(
    session: Session, discogs: FakeDiscogs
) -> None:
    engine = session.engine
    _one_by_one_with_first_live(session, discogs)
    discogs.wants.discard(101)  # the user deletes it on discogs.com
    WantRow.delete().where(WantRow.release_id == 101).execute()  # the wantlist sync sees it gone

    report = wants.run_pass(engine)

    assert report.plan.removed_by_hand == [101]
    assert pending_tasks() == [("want:102", "add")]  # the list moves on, 101 stays off
    assert _states("Jazz")[0] == ("r:101", "removed_on_discogs")
    why = wants.overview(engine).desired.held_back[("Jazz", "r:101")]
    assert why.startswith("removed on Discogs by hand on 2026-03-01")
    run_queue(session)
    assert wants.run_pass(engine).queued == [] and 101 not in discogs.wants

    wants.restore_entry(engine, "Jazz", "r:101")  # the user wants it again
    wants.run_pass(engine)
    assert pending_tasks() == [("want:101", "add"), ("want:102", "remove")]


def test_automation_off_queues_nothing_and_shows_the_plan(tmp_path: Path) -> None:
    discogs = FakeDiscogs()
    session = make_session(tmp_path, discogs, automation=False)
    try:
        engine = session.engine
        wants.create_list(engine, "Spring", "en_masse")
        wants.add_entry(engine, "Spring", release_id=5)
        wants.add_entry(engine, "Spring", master_id=77, format_filter="Vinyl")
        Task.delete().execute()  # the lookup the user asked for by adding the master entry
        collect(6)
        report = wants.run_pass(engine)
        assert report.automation is False
        assert report.plan.add == [5]
        assert report.queued == [] and report.master_lookups == []
        assert Task.select().count() == 0
        assert discogs.calls == []
    finally:
        session.close()


def test_a_master_entry_goes_live_once_its_main_release_is_known(
    session: Session, discogs: FakeDiscogs
) -> None:
    engine = session.engine
    discogs.masters[77] = 7001
    wants.create_list(engine, "Any pressing")
    wants.add_entry(engine, "Any pressing", master_id=77, format_filter="Vinyl")
    assert pending_tasks() == [("want-master:77", "")]
    assert wants.overview(engine).desired.held_back[("Any pressing", "m:77:Vinyl")] == (
        "waiting for the master's main release"
    )
    run_queue(session)  # the lookup, then the pass it triggers, then the add
    assert discogs.calls == [("GET master", 77), ("PUT", 7001)]
    assert _states("Any pressing") == [("m:77:Vinyl", "live")]

    collect(7005, master_id=77, formats=[["CD", 1, ["Album"], ""]])
    wants.run_pass(engine)
    assert _states("Any pressing") == [("m:77:Vinyl", "live")]  # a CD does not pass the filter
    collect(7006, master_id=77)
    wants.run_pass(engine)
    run_queue(session)
    assert _states("Any pressing") == [("m:77:Vinyl", "arrived")]
    assert discogs.wants == set()


def test_a_failed_add_is_shown_and_not_retried_by_every_pass(
    session: Session, discogs: FakeDiscogs
) -> None:
    engine = session.engine
    discogs.missing_releases.add(404404)
    wants.create_list(engine, "Typo", "en_masse")
    wants.add_entry(engine, "Typo", release_id=404404)
    wants.run_pass(engine)
    run_queue(session)
    failed = Task.get(Task.key == "want:404404")
    assert failed.state == "failed" and "does not exist" in failed.last_error
    report = wants.run_pass(engine)
    assert report.held_by_failure == [404404] and pending_tasks() == []
    assert "does not exist" in wants.overview(engine).failed[404404]


def test_removing_an_entry_drops_its_pending_task(session: Session, discogs: FakeDiscogs) -> None:
    engine = session.engine
    wants.create_list(engine, "Quick", "en_masse")
    wants.add_entry(engine, "Quick", release_id=1)
    wants.add_entry(engine, "Quick", release_id=2)
    wants.run_pass(engine)
    wants.remove_entry(engine, "Quick", "r:2")
    report = wants.run_pass(engine)
    assert report.dropped == 1 and pending_tasks() == [("want:1", "add")]


def test_pausing_takes_the_lists_wants_off_discogs(session: Session, discogs: FakeDiscogs) -> None:
    engine = session.engine
    _one_by_one_with_first_live(session, discogs)
    wants.set_paused(engine, "Jazz", True)
    wants.run_pass(engine)
    assert pending_tasks() == [("want:101", "remove")]
    run_queue(session)
    assert discogs.wants == set() and _states("Jazz")[0] == ("r:101", "pending")


def test_adopting_an_unmanaged_want(session: Session, discogs: FakeDiscogs) -> None:
    engine = session.engine
    wants.create_list(engine, "Mine", "en_masse")
    synced_want(discogs, 55, title="Found", artist="Someone")
    overview = wants.overview(engine)
    assert [w.release_id for w in overview.unmanaged] == [55]
    assert overview.titles[55] == "Someone — Found"
    wants.adopt(engine, "Mine", [55])
    assert wants.overview(engine).unmanaged == []
    assert _states("Mine") == [("r:55", "live")]
    assert wants.run_pass(engine).queued == []


def test_a_want_added_during_a_sync_counts_as_seen_by_it(
    session: Session, discogs: FakeDiscogs
) -> None:
    run = SyncRun.create(kind="full", started_at=session.engine.clock())
    wants.create_list(session.engine, "During", "en_masse")
    wants.add_entry(session.engine, "During", release_id=61)
    wants.run_pass(session.engine)
    run_queue(session)
    assert WantRow.get_by_id(61).seen_run == run.id  # the sync's removal of unseen keeps it


def test_a_marketplace_low_that_is_no_figure_is_shown_as_refused(tmp_path) -> None:
    """The want queue's market line goes through the same rule as the sales ladder: a zero,
    negative or foreign-currency low is not shown as a price."""
    from wants_pane_app import fill_sample, pane_session

    from gramtui.store.models import MarketRow

    session = pane_session(tmp_path)
    try:
        fill_sample(session)  # 249504 is live, its low 18.50 EUR, the sales currency EUR
        assert wants.overview(session.engine).market[249504].lowest == Money(1850, "EUR")
        for cents, currency, why in (
            (0, "EUR", "refused: zero"),
            (-100, "EUR", "negative"),
            (1850, "USD", "refused: the account is in EUR"),
        ):
            MarketRow.update(lowest_cents=cents, lowest_currency=currency).execute()
            line = wants.overview(session.engine).market[249504]
            assert line.lowest is None and why in line.refused and line.num_for_sale == 7
    finally:
        session.close()
