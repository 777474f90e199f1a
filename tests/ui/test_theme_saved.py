"""Issue 13 item 11: a theme picked in the palette is kept in the config's [ui] theme (the rest
of the file as it was) and is the theme at the next start."""

from __future__ import annotations

import pytest
from helpers.workers import workers_done

from gramtui.settings.config import load_config
from gramtui.ui.app import GramtuiApp

pytestmark = pytest.mark.anyio

CONFIG = """\
# my settings
[printer]
width = 32   # the small roll

[ui]
theme = "textual-dark"  # dark is easier at night
"""


def _app(session) -> GramtuiApp:
    return GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)


async def test_a_theme_picked_is_saved_and_used_at_the_next_start(app_session) -> None:
    session = app_session()
    session.paths.config_file.write_text(CONFIG, encoding="utf-8")
    app = _app(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await pilot.pause()
        await pilot.press("enter")  # "Theme: change the current theme"
        await pilot.pause()
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        await workers_done(app)
        assert app.theme == "nord"
    text = session.paths.config_file.read_text(encoding="utf-8")
    assert text == CONFIG.replace('theme = "textual-dark"', 'theme = "nord"')
    assert load_config(session.paths.config_file).ui.theme == "nord"
    session.config.ui.theme = load_config(session.paths.config_file).ui.theme
    again = _app(session)
    assert again.theme == "nord"


async def test_a_config_file_without_a_ui_table_gets_one(app_session) -> None:
    session = app_session()
    session.paths.config_file.write_text("[printer]\nwidth = 32\n", encoding="utf-8")
    app = _app(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.theme = "gruvbox"
        await pilot.pause()
        await workers_done(app)
    text = session.paths.config_file.read_text(encoding="utf-8")
    assert text.startswith("[printer]\nwidth = 32\n") and '[ui]\ntheme = "gruvbox"' in text
