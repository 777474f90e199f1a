"""Keyboard flows of the Sales pane, against a synced sandbox session and its real queue."""

from __future__ import annotations

import pytest
from helpers.settle import settle
from sales_ui_app import SalesApp, with_history
from textual.widgets import DataTable, Input

from gramtui.domain.money import Money
from gramtui.engine import sales
from gramtui.store import collection, marketplace
from gramtui.store import sales as store
from gramtui.store.models import Task
from gramtui.ui.panes.sales import SalesPane
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.sales_list import SalesListScreen
from gramtui.ui.screens.sales_log import SalesLogScreen
from gramtui.ui.screens.sales_money import SalesMoneyScreen

pytestmark = pytest.mark.anyio
SIZE = (110, 34)


def tasks(kind: str) -> list[Task]:
    return list(Task.select().where((Task.kind == kind) & (Task.state == "pending")))


async def test_sales_pane_lists_pauses_and_shows_the_log(world, drain) -> None:
    app = SalesApp(with_history(world, drain))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.query_one(SalesPane)
        assert app.query_one("#sales-table", DataTable).row_count == 8
        first = pane.selected()
        await pilot.press("p")
        await settle(pilot)
        assert store.load_state(first.listing_id).paused and pane.selected().paused
        await pilot.press("p")
        await settle(pilot)
        assert not store.load_state(first.listing_id).paused

        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, SalesLogScreen)
        assert app.screen.query_one(DataTable).row_count == len(store.load_log()) > 0
        await pilot.press("escape")
        assert not isinstance(app.screen, SalesLogScreen)


async def test_sales_pane_sets_a_floor_and_the_market_figures(world, drain) -> None:
    app = SalesApp(with_history(world, drain))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing_id = app.query_one(SalesPane).selected().listing_id
        await pilot.press("f")
        assert isinstance(app.screen, SalesMoneyScreen)
        await pilot.press(*"abc", "enter")
        assert isinstance(app.screen, SalesMoneyScreen)  # refused, says what to type
        app.screen.query_one(Input).value = ""
        await pilot.press(*"5.25", "enter")
        await settle(pilot)
        assert store.load_override(listing_id).floor == Money(525, "USD")

        await pilot.press("o", *"20", "enter", *"4.5", "enter")
        await settle(pilot)
        override = store.load_override(listing_id)
        assert (override.median, override.low) == (Money(2000, "USD"), Money(450, "USD"))
        assert override.floor == Money(525, "USD") and override.median_at == world.clock.now
        assert app.query_one(SalesPane).selected().market.median_source == "override"

        await pilot.press("o", "escape")  # cancelled: nothing changes
        await settle(pilot)
        assert store.load_override(listing_id) == override


async def test_sales_pane_dry_run_and_apply_after_confirming(world, drain) -> None:
    session = with_history(world, drain)
    world.clock.advance(days=8)
    due = {p.listing_id for p in sales.plan_all(world.engine) if p.step.action == "change"}
    assert due
    app = SalesApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert {c.listing_id for c in store.load_log() if c.outcome == "dry-run"} == due
        assert tasks(sales.PRICE_KIND) == []

        await pilot.press("a")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert tasks(sales.PRICE_KIND) == []
        await pilot.press("a", "y")
        await settle(pilot)
        assert {t.key for t in tasks(sales.PRICE_KIND)} == {f"price:{i}" for i in due}


async def test_sales_pane_stop_switch_asks_first_and_manual_apply_is_refused(world, drain) -> None:
    session = with_history(world, drain)
    world.clock.advance(days=8)
    world.engine.config.automation.sales = False
    app = SalesApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")  # automation off: refused at once, nothing to confirm
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert tasks(sales.PRICE_KIND) == []
        await pilot.press("s", "n")
        await settle(pilot)
        assert not sales.is_stopped()
        await pilot.press("s", "y")
        await settle(pilot)
        assert sales.is_stopped()
        assert "STOPPED" in str(app.query_one("#sales-status").render())
        await pilot.press("s", "y")
        await settle(pilot)
        assert not sales.is_stopped()


async def test_sales_pane_puts_a_copy_up_for_sale_at_the_start_price(world, drain) -> None:
    session = with_history(world, drain)
    listed = {x.instance_id for x in marketplace.load_listings()}
    record = next(r for r in collection.load_records() if r.instance_id not in listed)
    world.state.suggestions[record.release.id] = {
        "Very Good Plus (VG+)": {"currency": "USD", "value": 10.0}
    }
    app = SalesApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, SalesListScreen)
        await pilot.press(*str(record.instance_id), "enter")
        await settle(pilot)
        assert app.screen.query_one("#sell-price", Input).value == "13.00"
        app.screen.query_one("#sell-price", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
    (task,) = tasks(sales.CREATE_KIND)
    assert task.key == f"create-listing:{record.instance_id}"
    assert task.payload["price"] == [1300, "USD"]
    assert task.payload["condition"] == "Very Good Plus (VG+)"
