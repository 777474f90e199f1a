"""What the Rules pane and its modals look like (SVGs under snapshots/test_rules_snapshots/)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from rules_helpers import SEED, RulesApp, settle
from textual.pilot import Pilot

from gramtui.engine import rules
from gramtui.engine.setup import Session
from gramtui.store import collection

SAVED = SEED.replace("12 Inch Cleaning Pile", "Cleaning Pile")


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: datetime(2026, 5, 1, 9, 0, tzinfo=UTC)  # the same picture every run


@pytest.fixture
def app(synced: Callable[..., Session]) -> RulesApp:
    session = synced(moves=False)
    rules.save(session.engine, SAVED)
    return RulesApp(session)


def test_rules_pane(snap_compare, app: RulesApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_rules_pane_with_an_error_as_you_type(
    snap_compare, app: RulesApp, size: tuple[int, int]
) -> None:
    async def type_error(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "e", "space", "ampersand", "ampersand")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=type_error)


def test_rules_dry_run_modal(snap_compare, app: RulesApp, size: tuple[int, int]) -> None:
    async def dry_run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.query_one("#rules-editor").load_text(  # type: ignore[attr-defined]
            SAVED.replace("is_uncleaned", 'Cleaned = "No"')
        )
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=dry_run)


def test_rules_explain_modal(snap_compare, app: RulesApp, size: tuple[int, int]) -> None:
    async def explain(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=explain)


def test_rules_pick_modal(snap_compare, app: RulesApp, size: tuple[int, int]) -> None:
    instance = collection.load_records()[0].instance_id

    async def pick(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("x", *str(instance))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=pick)


def test_rules_create_folder_offer(snap_compare, app: RulesApp, size: tuple[int, int]) -> None:
    async def offer(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.query_one("#rules-editor").load_text(SEED)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=offer)
