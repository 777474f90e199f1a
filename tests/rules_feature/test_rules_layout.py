"""Issue 13: at 160 columns the rules list and the dry run give their names the free width
(the rule was cut at 23 columns, the dry run's records at 20, beside empty space)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rules_helpers import SEED, RulesApp, settle
from textual.widgets import DataTable

from gramtui.engine import rules
from gramtui.engine.setup import Session

pytestmark = pytest.mark.anyio
SAVED = SEED.replace("12 Inch Cleaning Pile", "Cleaning Pile")


def _widths(table: DataTable) -> dict[str, int]:  # type: ignore[type-arg]
    return {str(c.label): c.width for c in table.columns.values()}


async def test_the_rule_column_takes_the_free_width(synced: Callable[..., Session]) -> None:
    session = synced(moves=False)
    rules.save(session.engine, SAVED)
    app = RulesApp(session)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert _widths(app.query_one("#rules-list", DataTable))["rule"] >= 40
    async with RulesApp(session).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = pilot.app.query_one("#rules-list", DataTable)
        editor = pilot.app.query_one("#rules-editor")
        assert editor.size.width >= 36  # the editor keeps room to type beside the list
        assert table.row_count > 0


async def test_the_dry_run_names_take_the_free_width(synced: Callable[..., Session]) -> None:
    session = synced(moves=False)
    rules.save(session.engine, SAVED)
    app = RulesApp(session)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.query_one("#rules-editor").load_text(  # type: ignore[attr-defined]
            SAVED.replace("is_uncleaned", 'Cleaned = "No"')
        )
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        table = app.screen.query_one("#dry-changes", DataTable)
        assert _widths(table)["record"] >= 40
        assert table.row_count > 0
