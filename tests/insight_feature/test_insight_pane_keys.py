"""The Insight pane's keys, driven with Pilot on the whole app over a copy of the synced sample:
every chart one key away, genre → styles, Enter on a bar → its records → the record on the
Shelves, the folder filter, and what an empty store says."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from insight_pane_helpers import open_app, settle, show_insight
from textual.widgets import ContentSwitcher, TabbedContent

from gramtui.store.schema import close_database
from gramtui.ui.app import GramtuiApp
from gramtui.ui.panes.insight import CHARTS, NO_RECORDS, InsightPane
from gramtui.ui.panes.shelves import CollectionListView
from gramtui.ui.screens.insight_folder import InsightFolderScreen
from gramtui.ui.widgets.bar_chart import BarChart
from gramtui.ui.widgets.record_list import RecordList
from gramtui.ui.widgets.safe import OptionList

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


def _title(app: GramtuiApp) -> str:
    return str(app.query_one("#insight-title").render())


def _instances(data: Path, sql: str, params: tuple[object, ...] = ()) -> set[int]:
    con = sqlite3.connect(data / "gramtui.sqlite3")
    try:
        return {i for (i,) in con.execute(sql, params)}
    finally:
        con.close()


async def test_every_chart_is_one_key_away(app: GramtuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await show_insight(pilot)
        assert app.query_one(TabbedContent).active == "insight"
        bars = app.query_one(BarChart)
        assert bars.has_focus and bars.chart is not None and bars.chart.by == "genre"
        for key, by, _name in CHARTS:
            await pilot.press(key)
            await settle(pilot)
            assert bars.chart is not None and bars.chart.by == by, key
            assert bars.chart.title.split(" (")[0] in _title(app)
        await pilot.press("a")  # added: per month, then per year
        await settle(pilot)
        months = bars.chart
        await pilot.press("a")
        await settle(pilot)
        assert months is not None and bars.chart is not None
        assert "per month" in months.title and "per year" in bars.chart.title
        assert all(len(b.key) == 4 for b in bars.chart.bars)
        assert sum(b.count for b in bars.chart.bars) == sum(b.count for b in months.bars)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("v")  # value by folder, then the most valuable records
        await settle(pilot)
        assert "Most valuable" in bars.chart.title
        assert all(b.release_id is not None for b in bars.chart.bars)


async def test_genre_into_its_styles_and_back(app: GramtuiApp, sample_dir: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await show_insight(pilot)
        bars = app.query_one(BarChart)
        await pilot.press("down", "down")
        assert bars.chart is not None
        genre = bars.chart.bars[2].key
        await pilot.press("right")
        await settle(pilot)
        assert bars.chart.by == "style" and f"Styles within {genre}" in _title(app)
        # independently: the styles of the records of that genre
        con = sqlite3.connect(sample_dir / "gramtui.sqlite3")
        expected = dict(
            con.execute(
                "SELECT s.value, count(*) FROM instance i JOIN release r ON r.id = i.release_id,"
                " json_each(r.styles) s WHERE EXISTS (SELECT 1 FROM json_each(r.genres) g"
                " WHERE g.value = ?) GROUP BY s.value",
                (genre,),
            ).fetchall()
        )
        con.close()
        assert {b.key: b.count for b in bars.chart.bars} == {
            k: expected[k] for k in (b.key for b in bars.chart.bars)
        }
        assert len(bars.chart.bars) == min(25, len(expected))
        await pilot.press("left")
        await settle(pilot)
        assert bars.chart.by == "genre" and bars.cursor == 2  # back where it was


async def test_enter_lists_a_bars_records_and_shows_one_on_the_shelves(
    app: GramtuiApp, sample_dir: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await show_insight(pilot)
        await pilot.press("l")  # top labels
        await settle(pilot)
        bars = app.query_one(BarChart)
        assert bars.current is not None
        label = bars.current.key
        await pilot.press("enter")
        await settle(pilot)
        pane = app.query_one(InsightPane)
        assert pane.query_one(ContentSwitcher).current == "insight-records"
        records = pane.query_one("#insight-record-list", RecordList)
        assert records.has_focus
        listed = [records.view.row(i) for i in range(records.view.count())]
        assert {r.instance_id for r in listed if r} == _instances(
            sample_dir,
            "SELECT i.id FROM instance i JOIN release r ON r.id = i.release_id WHERE r.label = ?",
            (label,),
        )
        assert len(listed) == bars.current.count > 1
        await pilot.press("down")
        chosen = records.current
        assert chosen is not None
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "shelves"
        shelves = app.query_one(CollectionListView).query_one(RecordList)
        assert shelves.has_focus
        assert shelves.current is not None and shelves.current.instance_id == chosen.instance_id
        # back on Insight, Esc leaves the records for the chart
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert pane.query_one(ContentSwitcher).current == "insight-bars" and bars.has_focus
        await pilot.press("enter")  # a chart's key while records are listed shows that chart
        await settle(pilot)
        assert pane.query_one(ContentSwitcher).current == "insight-records"
        await pilot.press("d")
        await settle(pilot)
        assert pane.query_one(ContentSwitcher).current == "insight-bars"
        assert bars.chart is not None and bars.chart.by == "decade"


async def test_a_search_on_the_shelves_is_cleared_to_show_the_record(app: GramtuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzzz", "enter")  # a search that hides every record
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("c", "enter")  # records owned more than once: the first
        await settle(pilot)
        records = app.query_one("#insight-record-list", RecordList)
        chosen = records.current
        assert chosen is not None
        await pilot.press("enter")
        await settle(pilot)
        shelves = app.query_one(CollectionListView).query_one(RecordList)
        assert shelves.view.search == ""
        assert shelves.current is not None and shelves.current.instance_id == chosen.instance_id


async def test_the_folder_filter_narrows_every_figure(app: GramtuiApp, sample_dir: Path) -> None:
    con = sqlite3.connect(sample_dir / "gramtui.sqlite3")
    folder_id, name, n = con.execute(
        "SELECT f.id, f.name, count(*) FROM instance i JOIN folder f ON f.id = i.folder_id "
        "GROUP BY f.id ORDER BY count(*) DESC, f.id LIMIT 1"
    ).fetchone()
    con.close()
    async with app.run_test(size=SIZE) as pilot:
        await show_insight(pilot)
        pane = app.query_one(InsightPane)
        assert pane.headline is not None and pane.headline.records == 400
        await pilot.press("f")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, InsightFolderScreen)
        options = picker.query_one(OptionList)
        options.highlighted = [f.id for f in picker.choices].index(folder_id)
        await pilot.press("enter")
        await settle(pilot)
        assert pane.headline.records == n and name in _title(app)
        await pilot.press("d")  # every record has one decade bar (or "unknown")
        await settle(pilot)
        bars = app.query_one(BarChart)
        assert bars.chart is not None and sum(b.count for b in bars.chart.bars) == n
        await pilot.press("m", "enter")  # formats in that folder: a bar's records are in it
        await settle(pilot)
        records = app.query_one("#insight-record-list", RecordList)
        ids = {
            r.instance_id for r in (records.view.row(i) for i in range(records.view.count())) if r
        }
        assert ids and ids <= _instances(
            sample_dir, "SELECT id FROM instance WHERE folder_id = ?", (folder_id,)
        )
        await pilot.press("escape", "f")
        await settle(pilot)
        await pilot.press("home", "enter")  # All folders
        await settle(pilot)
        assert pane.headline.records == 400 and "all folders" in _title(app)


async def test_an_empty_store_says_what_to_do(tmp_path: Path) -> None:
    empty = open_app(tmp_path / "data")
    try:
        async with empty.run_test(size=(80, 24)) as pilot:
            await show_insight(pilot)
            pane = empty.query_one(InsightPane)
            assert pane.query_one(ContentSwitcher).current == "insight-empty"
            said = str(pane.query_one("#insight-empty").render())
            assert NO_RECORDS.split(":")[0] in said and "gramtui dump ingest" in said
    finally:
        empty.session.close()
        close_database()
