"""Bad market data never moves a price (issue 17), raises are capped (issue 19.6), stale figures
are refreshed before the ladder acts on them (issue 13.12): against the sandbox over loopback,
on a real SQLite file, with the real queue, runner and `gramtui sales` command."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from helpers.clock import FakeClock
from helpers.workers import workers_done
from rich.console import Console
from sales_ui_app import SalesApp
from test_sales_cli import gramtui

from gramtui.domain.tasks import Priority
from gramtui.engine import handlers, sales
from gramtui.engine.sync import request_sync
from gramtui.settings.config import Config
from gramtui.store import collection, marketplace
from gramtui.store import sales as store
from gramtui.store.models import Task
from gramtui.ui.panes.sales import SalesPane, _info
from gramtui.ui.screens.confirm import ConfirmScreen

BAD = ["zero", "negative", "huge", "currency"]
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def prices(server) -> dict[int, object]:
    return {x: p.price for x, p in server.sandbox.state.listings.items()}


def pending(kind: str) -> list[Task]:
    return list(Task.select().where((Task.kind == kind) & (Task.state == "pending")))


@pytest.fixture
def market_world(sandbox_server, make_session, drain, monkeypatch):
    """market_world(bad_market, **sales_settings) -> (server, session, clock): ten listings
    (eight For Sale) synced at a movable clock, sales automation on, the apply bound and the
    market age at their defaults unless given."""
    monkeypatch.setattr(handlers, "after_sync_hooks", lambda: [sales.after_sync])

    def make(bad_market: str = "", *, max_age: int = 7, **settings: object):
        server = sandbox_server(instances=30, listings=10, wants=0, bad_market=bad_market)
        clock = FakeClock(START)
        config = Config()
        config.automation.sales = True
        config.sync.market_max_age_days = max_age
        for key, value in settings.items():
            setattr(config.sales, key, value)
        session = make_session(server.url, clock=clock, config=config)
        session.runner.handlers.update(sales.HANDLERS)
        request_sync(session.engine, "full")
        drain(session)
        return server, session, clock

    return make


@pytest.mark.parametrize("bad", BAD)
def test_a_year_of_a_bad_market_moves_no_price(bad, market_world, drain) -> None:
    """A weekly apply (confirmed, raising allowed) for a year, the market held still: nothing
    is sent, and every listing holds with the refused figure named in the plan and the log."""
    server, session, clock = market_world(bad, max_age=3650, allow_raise=True)
    before = prices(server)
    for _ in range(52):
        clock.advance(days=7)
        sales.apply(session.engine, confirmed=True)
        drain(session)
    assert prices(server) == before
    assert store.load_log(outcomes=("applied", "dry-run", "failed")) == []
    planned = sales.plan_all(session.engine)
    refused = [p for p in planned if p.market.refused]
    assert refused and all(p.step.action == "hold" for p in refused)
    assert all("refused" in p.step.reason for p in refused)
    held = store.load_log(outcomes=("held",))
    assert {c.listing_id for c in held} == {p.listing_id for p in refused}
    assert len(held) == len(refused)  # logged once, not at every apply


def test_the_same_year_of_a_sane_market_does_move_prices(market_world, drain) -> None:
    server, session, clock = market_world("", max_age=3650, allow_raise=True)
    before = prices(server)
    for _ in range(52):
        clock.advance(days=7)
        sales.apply(session.engine, confirmed=True)
        drain(session)
    assert prices(server) != before and store.load_log(outcomes=("applied",))


@pytest.fixture
def synced_bad(tmp_path, sandbox_server, make_session, drain, monkeypatch):
    """synced_bad(bad_market): a data directory synced from that market, its listings on the
    ladder for eight days, and the command line wired as the app wires it."""

    def make(bad_market: str):
        server = sandbox_server(instances=30, listings=10, wants=0, bad_market=bad_market)
        (tmp_path / "config.toml").write_text(
            f'[discogs]\nurl = "{server.url}"\n[automation]\nsales = true\n'
            "[sales]\nallow_raise = true\n"
        )
        monkeypatch.setenv("DISCOGS_TOKEN", "sandbox-token")
        monkeypatch.setattr(handlers, "ALL", {**handlers.ALL, **sales.HANDLERS})
        session = make_session(server.url)
        request_sync(session.engine, "full")
        drain(session)
        sales.apply(session.engine)
        eight_days_ago = session.engine.clock() - timedelta(days=8)
        store.save_states(
            [
                replace(s, entered_at=eight_days_ago, last_change_at=eight_days_ago)
                for s in store.load_states().values()
            ],
            eight_days_ago,
        )
        session.close()
        return server

    return make


@pytest.mark.parametrize("bad", BAD)
def test_sales_apply_run_over_a_bad_market_sends_nothing(bad, tmp_path, synced_bad, capsys) -> None:
    server = synced_bad(bad)
    before = prices(server)
    assert gramtui(tmp_path, "sales", "apply", "--run", "--yes", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["changes"] == [] and prices(server) == before
    assert gramtui(tmp_path, "sales", "plan") == 0
    out = capsys.readouterr().out
    assert "held: price suggestion" in out and "refused" in out
    assert "floor " in out and "of first price" in out


def test_sales_apply_over_the_bound_refuses_until_yes(tmp_path, synced_bad, capsys) -> None:
    server = synced_bad("")
    before = prices(server)
    assert gramtui(tmp_path, "sales", "apply", "--run") == 1
    captured = capsys.readouterr()
    found = re.search(
        r"Nothing sent: (\d+) of 8 listings would change at once, more than the "
        r"25 % or 20 listings",
        captured.err,
    )
    assert found and int(found[1]) > 2  # more than 25 % of 8
    assert "`gramtui sales apply --yes`" in captured.err and prices(server) == before
    assert gramtui(tmp_path, "sales", "apply", "--run", "--yes") == 0
    assert capsys.readouterr().out.startswith(f"sent: {found[1]} prices")
    assert sum(prices(server)[x] != before[x] for x in before) == int(found[1])


def test_the_automatic_apply_holds_over_the_bound_and_says_so(market_world, drain) -> None:
    server, session, clock = market_world(
        "", allow_raise=True, apply_max_count=3, apply_max_share=Decimal(100)
    )
    before = prices(server)
    clock.advance(days=8)
    request_sync(session.engine, "full")
    drain(session)  # the after-sync hook applies the ladder: more than 3 changes due
    assert prices(server) == before and pending(sales.PRICE_KIND) == []
    found = re.search(r"(\d+) of 8 listings would change at once", sales.bound_note())
    assert found and int(found[1]) > 3
    sales.apply(session.engine, confirmed=True)  # the user confirms
    assert sales.bound_note() == "" and len(pending(sales.PRICE_KIND)) == int(found[1])


@pytest.mark.anyio
async def test_the_pane_asks_before_an_apply_over_the_bound(market_world, drain) -> None:
    server, session, clock = market_world("", max_age=3650, allow_raise=True)
    clock.advance(days=8)
    app = SalesApp(session)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert app.query_one(SalesPane).view is not None
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        found = re.search(r"(\d+) of 8 listings would change at once", app.screen.question)
        assert found and int(found[1]) > 2
        await pilot.press("y")
        await pilot.pause()
        await workers_done(app)
    assert len(pending(sales.PRICE_KIND)) == int(found[1])


def test_stale_figures_are_refreshed_before_the_price_changes(market_world, drain) -> None:
    server, session, clock = market_world("", apply_max_share=Decimal(100), apply_max_count=100)
    clock.advance(days=8)  # the figures read at the sync are now older than 7 days
    report = sales.apply(session.engine)
    assert report.changes == [] and report.refreshing
    planned = sales.plan_all(session.engine)
    assert all("days old" in p.step.reason for p in planned if p.market.refused)
    market_tasks = pending("market.suggestions") + pending("market.stats")
    assert {t.priority for t in market_tasks} == {Priority.SYNC}
    (replan,) = pending(sales.REPLAN_KIND)
    assert replan.id > max(t.id for t in market_tasks)  # read first, then plan again
    before = prices(server)
    drain(session)
    applied = store.load_log(outcomes=("applied",))
    assert applied and sum(prices(server)[x] != before[x] for x in before) == len(applied)
    assert all(p.market.refused == () for p in sales.plan_all(session.engine))


def test_a_zero_suggestion_is_no_start_price(world) -> None:
    """Putting a copy up for sale: a suggestion of 0.00 must not prefill a price of 0.01."""
    listed = {x.instance_id for x in marketplace.load_listings()}
    record = next(r for r in collection.load_records() if r.instance_id not in listed)
    world.state.suggestions[record.release.id] = {
        "Very Good Plus (VG+)": {"currency": "USD", "value": 0.0}
    }
    hint = sales.start_price_for(
        world.engine, record.instance_id, "Very Good Plus (VG+)", fetch=True
    )
    assert hint.price is None
    assert hint.why == "the price suggestion 0.00 USD refused: zero: type a price"
    with pytest.raises(sales.SalesError, match="give a price"):
        sales.list_for_sale(world.engine, record.instance_id, "Very Good Plus (VG+)", None, None)


def test_the_floor_of_a_listing_tracked_before_first_prices_comes_from_its_log(
    world, drain
) -> None:
    world.clock.advance(days=8)
    report = sales.apply(world.engine)
    drain(world.session)
    stepped = report.changes[0]
    first = stepped.listing.price
    # States as an older gramtui stored them: no first price.
    store.save_states(
        [replace(s, first_price=None) for s in store.load_states().values()], world.clock.now
    )
    planned = {p.listing_id: p for p in sales.plan_all(world.engine)}
    floor = planned[stepped.listing_id].floor
    assert floor.source == f"50% of first price {first.decimal:.2f}"
    assert floor.price.cents == (first.cents + 1) // 2  # half up


@pytest.mark.anyio
async def test_the_pane_shows_the_refused_figure_and_where_the_floor_comes_from(
    market_world, drain
) -> None:
    server, session, clock = market_world("zero", max_age=3650)
    clock.advance(days=8)
    app = SalesApp(session)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        pane = app.query_one(SalesPane)
        p = pane.selected()
        assert p is not None and p.market.refused
        console = Console(width=60, record=True, color_system=None)
        console.print(_info(p, clock.now))
        info = console.export_text()
        assert f"{p.floor.price} = 50% of first price {p.listing.price.decimal:.2f}" in info
        assert "price suggestion 0.00 USD refused: zero" in info
        row = app.query_one("#sales-table").get_row_at(0)
        assert "(refused)" in str(row[5]) and "(refused)" in str(row[6])
