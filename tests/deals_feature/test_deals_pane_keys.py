"""Every key of the Deals pane on a real store polled over loopback: the detail, the browser,
dismiss, not this record, add to a want list, bought; saved searches added, refused inside their
dialog, edited, paused and deleted; the empty states and the eBay keys form."""

from __future__ import annotations

import stat
from typing import Any

import pytest
from deals_pane_app import DealsApp, polled_session, settle
from textual.widgets import Input

from gramtui.ebay.credentials import FILE_NAME
from gramtui.engine import deals, wants
from gramtui.store.models_deals import EbayListingRow, RefusedMatchRow, SavedSearchRow
from gramtui.store.models_wants import WantEntryRow
from gramtui.ui.panes.deals import SEARCH_HEADERS, DealsPane
from gramtui.ui.screens.deal_detail import DealDetailScreen
from gramtui.ui.screens.deal_search import SavedSearchScreen
from gramtui.ui.widgets.safe import DataTable, Static

pytestmark = pytest.mark.anyio


def _pane(pilot: Any) -> DealsPane:
    return pilot.app.query_one(DealsPane)


def _text(pilot: Any, selector: str) -> str:
    return str(pilot.app.query_one(selector, Static).render())


def _first(pilot: Any) -> deals.DealLine:
    pane = _pane(pilot)
    assert pane.data is not None and pane.data.deals
    return pane.data.deals[0]


async def test_deals_are_listed_by_score_with_what_they_cost_and_are_worth(world) -> None:
    session = polled_session(world)
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        pane = _pane(pilot)
        assert pane.data is not None
        scores = [float(d.score) for d in pane.data.deals if d.score is not None]
        assert scores == sorted(scores, reverse=True) and len(scores) >= 3
        table = pilot.app.query_one("#deals-table", DataTable)
        assert table.row_count == len(pane.data.deals)
        row = [str(c) for c in table.get_row_at(0)]
        best = pane.data.deals[0]
        assert row[0] == f"{float(best.score) * 100:+.0f}%"
        assert row[1].startswith(best.price) and best.currency in row[1]
        assert row[2].startswith(best.worth) and "Discogs" in row[2]
        assert best.method in row[4] and "%" in row[5] and "ago" in row[6]
        assert "deals" in _text(pilot, "#deals-summary") and "eBay" in _text(
            pilot, "#deals-summary"
        )


async def test_enter_shows_why_it_matched_and_o_opens_the_listing(world) -> None:
    session = polled_session(world)
    app = DealsApp(session)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        deal = _first(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealDetailScreen)
        shown = str(app.screen.query_one("#deal-detail-text", Static).render())
        assert deal.reason in shown and f"discogs.com/release/{deal.release_id}" in shown
        assert deal.url in shown and deal.title in shown
        await pilot.press("o")  # from the detail
        await settle(pilot)
        assert app.opened == [deal.url] and not isinstance(app.screen, DealDetailScreen)
        await pilot.press("o")  # from the list
        await settle(pilot)
        assert app.opened == [deal.url, deal.url]


async def test_a_listing_without_a_web_address_is_not_opened(world) -> None:
    session = polled_session(world)
    EbayListingRow.update(url="javascript:alert(1)").execute()
    app = DealsApp(session)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert app.opened == []


async def test_x_dismisses_a_deal_for_good(world) -> None:
    session = polled_session(world)
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        deal = _first(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert deal.item_id not in [d.item_id for d in _pane(pilot).data.deals]
    assert EbayListingRow.get_by_id(deal.item_id).dismissed
    deals.poll_round(session.engine, session.runner)  # found again: still not shown
    assert deal.item_id not in [d.item_id for d in deals.deal_lines(session.engine)]


async def test_n_says_not_this_record_and_the_pair_is_never_matched_again(world) -> None:
    session = polled_session(world)
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        deal = _first(pilot)
        await pilot.press("n")
        await settle(pilot)
        shown = [d for d in _pane(pilot).data.deals if d.item_id == deal.item_id]
        assert not shown or shown[0].release_id != deal.release_id
    assert RefusedMatchRow.get_or_none(item_id=deal.item_id, target_id=deal.release_id)
    assert EbayListingRow.get_by_id(deal.item_id).release_id != deal.release_id


async def test_w_adds_the_release_to_the_picked_want_list(world) -> None:
    session = polled_session(world)
    wants.create_list(session.engine, "Bargains")
    wants.create_list(session.engine, "Later")
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        deal = _first(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("down", "enter")  # the second list
        await settle(pilot)
    entries = list(WantEntryRow.select())
    assert [(e.release_id, e.want_list.name) for e in entries] == [(deal.release_id, "Later")]


async def test_w_without_a_want_list_says_how_to_make_one(world) -> None:
    session = polled_session(world)
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        said = [n.message for n in pilot.app._notifications]
        assert any("No want list yet" in m for m in said)
    assert WantEntryRow.select().count() == 0


async def test_b_marks_bought_and_b_again_takes_it_back(world) -> None:
    session = polled_session(world)
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        deal = _first(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert EbayListingRow.get_by_id(deal.item_id).bought
        table = pilot.app.query_one("#deals-table", DataTable)
        assert str(table.get_row_at(0)[3]).startswith("bought")
        await pilot.press("b")
        await settle(pilot)
        assert not EbayListingRow.get_by_id(deal.item_id).bought


async def _fill(pilot: Any, **fields: str) -> None:
    for name, value in fields.items():
        field = pilot.app.screen.query_one(f"#search-{name}", Input)
        field.value = value
    await pilot.pause()


async def _submit(pilot: Any) -> None:
    """Enter in the last field saves (Enter in the others moves on)."""
    pilot.app.screen.query_one("#search-interval", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_a_saved_search_is_added_edited_paused_and_deleted(world) -> None:
    session = polled_session(world)
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("s", "a")  # to the searches, add
        await settle(pilot)
        assert isinstance(pilot.app.screen, SavedSearchScreen)
        await _fill(pilot, name="coltrane", query="coltrane blue train", formats="vinyl")
        await _fill(pilot, **{"max-price": "30", "min-score": "0.3", "interval": "120"})
        await _submit(pilot)
        assert not isinstance(pilot.app.screen, SavedSearchScreen)
        row = SavedSearchRow.get(SavedSearchRow.name == "coltrane")
        assert (row.query, row.formats, row.max_price, row.min_score, row.interval_minutes) == (
            "coltrane blue train",
            ["Vinyl"],
            "30",
            "0.3",
            120,
        )
        table = pilot.app.query_one("#deals-searches", DataTable)
        assert str(table.get_row_at(0)[0]) == "coltrane"

        await pilot.press("e")
        await settle(pilot)
        await _fill(pilot, name="trane", query="john coltrane", formats="vinyl, cd")
        await _submit(pilot)
        row = SavedSearchRow.get_by_id(row.id)
        assert (row.name, row.query, row.formats) == ("trane", "john coltrane", ["Vinyl", "CD"])

        await pilot.press("p")
        await settle(pilot)
        assert SavedSearchRow.get_by_id(row.id).paused
        assert "paused" in str(table.get_row_at(0)[6])
        await pilot.press("p")
        await settle(pilot)
        assert not SavedSearchRow.get_by_id(row.id).paused

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert SavedSearchRow.select().count() == 0


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({"name": "", "query": "x"}, "Give the search a name"),
        ({"name": "a", "query": ""}, "Type what to search eBay for"),
        ({"name": "a", "query": "x", "formats": "8-track"}, "unknown format"),
        ({"name": "a", "query": "x", "max-price": "cheap"}, "is not a number"),
        ({"name": "a", "query": "x", "min-score": "5"}, "between -1 and 1"),
        ({"name": "taken", "query": "x"}, "exists already"),
    ],
)
async def test_a_refused_search_says_why_inside_its_dialog(world, fields, sentence) -> None:
    session = polled_session(world)
    deals.add_search(session.engine, "taken", "something")
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("s", "a")
        await settle(pilot)
        await _fill(pilot, **fields)
        await _submit(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SavedSearchScreen)  # still open
        assert sentence in str(screen.query_one("#search-message", Static).render())
        assert not [n for n in pilot.app._notifications if sentence in n.message]
    assert SavedSearchRow.select().count() == 1


async def test_without_ebay_keys_the_pane_says_how_to_enter_them(world, monkeypatch) -> None:
    monkeypatch.delenv("EBAY_CLIENT_ID")
    monkeypatch.delenv("EBAY_CLIENT_SECRET")
    world.clock = polled_session.__globals__["fixed_clock"]
    session = world.open()
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        empty = _text(pilot, "#deals-empty")
        assert "Press k" in empty and "EBAY_CLIENT_ID" in empty
        await pilot.press("k")
        await settle(pilot)
        await pilot.press(*"my-app-id", "enter", *"my-secret", "enter")
        await settle(pilot)
        assert "No deals yet" in _text(pilot, "#deals-empty")
        assert "next poll is due now" in _text(pilot, "#deals-empty")
    stored = session.paths.data_dir / FILE_NAME
    assert stored.read_text() == "my-app-id\nmy-secret\n"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600


async def test_listing_text_is_shown_literally(world) -> None:
    session = polled_session(world)
    hostile = "[bold]Kind[/bold] \x1b[31mOf\x1b[0m [link=https://evil.example]Blue[/link]"
    first = deals.deal_lines(session.engine)[0]
    EbayListingRow.update(title=hostile).where(EbayListingRow.item_id == first.item_id).execute()
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        cell = pilot.app.query_one("#deals-table", DataTable).get_row_at(0)[3]
        assert "[bold]Kind[/bold]" in cell.plain and "[link=https://evil.example]" in cell.plain
        assert "\x1b" not in cell.plain and not cell.spans[1:]
        line = _text(pilot, "#deals-line")
        assert "[bold]Kind[/bold]" in line and "\x1b" not in line


async def test_the_searches_header_is_as_wide_as_its_rows_from_the_first_frame(world) -> None:
    """A frame drawn between filling the saved searches and the table's next idle (when a
    DataTable measures auto-width columns) cached a header at its labels' widths, and it stayed
    so above the widened rows (a CI failure). The columns now get their widths as they are filled."""
    session = polled_session(world)
    deals.add_search(session.engine, "a rather long search name", "coltrane blue train")
    async with DealsApp(session).run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        pane = _pane(pilot)
        assert pane.data is not None
        table = pilot.app.query_one("#deals-searches", DataTable)
        table.clear(columns=True)  # as the pane mounted it: headers only
        table.add_columns(*SEARCH_HEADERS)
        pane._show(pane.data)
        table.render_line(0)  # a frame before the table's idle
        await settle(pilot)
        header, row = table.render_line(0).text, table.render_line(1).text
        assert header.index("Searches for") == row.index("coltrane blue train")
        assert header.index("Formats") > row.index("coltrane blue train") + 19
