"""The sales service end to end: sandbox over loopback, real SQLite file, real queue and runner."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from gramtui.domain.money import Money
from gramtui.engine import sales
from gramtui.store import collection, marketplace, meta
from gramtui.store import sales as store
from gramtui.store.models import Task


def price_tasks(state: str | None = None) -> list[Task]:
    query = Task.select().where(Task.kind == sales.PRICE_KIND)
    if state:
        query = query.where(Task.state == state)
    return list(query)


def sandbox_cents(world, listing_id: int) -> int:
    return int(world.state.listings[listing_id].price * 100)


def test_sales_first_sync_tracks_then_steps_once_an_interval_passed(world, drain) -> None:
    tracked = store.load_states()
    for_sale = marketplace.load_listings("For Sale")
    assert {x.listing_id for x in for_sale} == set(tracked) and len(tracked) == 8
    assert all(s.phase == "start" for s in tracked.values())
    assert sales.apply(world.engine).changes == []  # the first step waits an interval

    world.clock.advance(days=8)
    report = sales.apply(world.engine)
    assert report.refused == "" and report.changes
    assert {t.key for t in price_tasks("pending")} == {
        f"price:{p.listing_id}" for p in report.changes
    }
    drain(world.session)
    log = {c.listing_id: c for c in store.load_log(outcomes=("applied",))}
    assert set(log) == {p.listing_id for p in report.changes}
    for p in report.changes:
        change = log[p.listing_id]
        assert change.at == world.clock.now
        assert change.old_price == p.listing.price and change.new_price == p.step.new_price
        assert change.new_price < change.old_price
        assert change.phase == p.step.phase and change.reason == p.step.reason
        assert sandbox_cents(world, p.listing_id) == p.step.new_price.cents
        assert store.load_listing(p.listing_id).price == p.step.new_price
        assert store.load_state(p.listing_id).last_price == p.step.new_price
    assert sales.apply(world.engine).changes == []  # at most one change per interval


def test_sales_sold_between_plan_and_apply_is_not_edited_and_recorded(world, drain) -> None:
    world.clock.advance(days=8)
    report = sales.apply(world.engine)
    sold = report.changes[0]
    before = world.state.listings[sold.listing_id].price
    world.state.set_listing_status(sold.listing_id, "Sold")  # a buyer, before the queue ran
    drain(world.session)

    assert world.state.listings[sold.listing_id].price == before
    assert store.load_listing(sold.listing_id).status == "Sold"
    recorded = {s.listing_id: s for s in store.load_sales()}
    assert recorded[sold.listing_id].noticed_at == world.clock.now
    assert recorded[sold.listing_id].price == sold.listing.price
    (entry,) = store.load_log(sold.listing_id)
    assert entry.outcome == "skipped" and "Sold" in entry.reason
    assert price_tasks("failed") == []
    # The others went through, and the next plan stops the sold one without touching it.
    assert len(store.load_log(outcomes=("applied",))) == len(report.changes) - 1
    planned = {p.listing_id: p for p in sales.plan_all(world.engine)}
    assert planned[sold.listing_id].step.action == "stop"


def test_sales_a_week_asleep_makes_at_most_one_step_per_listing(world, drain) -> None:
    world.clock.advance(weeks=10)  # the laptop slept far longer than any interval
    first = sales.apply(world.engine)
    drain(world.session)
    applied = store.load_log(outcomes=("applied",))
    assert len(applied) == len(first.changes) > 0
    assert len({c.listing_id for c in applied}) == len(applied)
    assert sales.apply(world.engine).changes == []
    world.clock.advance(days=6)
    assert sales.apply(world.engine).changes == []
    world.clock.advance(days=1)
    assert sales.apply(world.engine).changes  # one interval after the wake, the next step


def test_sales_plan_survives_a_restart(world, drain) -> None:
    world.clock.advance(days=8)
    sales.apply(world.engine)
    drain(world.session)

    def seen() -> list[tuple]:
        return [
            (
                p.listing_id,
                p.phase,
                p.step.action,
                p.step.new_price,
                p.step.next_at,
                p.step.next_price,
                p.step.reason,
            )
            for p in sales.plan_all(world.engine)
        ]

    world.clock.advance(days=3)
    before = seen()
    world.reopen()
    assert seen() == before
    assert all(action == "hold" for _, _, action, *_ in before)


def test_sales_a_clock_set_back_changes_nothing(world, drain) -> None:
    world.clock.advance(days=8)
    sales.apply(world.engine)
    drain(world.session)
    world.clock.advance(days=-20)
    report = sales.apply(world.engine)
    assert report.changes == [] and price_tasks("pending") == []
    held = [p for p in sales.plan_all(world.engine) if "clock" in p.step.reason]
    assert held and all(p.step.action == "hold" for p in held)


def test_sales_automation_off_or_stop_switch_on_queue_nothing(world, drain) -> None:
    world.clock.advance(days=8)
    states = store.load_states()
    world.engine.config.automation.sales = False
    report = sales.apply(world.engine)
    assert "automation is off" in report.refused and report.changes == []
    assert price_tasks() == [] and store.load_states() == states

    world.engine.config.automation.sales = True
    sales.stop(world.engine)
    report = sales.apply(world.engine)
    assert "stop switch" in report.refused and price_tasks() == []

    sales.resume(world.engine)
    assert sales.apply(world.engine).changes
    dropped = sales.stop(world.engine)  # stopping drops what was queued
    assert dropped == len(price_tasks()) + dropped and price_tasks("pending") == []


def test_sales_stop_switch_catches_a_change_already_queued(world, drain) -> None:
    world.clock.advance(days=8)
    report = sales.apply(world.engine)
    prices = {x: p.price for x, p in world.state.listings.items()}
    meta.put(sales.STOPPED_KEY, "1")  # turned on by another process (the CLI) after the apply
    drain(world.session)
    assert {x: p.price for x, p in world.state.listings.items()} == prices
    assert {c.outcome for c in store.load_log()} == {"skipped"}
    assert len(store.load_log()) == len(report.changes)


def test_sales_dry_run_plans_but_applies_nothing(world, drain) -> None:
    world.clock.advance(days=8)
    prices = {x: p.price for x, p in world.state.listings.items()}
    states = store.load_states()
    report = sales.apply(world.engine, dry_run=True)
    assert report.dry_run and report.changes
    assert price_tasks() == []
    drain(world.session)
    assert {x: p.price for x, p in world.state.listings.items()} == prices
    after = store.load_states()
    assert all(after[p.listing_id] == states[p.listing_id] for p in report.changes)
    log = store.load_log()
    assert {c.outcome for c in log} == {"dry-run"} and len(log) == len(report.changes)
    again = sales.apply(world.engine, dry_run=True)
    assert [p.step.new_price for p in again.changes] == [p.step.new_price for p in report.changes]


def test_sales_price_changed_on_discogs_is_adopted_not_fought(world, drain) -> None:
    world.clock.advance(days=8)
    report = sales.apply(world.engine)
    drain(world.session)
    mine = report.changes[0].listing_id
    world.clock.advance(days=2)
    users = Money(report.changes[0].listing.price.cents * 2, "USD")
    world.state.set_listing_price(mine, str(users.decimal))  # the user, on Discogs
    world.sync(drain)  # the after-sync hook applies the ladder at once

    assert sandbox_cents(world, mine) == users.cents  # not fought
    state = store.load_state(mine)
    assert state.last_price == users and state.last_change_at == world.clock.now
    planned = {p.listing_id: p for p in sales.plan_all(world.engine)}[mine]
    assert planned.step.action == "hold"
    adoption = store.load_log(mine)[0]
    assert (adoption.outcome, adoption.new_price) == ("adopted", users)
    assert "adopted" in adoption.reason
    assert planned.step.next_at >= world.clock.now + timedelta(days=7)
    world.clock.advance(days=8)
    sales.apply(world.engine)
    drain(world.session)
    latest = store.load_log(mine, outcomes=("applied",))[0]
    assert latest.old_price == users and latest.new_price < users  # continued from it


def test_sales_listing_gone_404_is_refreshed_not_retried(world, drain) -> None:
    world.clock.advance(days=8)
    report = sales.apply(world.engine)
    gone = report.changes[0].listing_id
    with world.state.lock:
        del world.state.listings[gone]
    drain(world.session)
    assert store.load_listing(gone).status == "Deleted"
    (entry,) = store.load_log(gone)
    assert entry.outcome == "skipped" and "no longer has" in entry.reason
    (task,) = [t for t in price_tasks() if t.key == f"price:{gone}"]
    assert task.state == "done" and task.attempts == 1


def test_sales_edit_refused_422_refreshes_and_records_the_sale(world, drain) -> None:
    world.clock.advance(days=8)
    report = sales.apply(world.engine)
    target = report.changes[0].listing_id
    original = world.state.edit_listing
    edits: list[int] = []

    def sold_in_the_same_instant(listing_id: int, changes: dict) -> object:
        if listing_id == target:
            edits.append(listing_id)
            world.state.set_listing_status(listing_id, "Sold")
        return original(listing_id, changes)

    world.state.edit_listing = sold_in_the_same_instant
    drain(world.session)
    assert edits == [target]  # tried once, not retried
    (entry,) = store.load_log(target)
    assert entry.outcome == "failed" and "422" in entry.reason and "Sold" in entry.reason
    assert store.load_listing(target).status == "Sold"
    assert target in {s.listing_id for s in store.load_sales()}
    assert price_tasks("failed") == []


def test_sales_paused_listing_is_left_alone_until_resumed(world, drain) -> None:
    world.clock.advance(days=8)
    due = [p.listing_id for p in sales.plan_all(world.engine) if p.step.action == "change"]
    sales.set_paused(world.engine, due[0], True)
    report = sales.apply(world.engine)
    assert due[0] not in {p.listing_id for p in report.changes}
    sales.set_paused(world.engine, due[0], False)
    assert due[0] in {p.listing_id for p in sales.apply(world.engine).changes}


def test_sales_overrides_replace_the_market_and_hold_the_floor(world) -> None:
    world.clock.advance(days=8)
    due = next(p for p in sales.plan_all(world.engine) if p.step.action == "change")
    price = due.listing.price
    sales.set_market(world.engine, due.listing_id, Money(price.cents - 100, "USD"), None)
    sales.set_floor(world.engine, due.listing_id, Money(price.cents - 10, "USD"))
    planned = {p.listing_id: p for p in sales.plan_all(world.engine)}[due.listing_id]
    assert planned.market.median_source == "override"
    assert planned.step.new_price == Money(price.cents - 10, "USD")  # not below the floor
    sales.set_floor(world.engine, due.listing_id, None)
    sales.set_market(world.engine, due.listing_id, None, None)
    assert store.load_override(due.listing_id) is None


def test_sales_put_a_copy_up_for_sale_at_the_ladder_start(world, drain) -> None:
    listed = {x.instance_id for x in marketplace.load_listings()}
    record = next(r for r in collection.load_records() if r.instance_id not in listed)
    world.state.suggestions[record.release.id] = {
        "Very Good Plus (VG+)": {"currency": "USD", "value": 10.0}
    }
    hint = sales.start_price_for(
        world.engine, record.instance_id, "Very Good Plus (VG+)", fetch=True
    )
    assert hint.price == Money(1300, "USD") and "× 1.3" in hint.why
    price = sales.list_for_sale(
        world.engine, record.instance_id, "Very Good Plus (VG+)", "Generic", None
    )
    assert price == Money(1300, "USD")
    drain(world.session)
    (new,) = [x for x in world.state.listings.values() if x.release_id == record.release.id]
    assert (new.price, new.condition, new.sleeve_condition) == (
        Decimal("13.00"),
        "Very Good Plus (VG+)",
        "Generic",
    )
    stored = store.listing_of_instance(record.instance_id)
    assert stored.listing_id == new.id and stored.price == price
    assert store.load_state(new.id).phase == "start"
    with pytest.raises(sales.SalesError, match="listed for sale already"):
        sales.list_for_sale(world.engine, record.instance_id, "Mint (M)", None, None)


def test_sales_simulate_projects_every_listing(world) -> None:
    paths = sales.simulate(world.engine, 12)
    assert set(paths) == set(store.load_states())
    for points in paths.values():
        prices = [pt.price for pt in points]
        assert prices == sorted(prices, reverse=True)  # never raised by default
        assert all(a.at < b.at for a, b in zip(points, points[1:], strict=False))
