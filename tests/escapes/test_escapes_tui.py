"""The TUI on hostile Discogs text: every pane renders its control characters visibly, so no
escape code reaches the terminal (Pilot reads the segments the screen would write)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from escapes_kit import FIXED, controls
from helpers.clock import FakeClock
from textual.app import App

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine.setup import Session, open_session
from gramtui.settings.paths import Paths
from gramtui.ui.app import GramtuiApp

pytestmark = pytest.mark.anyio
SIZE = (120, 36)


@pytest.fixture
def session(hostile_dir: Path, tmp_path: Path) -> Iterator[Session]:
    data = tmp_path / "data"
    shutil.copytree(hostile_dir, data)
    s = open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
        clock=FakeClock(FIXED),
        limiter=RateLimiter(window=0.5),
        backoff_base=0.01,
    )
    yield s
    s.close()


def _app(session: Session) -> GramtuiApp:
    return GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)


def _screen_text(app: App) -> list[str]:
    """The text of every segment the screen would write now (Textual's own cursor moves and
    style codes are separate control segments, not text)."""
    update = app.screen._compositor.render_full_update()
    return [
        seg.text for line in update.strips for strip in line for seg in strip if not seg.control
    ]


@pytest.mark.parametrize(
    ("key", "visible"),
    [
        ("1", "␛[2J"),  # Shelves: the list and the detail line of the first record
        ("3", "␛[2J"),  # Sales: the table and the listing's info
        ("4", ""),  # Wants: the titles are cut before their escape codes at this width
        ("5", "␛]0;pwned"),  # Queue: the failed task's message quoting the server
    ],
)
async def test_a_pane_renders_no_control_characters(
    session: Session, key: str, visible: str
) -> None:
    app = _app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("down", "up")  # the detail of the row under the cursor
        await pilot.pause()
        shown = _screen_text(app)
        assert controls(shown) == []
        assert visible in "".join(shown)


async def test_a_notification_quoting_discogs_is_printable(session: Session) -> None:
    app = _app(session)
    async with app.run_test(size=SIZE) as pilot:
        app.notify("Discogs said: \x1b[2Jgone\x07", title="\x9b31m")
        await pilot.pause()
        (toast,) = list(app._notifications)
        assert (toast.message, toast.title) == ("Discogs said: ␛[2Jgone␇", "\\x9b31m")


def test_shelves_show_escape_codes_as_symbols(
    snap_compare, session: Session, size: tuple[int, int]
) -> None:
    assert snap_compare(_app(session), terminal_size=size)
