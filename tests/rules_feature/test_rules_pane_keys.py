"""The Rules pane driven with the keyboard, on the synced sample (real store, real sandbox)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rules_helpers import SEED, RulesApp, move_tasks, settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from gramtui.engine import rules
from gramtui.engine.setup import Session
from gramtui.store import collection
from gramtui.ui.panes.rules import RuleEditor, RulesPane
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.record_pick import RecordPickScreen
from gramtui.ui.screens.rules_dry_run import RulesDryRunScreen
from gramtui.ui.screens.rules_explain import RulesExplainScreen

pytestmark = pytest.mark.anyio


async def type_text(pilot: Pilot[None], text: str) -> None:
    for char in text:
        await pilot.press("enter" if char == "\n" else char)


def diagnostics(app: RulesApp) -> str:
    return str(app.query_one("#rules-diagnostics", Static).render())


def list_cells(app: RulesApp) -> list[list[str]]:
    table = app.query_one("#rules-list", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_type_a_rule_see_the_error_fix_it_dry_run_and_save(
    synced: Callable[..., Session],
) -> None:
    session = synced()
    app = RulesApp(session)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        editor = app.query_one(RuleEditor)
        assert editor.text.startswith("# Rules:")  # nothing saved yet: the starter
        await pilot.press("a")
        assert editor.has_focus
        editor.insert("[classification]\nCleaned = No -> dirty\n[movement]\n")  # pasted
        await type_text(pilot, "dirty -> Tapez")
        await settle(pilot)
        assert "12:10 there is no folder 'Tapez'; create it" in diagnostics(app)
        assert "ctrl+s offers to create it" in diagnostics(app)

        await pilot.press("backspace", "s")
        await settle(pilot)
        assert diagnostics(app).startswith("✓ The rules check out")
        assert list_cells(app) == [
            ["10", "class", "Cleaned = No -> dirty", "38"],
            ["12", "move", "dirty -> Tapes", "38"],
        ]

        await pilot.press("ctrl+t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RulesDryRunScreen)
        assert len(screen.run.changes) == 38
        moving = {c.instance_id for c in screen.run.moves}
        assert moving and all(c.outcome == rules.QUEUE for c in screen.run.moves)
        assert rules.saved() is None and move_tasks() == []  # a dry run changes nothing
        await pilot.press("escape")

        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = rules.saved()
        assert saved is not None and saved.version == 1 and saved.text == editor.text
        assert {t.payload["instance"] for t in move_tasks()} == moving
        status = str(app.query_one("#rules-status", Static).render())
        assert status.startswith("Rules v1 · saved") and "unsaved" not in status


async def test_save_refuses_errors_and_offers_to_create_a_missing_folder(
    synced: Callable[..., Session],
) -> None:
    session = synced()
    app = RulesApp(session)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        editor = app.query_one(RuleEditor)
        editor.load_text(SEED.replace("is_uncleaned ->", "is_uncleaned && ->"))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rules.saved() is None
        assert editor.has_focus and editor.cursor_location == (7, 16)  # at the first error

        editor.load_text(SEED)
        await settle(pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discogs has no folder '12 Inch Cleaning Pile'" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        state = session.server.sandbox.state  # type: ignore[attr-defined]
        assert "12 Inch Cleaning Pile" in [f.name for f in state.folder_list()]
        assert rules.saved() is not None and len(move_tasks()) == 84


async def test_add_reorder_delete_with_keys(synced: Callable[..., Session]) -> None:
    session = synced()
    rules.save(
        session.engine,
        "[classification]\nCleaned = No -> dirty\n"
        "Cleaned = Yes -> clean\n\n[movement]\ndirty -> Cleaning Pile\n",
    )
    app = RulesApp(session)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        editor = app.query_one(RuleEditor)
        assert [row[2] for row in list_cells(app)] == [
            "Cleaned = No -> dirty",
            "Cleaned = Yes -> clean",
            "dirty -> Cleaning Pile",
        ]

        await pilot.press("shift+down")  # first of its section: swaps with the next
        await settle(pilot)
        assert editor.text.split("\n")[1:3] == ["Cleaned = Yes -> clean", "Cleaned = No -> dirty"]
        assert app.query_one("#rules-list", DataTable).cursor_row == 1  # the moved rule
        await pilot.press("shift+down")  # the last of its section: stays
        assert editor.text.split("\n")[2] == "Cleaned = No -> dirty"

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert "Cleaned = No -> dirty" not in editor.text
        assert "no classification rule produces 'dirty'" in diagnostics(app)

        await pilot.press("ctrl+z")  # undo: the editor keeps the history
        await settle(pilot)
        assert "Cleaned = No -> dirty" in editor.text
        await pilot.press("escape")
        assert app.query_one("#rules-list", DataTable).has_focus
        await pilot.press("up", "a")
        editor.insert("rating > 4 -> ")
        await type_text(pilot, "top")
        await settle(pilot)
        assert editor.text.split("\n")[2] == "rating > 4 -> top"
        assert ["3", "class", "rating > 4 -> top"] == list_cells(app)[1][:3]
        assert "unsaved changes" in str(app.query_one("#rules-status", Static).render())


async def test_why_is_this_record_classified_so(synced: Callable[..., Session]) -> None:
    session = synced()
    rules.save(session.engine, SEED.replace("12 Inch Cleaning Pile", "Cleaning Pile"))
    record = next(r for r in collection.load_records() if r.fields.get("Cleaned") == "No")
    app = RulesApp(session)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        assert isinstance(app.screen, RecordPickScreen)  # words or an id pick the record
        await type_text(pilot, "987654321987")
        await settle(pilot)
        assert "Nothing matches" in str(app.screen.query_one("#record-pick-count").render())
        await pilot.press("enter")
        assert isinstance(app.screen, RecordPickScreen)  # an unknown id is not taken
        app.screen.query_one(Input).value = ""
        await type_text(pilot, str(record.instance_id))
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RulesExplainScreen)
        assert screen.question == f"Why is record {record.instance_id} classified to_be_cleaned?"
        assert any('(Cleaned: "No")' in line for line in screen.lines)

    pane_keys = {b.key for b in RulesPane.BINDINGS}  # type: ignore[union-attr]
    assert {"ctrl+s", "ctrl+t", "a", "e", "x", "u", "shift+up", "shift+down"} <= pane_keys
