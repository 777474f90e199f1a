"""Issue 13: at 80×24 the slip preview shows every column of the slip, as the printer prints it
(the box's scrollbar once took two of them, and the lines lost their ends)."""

from __future__ import annotations

import pytest
from moves_pane_app import MovesApp, settle

from gramtui.ui.panes.moves import MovesView

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_preview_shows_whole_slip_lines(synced, size: tuple[int, int]) -> None:
    session = synced()
    session.engine.config.printer.width = 42
    app = MovesApp(session)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("down")  # a move slip: taller than the box at 24 rows, so it scrolls
        await settle(pilot)
        view = app.query_one(MovesView)
        assert view.moves_batch is not None
        slip = view.moves_batch.moves[1].slip
        lines = str(app.query_one("#moves-preview").render()).splitlines()
        box = app.query_one("#moves-preview-box")
        assert box.scrollable_content_region.width >= slip.width  # no column under the bar
        assert any(line == "=" * slip.width for line in lines)
        assert max(len(line) for line in lines) == slip.width  # and none is wrapped anew
