"""What a pane is to the app: built with the services it uses, asked two things by the app.

Panes never reach for `self.app.session`: they get a `PaneServices` when they are built, and ask the
app for app-wide things (show another pane, sync, pause the queue) with the messages in
`ui/messages.py`. The app knows a pane only through the `Pane` protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.dom import DOMNode
from textual.widget import Widget

if TYPE_CHECKING:  # the app's first frame comes before the engine is imported
    from gramtui.engine.context import Engine
    from gramtui.engine.setup import Session
    from gramtui.settings.config import Config
    from gramtui.settings.paths import Paths


@dataclass(frozen=True)
class PaneServices:
    """Everything a pane may use. Reads and writes through `engine` run in thread workers
    (`ui/background.py`), never on the UI thread."""

    engine: Engine
    config: Config
    paths: Paths
    demo: bool = False


@runtime_checkable
class Pane(Protocol):
    def focus_main(self) -> None:
        """Focus the widget whose keys the pane's footer shows (called when the pane is shown)."""

    def refresh_data(self) -> None:
        """Read the pane's data again, in a worker (called when the pane is shown and its data
        changed, and when the runner says something the pane shows changed)."""


def pane_services(session: Session, *, demo: bool = False) -> PaneServices:
    """The services of an open session, as panes get them."""
    return PaneServices(session.engine, session.config, session.paths, demo)


def shown(widget: Widget) -> bool:
    """Whether the widget is on screen: neither it nor a container of it is hidden (a pane in a
    tab not chosen, a view not switched to). A worker's result focuses a widget only when it is
    shown: Textual brings the tab of a focused widget to the front, pulling the user away."""
    node: DOMNode | None = widget
    while isinstance(node, Widget):
        if not node.display:
            return False
        node = node.parent
    return True
