"""What the Sales pane and its modals look like at 110x34 (a fixed clock, workers finished)."""

from __future__ import annotations

from helpers.settle import settle
from sales_ui_app import SalesApp, with_history
from textual.widgets import DataTable

from gramtui.engine import sales
from gramtui.store import collection, marketplace
from gramtui.ui.panes.sales import SalesPane


async def on_stepped_listing(pilot) -> None:
    """The cursor on the listing the ladder changed most, so the plot has a past."""
    await settle(pilot)
    steps = [c.listing_id for c in sales.change_log() if c.outcome == "applied"]
    most = max(set(steps), key=lambda lid: (steps.count(lid), lid))
    ids = [p.listing_id for p in pilot.app.query_one(SalesPane).view.planned]
    pilot.app.query_one("#sales-table", DataTable).move_cursor(row=ids.index(most))
    await settle(pilot)


def test_sales_pane_with_plot(world, drain, snap_compare, size: tuple[int, int]) -> None:
    app = SalesApp(with_history(world, drain))
    assert snap_compare(app, terminal_size=size, run_before=on_stepped_listing)


def test_sales_floor_form(world, drain, snap_compare, size: tuple[int, int]) -> None:
    app = SalesApp(with_history(world, drain))

    async def open_form(pilot) -> None:
        await on_stepped_listing(pilot)
        await pilot.press("f", *"4.50")

    assert snap_compare(app, terminal_size=size, run_before=open_form)


def test_sales_market_override_form_refuses_a_bad_amount(
    world, drain, snap_compare, size: tuple[int, int]
) -> None:
    app = SalesApp(with_history(world, drain))

    async def open_form(pilot) -> None:
        await on_stepped_listing(pilot)
        await pilot.press("o", *"9.99", "enter", *"cheap", "enter")

    assert snap_compare(app, terminal_size=size, run_before=open_form)


def test_sales_change_log(world, drain, snap_compare, size: tuple[int, int]) -> None:
    app = SalesApp(with_history(world, drain))

    async def open_log(pilot) -> None:
        await settle(pilot)
        world.clock.advance(days=8)
        await pilot.press("d")  # a dry run adds its lines too
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.press("l")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_log)


def test_sales_sell_form_prefills_the_start_price(
    world, drain, snap_compare, size: tuple[int, int]
) -> None:
    session = with_history(world, drain)
    listed = {x.instance_id for x in marketplace.load_listings()}
    record = min(
        (r for r in collection.load_records() if r.instance_id not in listed),
        key=lambda r: r.instance_id,
    )
    app = SalesApp(session)

    async def open_form(pilot) -> None:
        await settle(pilot)
        await pilot.press("n", *str(record.instance_id), "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_form)


def test_sales_stop_switch_confirm(world, drain, snap_compare, size: tuple[int, int]) -> None:
    app = SalesApp(with_history(world, drain))

    async def ask(pilot) -> None:
        await settle(pilot)
        await pilot.press("s")

    assert snap_compare(app, terminal_size=size, run_before=ask)
