"""What a collector sees on the Insight pane, at 160×48 and at 80×24 (the synced sample, the
value's daily snapshots fixed)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from insight_pane_helpers import settle, show_insight
from textual.pilot import Pilot

from gramtui.ui.app import GramtuiApp

Steps = Callable[[Pilot[None]], Awaitable[None]]


def _then(*keys: str) -> Steps:
    async def run_before(pilot: Pilot[None]) -> None:
        await show_insight(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_genres_wide(snap_compare, app: GramtuiApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(160, 48), run_before=_then())


def test_genres_small(snap_compare, app: GramtuiApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(80, 24), run_before=_then())


def test_decades_with_estimates_small(snap_compare, app: GramtuiApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(80, 24), run_before=_then("d"))


def test_records_of_a_bar_small(snap_compare, app: GramtuiApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(80, 24), run_before=_then("l", "enter"))


def test_most_valuable_wide(snap_compare, app: GramtuiApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(160, 48), run_before=_then("v", "v"))
