"""Where the app asked for an id, the user types part of an artist, title, label or catalogue
number and picks from a list; ids still work (issue 13, "Stop asking for ids")."""

from __future__ import annotations

import pytest
from records_helpers import app_on, settle, shown
from textual.widgets import Input

from gramtui.engine import record_search
from gramtui.engine.setup import Session
from gramtui.store.models import InstanceRow, ReleaseRow
from gramtui.ui.messages import OpenRecord
from gramtui.ui.screens.record_detail import RecordDetailScreen
from gramtui.ui.screens.record_pick import RecordPickScreen
from gramtui.ui.screens.rules_explain import RulesExplainScreen
from gramtui.ui.screens.sales_list import SalesListScreen
from gramtui.ui.widgets.safe import OptionList

pytestmark = pytest.mark.anyio
SIZE = (140, 40)


def notebooks() -> int:
    """The instance id of Max Richter's The Blue Notebooks in the sample."""
    row = InstanceRow.select().join(ReleaseRow).where(ReleaseRow.title == "The Blue Notebooks")
    return int(row.get().id)


def test_search_by_words_of_title_label_catno_and_by_id(session: Session) -> None:
    iid = notebooks()
    assert [f.id for f in record_search.find("instance", "blue NOTEBOOKS")] == [iid]
    assert iid in [f.id for f in record_search.find("instance", "richter 130701")]  # label
    assert iid in [f.id for f in record_search.find("instance", "CD13-04")]  # catalogue number
    assert record_search.find("instance", str(iid))[0].id == iid
    release = InstanceRow.get_by_id(iid).release_id
    assert record_search.find("release", "notebooks")[0].id == release
    assert record_search.find("instance", "no such record anywhere") == []


async def test_why_picks_a_record_by_part_of_its_title(session: Session) -> None:
    iid = notebooks()
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.query_one("#rules-list").focus()
        await pilot.press("x")
        picker = app.screen
        assert isinstance(picker, RecordPickScreen)
        await pilot.press(*"blue noteb")
        await settle(pilot)
        options = picker.query_one(OptionList)
        assert options.option_count == 1
        assert "Max Richter — The Blue Notebooks" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RulesExplainScreen)
        assert app.screen.question.startswith(f"Why is record {iid} ")


async def test_an_id_typed_and_entered_at_once_still_works(session: Session) -> None:
    iid = notebooks()
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.query_one("#rules-list").focus()
        await pilot.press("x", *str(iid), "enter")  # Enter before the search came back
        await settle(pilot)
        assert isinstance(app.screen, RulesExplainScreen)
        assert app.screen.question.startswith(f"Why is record {iid} ")


async def test_sell_picks_the_copy_by_words(session: Session) -> None:
    iid = notebooks()
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, SalesListScreen)
        await pilot.press(*"richter blue", "enter")
        await settle(pilot)
        assert isinstance(app.screen, RecordPickScreen)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SalesListScreen)
        assert form.query_one("#sell-instance", Input).value == str(iid)
        assert "Max Richter — The Blue Notebooks" in str(form.query_one("#sell-hint").render())


async def test_markup_in_a_title_shows_literally(session: Session) -> None:
    iid = notebooks()
    release = InstanceRow.get_by_id(iid).release_id
    ReleaseRow.update(
        title="[bold]x[/]", artist="AC/DC [/live]", artists=[["AC/DC [/live]", "", ""]]
    ).where(ReleaseRow.id == release).execute()
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.post_message(OpenRecord(instance_id=iid))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordDetailScreen)
        assert "AC/DC [/live] — [bold]x[/]" in shown(screen)
        await pilot.press("r")  # the rating picker, then the record picker, quote it too
        await pilot.press("escape")
        app.push_screen(RecordPickScreen(("instance",), query="[bold]x[/]"))
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        assert "AC/DC [/live] — [bold]x[/]" in str(options.get_option_at_index(0).prompt)
