"""What the Wants pane looks like: lists and states, unmanaged wants, the add form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from wants_pane_app import WantsApp, fill_sample, pane_session

from gramtui.engine.setup import Session


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = pane_session(tmp_path)
    fill_sample(s)
    yield s
    s.close()


def test_lists_entries_states_and_reasons(
    snap_compare, session: Session, size: tuple[int, int]
) -> None:
    async def to_the_removed_entry(pilot: Pilot[None]) -> None:
        await pilot.press("enter", "down", "down", "down", "down")

    assert snap_compare(WantsApp(session), terminal_size=size, run_before=to_the_removed_entry)


def test_unmanaged_wants(snap_compare, session: Session, size: tuple[int, int]) -> None:
    async def to_unmanaged(pilot: Pilot[None]) -> None:
        await pilot.press("down", "down")

    assert snap_compare(WantsApp(session), terminal_size=size, run_before=to_unmanaged)


def test_add_form_says_what_to_type(snap_compare, session: Session, size: tuple[int, int]) -> None:
    async def release_with_a_format(pilot: Pilot[None]) -> None:
        # (words would search Discogs: test_want_search.py; a filter on a release is refused)
        await pilot.press("a", *"r8743", "enter", *"LP", "enter")

    assert snap_compare(WantsApp(session), terminal_size=size, run_before=release_with_a_format)


def test_new_list_form_refuses_a_spread_without_dates(
    snap_compare, session: Session, size: tuple[int, int]
) -> None:
    async def new_spread_list_without_dates(pilot: Pilot[None]) -> None:
        await pilot.press("n", *"Summer digging")
        screen = pilot.app.screen
        screen.query_one("#list-mode").value = "spread"
        await pilot.pause()
        screen.query_one("#list-name").focus()
        await pilot.press("enter")  # submit with no dates: the form says what is missing

    assert snap_compare(
        WantsApp(session), terminal_size=size, run_before=new_spread_list_without_dates
    )
