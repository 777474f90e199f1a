"""What the Insight pane shows agrees with `gramtui stats --json` and with figures computed here
from plain sqlite3 reads; strings from Discogs show literally."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from insight_helpers import gramtui
from insight_pane_helpers import settle, show_insight, shown_rows

from gramtui.ui.app import GramtuiApp
from gramtui.ui.panes.insight import CHARTS, InsightPane
from gramtui.ui.widgets.bar_chart import BarChart, number_text

pytestmark = pytest.mark.anyio


def _independent(data: Path) -> tuple[dict[str, int], Counter[str], Counter[str]]:
    """Headline counts, genres and decades from the rows themselves."""
    con = sqlite3.connect(data / "gramtui.sqlite3")
    rows = con.execute(
        "SELECT r.id, r.label, r.genres, r.master_year, r.year FROM instance i"
        " JOIN release r ON r.id = i.release_id"
    ).fetchall()
    con.close()
    head = {
        "records": len(rows),
        "releases": len({r[0] for r in rows}),
        "labels": len({r[1] for r in rows if r[1]}),
    }
    genres = Counter(g for r in rows for g in json.loads(r[2]))
    decades: Counter[str] = Counter()
    for *_, master_year, year in rows:
        first = master_year or year
        decades[f"{first // 10 * 10}s" if first else "unknown"] += 1
    return head, genres, decades


async def test_the_pane_agrees_with_stats_json_and_with_sql(
    app: GramtuiApp, sample_dir: Path
) -> None:
    done = gramtui(sample_dir, "stats", "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    head, genres, decades = _independent(sample_dir)
    shown: dict[str, list[tuple[str, int, int | None]]] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        await show_insight(pilot)
        pane = app.query_one(InsightPane)
        bars = app.query_one(BarChart)
        for key, by, _name in CHARTS:
            await pilot.press(key)
            await settle(pilot)
            assert bars.chart is not None and bars.chart.by == by
            shown[by] = [(b.key, b.count, b.amount_cents) for b in bars.chart.bars]
            for line, bar in zip(shown_rows(app), bars.chart.bars, strict=True):
                assert line.rstrip().endswith(number_text(bars.chart, bar))  # number beside it
        headline = pane.headline
        headline_shown = str(pane.query_one("#insight-headline").render())
    assert headline is not None
    for name in ("records", "releases", "artists", "labels", "formats"):
        assert getattr(headline, name) == stats["headline"][name]
        assert f"{stats['headline'][name]} {name}" in headline_shown
    assert {k: getattr(headline, k) for k in head} == head
    assert stats["headline"]["value"]["median"] in headline_shown  # the latest snapshot
    assert "+$205.25 since 2026-11-18" in headline_shown  # its trend
    for by, bars_shown in shown.items():
        expected = [(b["key"], b["count"], b["amount_cents"]) for b in stats["charts"][by]["bars"]]
        assert bars_shown == expected, by
    assert {k: n for k, n, _ in shown["genre"]} == genres
    assert {k: n for k, n, _ in shown["decade"]} == decades


async def test_strings_from_discogs_render_literally(app: GramtuiApp, sample_dir: Path) -> None:
    con = sqlite3.connect(sample_dir / "gramtui.sqlite3")
    with con:  # twelve releases by one artist: the top bar of the artists and the labels
        ids = [r for (r,) in con.execute("SELECT id FROM release ORDER BY id LIMIT 12")]
        con.executemany(
            "UPDATE release SET artists = ?, artist = ?, title = ?, label = ? WHERE id = ?",
            [
                ('[["[bold]x[/]", "", ""]]', "[bold]x[/]", "[b]Title[/b]", "[red]Label", r)
                for r in ids
            ],
        )
        marks = ",".join("?" * len(ids))
        n = con.execute(f"SELECT count(*) FROM instance WHERE release_id IN ({marks})", ids)
        n = n.fetchone()[0]
    con.close()
    assert n >= 12
    async with app.run_test(size=(160, 48)) as pilot:
        await show_insight(pilot)
        await pilot.press("t")  # top artists
        await settle(pilot)
        bars = app.query_one(BarChart)
        assert bars.chart is not None
        keys = [b.key for b in bars.chart.bars]
        assert "[bold]x[/]" in keys
        assert any(line.startswith("[bold]x[/] ") for line in shown_rows(app))
        bars.move_to(keys.index("[bold]x[/]"))
        await pilot.press("enter")
        await settle(pilot)
        title = app.query_one("#insight-title").render()
        assert f"{n} record" in str(title) and "[bold]x[/]" in str(title)
        lines = [
            "".join(s.text for s in app.query_one("#insight-record-list").render_line(y))
            for y in range(n)
        ]
        assert any("[bold]x[/]" in line and "[b]Title[/b]" in line for line in lines)
        await pilot.press("escape", "l")  # the label too
        await settle(pilot)
        assert any(line.startswith("[red]Label") for line in shown_rows(app))
