"""Adding a want by searching Discogs (issue 13, Stop asking for ids): in the Wants pane's `a`
dialog, words search Discogs' database (the sandbox over loopback) and the user picks a release,
or its master with a format filter; ids keep working as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.workers import workers_done
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from wants_helpers import NOW
from wants_pane_app import WantsApp

from gramtui.engine import wants
from gramtui.engine.setup import Session, open_session
from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
from gramtui.settings.config import Config
from gramtui.settings.paths import Paths
from gramtui.store import wants as store
from gramtui.ui.screens.want_entry import WantEntryScreen

SIZE = (130, 32)
pytestmark = pytest.mark.anyio


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    with serve(Sandbox(build_state(), SandboxConfig(rate_limit=100_000))) as server:
        s = open_session(
            Paths(tmp_path, tmp_path / "c.toml"),
            config=Config(),
            token="sandbox-token",
            base_url=server.url,
            clock=FakeClock(NOW),
            log_to_file=False,
            daily_backup=False,
        )
        wants.import_text(s.engine, 'list "Digging" mode=one_by_one\n')
        yield s
        s.close()


def _entries() -> list[str]:
    return [e.entry_id for e in store.load_lists("Digging")[0].entries]


async def _search(pilot: Pilot[None], words: str) -> OptionList:
    await pilot.press("a")
    assert isinstance(pilot.app.screen, WantEntryScreen)
    await pilot.press(*words, "enter")
    await workers_done(pilot.app.screen)
    await pilot.pause()
    return pilot.app.screen.query_one("#want-hits", OptionList)


async def test_words_search_discogs_and_enter_adds_the_release(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        hits = await _search(pilot, "fall bend sinister")
        assert hits.option_count >= 2 and hits.has_focus
        first = str(hits.get_option_at_index(0).prompt)
        assert "Bend Sinister" in first and "r371311" in first
        await pilot.press("enter")
        await workers_done(pilot.app)
        await pilot.pause()
        assert not isinstance(pilot.app.screen, WantEntryScreen)
        assert _entries() == ["r:371311"]


async def test_m_adds_the_master_with_the_format_filter(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        hits = await _search(pilot, "fall bend sinister")
        pilot.app.screen.query_one("#want-format", Input).value = "Vinyl"
        hits.focus()
        await pilot.press("m")
        await workers_done(pilot.app)
        await pilot.pause()
        assert _entries() == ["m:19192:Vinyl"]


async def test_a_release_with_a_format_filter_is_refused_inside_the_dialog(
    session: Session,
) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        hits = await _search(pilot, "fall bend sinister")
        pilot.app.screen.query_one("#want-format", Input).value = "Vinyl"
        hits.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WantEntryScreen)  # the typing is kept
        message = str(pilot.app.screen.query_one("#want-message", Static).render())
        assert "applies to a master only" in message
        assert _entries() == []


async def test_nothing_found_says_what_to_try(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        hits = await _search(pilot, "no such record anywhere")
        assert hits.option_count == 0 and not hits.display
        message = str(pilot.app.screen.query_one("#want-message", Static).render())
        assert "Discogs found nothing" in message


async def test_an_id_is_still_taken_as_it_is(session: Session) -> None:
    async with WantsApp(session).run_test(size=SIZE) as pilot:
        await pilot.press("a", *"r8743", "enter", "enter")
        await workers_done(pilot.app)
        await pilot.pause()
        assert _entries() == ["r:8743"]
