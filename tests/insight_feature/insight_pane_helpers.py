"""The whole app on a copy of the synced sample, opened on the Insight pane, made deterministic."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from helpers.settle import settle as settle
from textual.pilot import Pilot

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine.setup import Session, open_session
from gramtui.settings.paths import Paths
from gramtui.ui.app import GramtuiApp

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)

# Discogs' value of the collection on three days (the sync stores today's: fixed for snapshots)
VALUE_DAYS = [
    ("2026-11-18", "$1,200.00", "$4,100.00", "$9,050.00"),
    ("2026-11-19", "$1,210.00", "$4,180.50", "$9,100.00"),
    ("2026-11-20", "$1,230.00", "$4,305.25", "$9,320.00"),
]


def fix_value_days(data: Path, days: list[tuple[str, str, str, str]] = VALUE_DAYS) -> None:
    con = sqlite3.connect(data / "gramtui.sqlite3")
    with con:
        con.execute("DELETE FROM collection_value")
        con.executemany(
            "INSERT INTO collection_value (day, minimum, median, maximum, fetched_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(*d, f"{d[0]}T09:00:00+00:00") for d in days],
        )
    con.close()


def open_app(data: Path) -> GramtuiApp:
    session: Session = open_session(
        Paths(data, data.parent / "config.toml"),
        token="sandbox-token",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
        clock=lambda: NOW,
        limiter=RateLimiter(window=0.5),
        backoff_base=0.01,
    )
    return GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)


async def show_insight(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)


def shown_rows(app: GramtuiApp) -> list[str]:
    """The bar chart's lines as drawn (plain text), every bar, not only those on screen."""
    from gramtui.ui.widgets.bar_chart import BarChart

    bars = app.query_one(BarChart)
    width = bars.size.width
    return ["".join(s.text for s in bars.render_row(i, width)) for i in range(bars.row_count())]
