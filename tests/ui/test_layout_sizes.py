"""Issue 13, layout: at 80×24 every pane keeps `? Help` in its footer and its lists keep rows;
the collection's header says its sort, and the artist sort files names as the shelves do."""

from __future__ import annotations

import pytest
from helpers.settle import settle as _settle
from textual.widgets import DataTable, Footer

from gramtui.domain.sortkeys import artist_sort_name, natural_key
from gramtui.engine.collection_view import CollectionView
from gramtui.ui.app import GramtuiApp
from gramtui.ui.widgets.record_list import RecordList

pytestmark = pytest.mark.anyio
SMALL = (80, 24)


def _app(app_session) -> GramtuiApp:  # type: ignore[no-untyped-def]
    return GramtuiApp(app_session(), start_runner=False, initial_sync=None, poll_interval=3600)


def _footer_text(app: GramtuiApp) -> str:
    """What the footer shows on screen: its keys cut at the right edge are not counted."""
    footer = app.query_one(Footer)
    shown = []
    for key in footer.query("FooterKey"):
        region = key.region
        if region.width and region.right <= footer.region.right:
            shown.append(str(key.render()))
    return " ".join(shown)


def _visible_rows(table: DataTable) -> int:  # type: ignore[type-arg]
    return table.scrollable_content_region.height - table.header_height


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"])
async def test_every_pane_shows_help_in_the_footer_at_80_columns(app_session, key: str) -> None:
    app = _app(app_session)
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        await pilot.press(key)
        await _settle(pilot)
        assert "Help" in _footer_text(app)


async def test_sales_shows_five_listings_at_80x24(app_session) -> None:
    app = _app(app_session)
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        await pilot.press("3")
        await _settle(pilot)
        table = app.query_one("#sales-table", DataTable)
        assert table.row_count > 5
        assert _visible_rows(table) >= 5


async def test_queue_task_table_is_visible_at_80x24(app_session) -> None:
    app = _app(app_session)
    engine = app.session.engine
    for n in range(8):
        engine.queue.enqueue("market.stats", f"market:t{n}", {"run": 1, "release": n}, priority=5)
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        await pilot.press("5")
        await _settle(pilot)
        assert _visible_rows(app.query_one("#queue-tasks", DataTable)) >= 5


async def test_the_collection_header_marks_the_sort(app_session) -> None:
    app = _app(app_session)
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        header = app.query_one("#shelves-header")
        assert "Artist ▲" in str(header.render())
        await pilot.press("o")
        await _settle(pilot)
        assert "Title ▲" in str(header.render())
        assert app.query_one(RecordList).view.sort == "title"


async def test_the_artist_sort_files_the_beatles_under_b(app_session) -> None:
    app_session()  # the store of the synced sample
    view = CollectionView(sort="artist")
    artists = [row.artist for i in range(view.count()) if (row := view.row(i)) is not None]
    assert any(a.startswith("The ") for a in artists)
    assert artists == sorted(artists, key=lambda a: natural_key(artist_sort_name(a)))
