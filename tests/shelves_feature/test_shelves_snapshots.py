"""What the organisation view and its modals look like, on the synced sample, clock fixed."""

from __future__ import annotations

import pytest
from shelves_helpers import NOW, SAMPLE_TOML, ShelvesApp, settle, type_text
from textual.pilot import Pilot

from gramtui.engine import layouts
from gramtui.engine.setup import Session


@pytest.fixture
def app(synced: Session) -> ShelvesApp:
    layouts.import_toml(SAMPLE_TOML, NOW)
    return ShelvesApp(synced)


async def _to_organisation(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)


def test_organisation_view(snap_compare, app: ShelvesApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_organisation(pilot)
        await pilot.press("down", "down")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_located_record_with_neighbours(
    snap_compare, app: ShelvesApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_organisation(pilot)
        await pilot.press("slash")
        await type_text(pilot, "blood")
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_no_organisation_yet(snap_compare, synced: Session, size: tuple[int, int]) -> None:
    assert snap_compare(ShelvesApp(synced), terminal_size=size, run_before=_to_organisation)


def test_edit_form(snap_compare, app: ShelvesApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_organisation(pilot)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_new_form_refused_says_why(snap_compare, app: ShelvesApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_organisation(pilot)
        await pilot.press("n")
        await type_text(pilot, "Main Shelves")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_pick_organisation(snap_compare, app: ShelvesApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_organisation(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_jump_to_unit(snap_compare, app: ShelvesApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_organisation(pilot)
        await pilot.press("g", "k")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_locate_modal(snap_compare, app: ShelvesApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_organisation(pilot)
        await pilot.press("slash")
        await type_text(pilot, "live")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_width_modal(snap_compare, app: ShelvesApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _to_organisation(pilot)
        await pilot.press("down", "w")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
