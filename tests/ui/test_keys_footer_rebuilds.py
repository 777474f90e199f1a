"""The footer rebuilds its keys once for a burst of binding changes (start-up makes five)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding

from gramtui.ui.widgets.keys_footer import KeysFooter

pytestmark = pytest.mark.anyio


class CountingFooter(KeysFooter):
    def __init__(self) -> None:
        super().__init__()
        self.rebuilds = 0

    async def recompose(self) -> None:
        self.rebuilds += 1
        await super().recompose()


class FooterApp(App[None]):
    BINDINGS = [Binding("x", "bell", "Ring"), Binding("question_mark", "help", "Help")]

    def compose(self) -> ComposeResult:
        yield CountingFooter()

    def action_help(self) -> None:
        pass


async def test_a_burst_of_binding_changes_rebuilds_the_keys_once() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.query_one(CountingFooter)
        before = footer.rebuilds
        for _ in range(5):  # as Textual announces them: the screen's signal
            app.screen.bindings_updated_signal.publish(app.screen)
        await pilot.pause()
        await pilot.pause()
        assert footer.rebuilds == before + 1
        keys = [str(key.render()) for key in footer.query("FooterKey")]
        assert "Help" in keys[0] and any("Ring" in key for key in keys)  # Help first, as always
        app.screen.bindings_updated_signal.publish(app.screen)  # a later change: again
        await pilot.pause()
        await pilot.pause()
        assert footer.rebuilds == before + 2
