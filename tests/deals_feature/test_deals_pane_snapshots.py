"""What the Deals pane looks like at 160×48 and at 80×24: the deals, a deal's detail, the
saved-search form refusing a bad price inside its dialog, and the empty state without eBay keys."""

from __future__ import annotations

from typing import Any

import pytest
from deals_pane_app import DealsApp, fixed_clock, polled_session, settle

from gramtui.engine import deals

SIZES = [(160, 48), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_deals_and_searches(snap_compare, world, size) -> None:
    session = polled_session(world)
    deals.add_search(session.engine, "coltrane", "coltrane blue train", formats="vinyl")

    async def shown(pilot: Any) -> None:
        await settle(pilot)

    assert snap_compare(DealsApp(session), terminal_size=size, run_before=shown)


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_a_deal_in_detail(snap_compare, world, size) -> None:
    session = polled_session(world)

    async def detail(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(DealsApp(session), terminal_size=size, run_before=detail)


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_the_search_form_refuses_a_bad_price_inside_it(snap_compare, world, size) -> None:
    session = polled_session(world)

    async def bad_price(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("s", "a", *"jazz", "enter", *"blue note", "enter", "enter")
        await pilot.press(*"cheap", "enter", "enter", "enter")
        await settle(pilot)

    assert snap_compare(DealsApp(session), terminal_size=size, run_before=bad_price)


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_without_ebay_keys(snap_compare, world, monkeypatch, size) -> None:
    monkeypatch.delenv("EBAY_CLIENT_ID")
    monkeypatch.delenv("EBAY_CLIENT_SECRET")
    world.clock = fixed_clock
    session = world.open()

    async def shown(pilot: Any) -> None:
        await settle(pilot)

    assert snap_compare(DealsApp(session), terminal_size=size, run_before=shown)
