"""Keyboard flows of the Wants pane, driven with Pilot on a real session and database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers.settle import settle as _settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, Static
from wants_pane_app import WantsApp, fill_sample, pane_session

from gramtui.engine.setup import Session
from gramtui.store import wants as store
from gramtui.store.models import Task
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.want_entry import WantEntryScreen, WantListScreen

SIZE = (130, 32)
pytestmark = pytest.mark.anyio


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = pane_session(tmp_path)
    fill_sample(s)
    yield s
    s.close()


def _jazz() -> list[tuple[str, str]]:
    jazz = store.load_lists("Jazz essentials")[0]
    return [(e.entry_id, e.state) for e in jazz.entries]


async def _to_row(pilot: Pilot[None], row: int) -> DataTable:
    table = pilot.app.query_one("#wants-entries", DataTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()
    return table


async def test_add_an_entry_with_the_form(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(pilot.app.screen, WantEntryScreen)
        await pilot.press(*"abc", "enter", "enter")  # nonsense is refused with a sentence
        assert isinstance(pilot.app.screen, WantEntryScreen)
        pilot.app.screen.query_one("#want-id").value = ""
        pilot.app.screen.query_one("#want-id").focus()
        await pilot.press(*"m999", "enter", *"LP", "enter")
        await _settle(pilot)
        assert not isinstance(pilot.app.screen, WantEntryScreen)
        assert _jazz()[-1] == ("m:999:LP", "pending")
        table = pilot.app.query_one("#wants-entries", DataTable)
        assert table.row_count == 6
        assert "master 999 (LP)" in str(table.get_row_at(5)[1])


async def test_reorder_with_shift_arrows_and_k_j(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        table = await _to_row(pilot, 1)
        await pilot.press("K")
        await _settle(pilot)
        assert [e for e, _ in _jazz()][:2] == ["r:1234", "r:249504"]
        assert table.cursor_row == 0  # the cursor follows the entry
        await pilot.press("shift+down", "shift+down")
        await _settle(pilot)
        assert [e for e, _ in _jazz()][:3] == ["r:249504", "m:4242:Vinyl", "r:1234"]
        assert table.cursor_row == 2
        await pilot.press("J")
        await _settle(pilot)
        assert [e for e, _ in _jazz()][3] == "r:1234"


async def test_switch_mode_cycles_and_asks_for_spread_dates(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await _settle(pilot)
        assert store.load_lists("Jazz essentials")[0].mode == "en_masse"
        await pilot.press("m")  # spread needs a range: the settings form opens on its dates
        assert isinstance(pilot.app.screen, WantListScreen)
        await pilot.press(*"2026-03-01", "enter")
        assert isinstance(pilot.app.screen, WantListScreen)  # the end date is still missing
        pilot.app.screen.query_one("#list-to").focus()
        await pilot.press(*"2026-04-01", "enter")
        await _settle(pilot)
        jazz = store.load_lists("Jazz essentials")[0]
        assert (jazz.mode, jazz.spread_start, jazz.spread_end) == (
            "spread",
            date(2026, 3, 1),
            date(2026, 4, 1),
        )
        await pilot.press("m")
        await _settle(pilot)
        assert store.load_lists("Jazz essentials")[0].mode == "one_by_one"


async def test_pause_and_resume(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await _settle(pilot)
        assert store.load_lists("Jazz essentials")[0].paused is True
        option = pilot.app.query_one("#wants-lists", OptionList).get_option_at_index(0)
        assert "paused" in str(option.prompt)
        await pilot.press("p")
        await _settle(pilot)
        assert store.load_lists("Jazz essentials")[0].paused is False


async def test_pausing_with_automation_off_does_not_claim_wants_come_off_discogs(
    session: Session,
) -> None:
    # Issue 13 item 6: the notice said the wants "come off Discogs" while nothing was sent.
    session.engine.config.automation.wants = False
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await _settle(pilot)
        said = [n.message for n in pilot.app._notifications]
        assert any("stay on Discogs until [automation] wants = true" in m for m in said), said
        assert not any("come off Discogs" in m for m in said)


async def test_remove_asks_first(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await _to_row(pilot, 1)
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await _settle(pilot)
        assert len(_jazz()) == 5
        await pilot.press("delete")
        await pilot.press("y")
        await _settle(pilot)
        assert [e for e, _ in _jazz()] == ["r:249504", "m:4242:Vinyl", "r:77", "r:88"]


async def test_want_again_after_removal_by_hand(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await _to_row(pilot, 4)
        detail = str(pilot.app.query_one("#wants-detail").render())
        assert "removed on Discogs by hand" in detail and "w wants it again" in detail
        await pilot.press("w")
        await _settle(pilot)
        assert _jazz()[4] == ("r:88", "pending")


async def test_adopt_an_unmanaged_want_into_the_list_shown_last(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        options = pilot.app.query_one("#wants-lists", OptionList)
        options.focus()
        await pilot.press("down", "down")
        table = pilot.app.query_one("#wants-entries", DataTable)
        assert table.row_count == 2 and "Sun Ra" in str(table.get_row_at(0)[1])
        await pilot.press("o")
        assert "into 'Spring digging'" in str(pilot.app.screen.query_one(".dialog-text").render())
        await pilot.press("y")
        await _settle(pilot)
        spring = store.load_lists("Spring digging")[0]  # the list shown last before Unmanaged
        assert [(e.entry_id, e.state) for e in spring.entries][-1] == ("r:31337", "live")
        assert [w.release_id for w in pilot.app.query_one("WantsPane").data.unmanaged] == [31338]


async def test_with_automation_on_an_edit_queues_the_change(tmp_path: Path) -> None:
    session = pane_session(tmp_path, automation=True)
    try:
        fill_sample(session)
        async with WantsApp(session).run_test(size=SIZE) as pilot:
            await pilot.press("p")
            await _settle(pilot)
            pending = [
                (t.key, t.payload["action"])
                for t in Task.select()
                if t.state == "pending" and t.kind == "want.set"
            ]
            assert pending == [("want:249504", "remove")]
    finally:
        session.close()


async def test_a_new_list(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(pilot.app.screen, WantListScreen)
        await pilot.press(*"Krautrock", "enter")
        await _settle(pilot)
        assert store.list_names() == ["Jazz essentials", "Spring digging", "Krautrock"]
        assert pilot.app.query_one("WantsPane").current == "Krautrock"


async def test_a_spread_ending_before_it_starts_is_refused_inside_the_dialog(
    session: Session,
) -> None:
    # Issue 13 item 8: the dialog closed and the error came as a toast, the typing lost.
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        screen = pilot.app.screen
        assert isinstance(screen, WantListScreen)
        screen.query_one("#list-name", Input).value = "Autumn"
        screen.query_one("#list-mode", Select).value = "spread"
        screen.query_one("#list-from", Input).value = "2026-05-31"
        screen.query_one("#list-to", Input).value = "2026-03-01"
        screen.query_one("#list-to", Input).focus()
        await pilot.press("enter")  # Enter in the last field submits
        await _settle(pilot)
        assert pilot.app.screen is screen  # still open, with what was typed
        message = str(screen.query_one("#list-message", Static).render())
        assert "make the end date later than the start" in message
        assert screen.query_one("#list-name", Input).value == "Autumn"
        assert "Autumn" not in store.list_names()
        screen.query_one("#list-name", Input).value = "Jazz essentials"
        screen.query_one("#list-to", Input).value = "2026-08-01"
        screen.query_one("#list-to", Input).focus()
        await pilot.press("enter")
        await _settle(pilot)
        assert pilot.app.screen is screen
        assert "exists already" in str(screen.query_one("#list-message", Static).render())
