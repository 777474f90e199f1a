"""A tiny app around the Sales pane, on a session whose listings have some ladder history."""

from __future__ import annotations

from textual.app import App, ComposeResult

from gramtui.engine import sales
from gramtui.engine.setup import Session
from gramtui.ui.app import stylesheet
from gramtui.ui.breakpoints import VERTICAL_BREAKPOINTS
from gramtui.ui.panes.sales import SalesPane
from gramtui.ui.widgets.keys_footer import KeysFooter


class SalesApp(App[None]):
    CSS_PATH = stylesheet()
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS  # as in the app: -short packs panes tighter

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield SalesPane(id="sales-pane")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(SalesPane).refresh_data()  # as the app does when the pane is first shown


def with_history(world, drain) -> Session:
    """Two steps applied a week apart, then three days on."""
    for _ in range(2):
        world.clock.advance(days=8)
        sales.apply(world.engine)
        drain(world.session)
    world.clock.advance(days=3)
    return world.session
