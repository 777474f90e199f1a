"""Issue 13: the entries table fits its width: at 80 columns #, Want and State (the detail says
the market and why), at 160 the reasons get the larger share of the free width."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable
from wants_pane_app import WantsApp, fill_sample, pane_session

from gramtui.engine.setup import Session

pytestmark = pytest.mark.anyio


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = pane_session(tmp_path)
    fill_sample(s)
    yield s
    s.close()


def _widths(table: DataTable) -> dict[str, int]:  # type: ignore[type-arg]
    return {str(c.label): c.width for c in table.columns.values()}


async def test_narrow_the_table_fits_and_the_detail_says_the_market(session: Session) -> None:
    app = WantsApp(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        table = app.query_one("#wants-entries", DataTable)
        assert list(_widths(table)) == ["#", "Want", "State"]
        assert table.virtual_size.width <= table.scrollable_content_region.width
        detail = str(app.query_one("#wants-detail").render())
        assert "lowest 18.50 EUR" in detail


async def test_wide_the_reasons_get_room(session: Session) -> None:
    app = WantsApp(session)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.pause()
        widths = _widths(app.query_one("#wants-entries", DataTable))
        assert widths["Why"] >= 40
        assert widths["Why"] > widths["Want"]
