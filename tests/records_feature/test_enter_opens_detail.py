"""Enter on a record wherever it is listed opens its detail screen (issue 11.4, 13)."""

from __future__ import annotations

import pytest
from records_helpers import app_on, settle, shown
from textual.widgets import ContentSwitcher

from gramtui.engine import rules
from gramtui.engine.setup import Session
from gramtui.store.models import ListingRow
from gramtui.ui.panes.moves import MovesView
from gramtui.ui.screens.record_detail import RecordDetailScreen
from gramtui.ui.screens.rules_dry_run import RulesDryRunScreen
from gramtui.ui.widgets.record_list import RecordList
from gramtui.ui.widgets.safe import DataTable, OptionList
from gramtui.ui.widgets.shelf_list import ShelfList

pytestmark = pytest.mark.anyio
SIZE = (140, 40)


async def test_enter_in_the_collection_list(session: Session) -> None:
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        records = app.query_one(RecordList)
        await pilot.press("down", "down")
        row = records.current
        assert row is not None
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordDetailScreen)
        assert screen.instance_id == row.instance_id
        text = shown(screen)
        assert row.title in text and f"instance {row.instance_id}" in text
        assert "On the shelves" in text and "Market" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, RecordDetailScreen)


async def test_enter_in_the_organisation_view(session: Session) -> None:
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")  # the organisation view, laid out in a worker
        await settle(pilot)
        assert app.query_one("#shelves-switcher", ContentSwitcher).current == "organisation"
        shelf = app.query_one(ShelfList)
        shelf.focus()
        await pilot.press("down", "down")
        placement = shelf.rows.placement_at(shelf.cursor)  # type: ignore[attr-defined]
        assert placement is not None
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordDetailScreen)
        assert screen.instance_id == placement.instance_id
        assert "Living Room" in shown(screen) or "Singles Crate" in shown(screen)


async def test_enter_in_the_moves_list(session: Session) -> None:
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v", "v")  # the moves of the organisation shown
        await settle(pilot)
        view = app.query_one(MovesView)
        assert view.moves_batch is not None and view.moves_batch.moves
        app.query_one("#moves-list", OptionList).focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordDetailScreen)
        assert screen.instance_id == view.moves_batch.moves[1].move.instance_id


async def test_enter_in_the_rules_dry_run(session: Session) -> None:
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        run = rules.dry_run(session.engine, "[classification]\nis_uncleaned -> to_be_cleaned\n")
        assert run.changes
        picked: list[int | None] = []
        app.push_screen(RulesDryRunScreen(run), picked.append)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordDetailScreen)
        first = [*run.moves, *(c for c in run.changes if c.to_folder is None)][0]
        assert screen.instance_id == first.instance_id
        await pilot.press("escape")  # back to the dry run, not out of it
        assert isinstance(app.screen, RulesDryRunScreen)
        await pilot.press("w")  # why, by the rules of the dry run: the Rules pane explains it
        await pilot.pause()
        assert picked == [first.instance_id]


async def test_enter_in_sales(session: Session) -> None:
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.query_one("#sales-table", DataTable)
        assert table.row_count
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordDetailScreen)
        listing = ListingRow.get(ListingRow.release_id == screen.release_id)
        text = shown(screen)
        assert str(listing.id) in text and "For Sale" in text


async def test_enter_on_a_want_list_entry(session: Session) -> None:
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.query_one("#wants-entries", DataTable)
        assert table.row_count
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordDetailScreen)
        assert screen.release_id == 1367524  # the first entry of "Jazz essentials"
        assert "Jazz essentials" in shown(screen)
