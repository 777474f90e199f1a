"""Shared set-up for the shelves feature tests and benchmark: sample stores, organisations, clock.

`fill_store` writes a sandbox account straight into the open store through the same parsing and
saving a sync uses (no HTTP), which builds a 50,000-record store in seconds.
"""

from __future__ import annotations

from datetime import UTC, datetime

from helpers.settle import settle as settle
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from gramtui.discogs.parse import parse_collection_item, parse_fields, parse_folders
from gramtui.domain.records import Folder
from gramtui.engine.setup import Session
from gramtui.sandbox import build_state
from gramtui.sandbox.render import collection_item, field_json, folder_json
from gramtui.store import collection
from gramtui.ui.app import stylesheet
from gramtui.ui.breakpoints import VERTICAL_BREAKPOINTS
from gramtui.ui.pane import pane_services
from gramtui.ui.panes.shelves import ShelvesPane
from gramtui.ui.widgets.keys_footer import KeysFooter

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BASE = "http://sandbox.invalid"

SAMPLE_TOML = """\
[[organisation]]
name = "Main Shelves"
density = "width"
fill = "tight"
grouping = "none"
look_ahead = 0

[[organisation.source]]
folder = "12s"
sort = "label"
order = 0

[[organisation.source]]
folder = "Boxsets"
sort = "artist"
order = 1

[[organisation.space]]
name = "Kallax"
units = 4
width = 8.0

[[organisation.space]]
name = "Crate"
units = 1
width = 5.0

[[organisation]]
name = "Small Formats"
density = "count"
fill = "spread"

[[organisation.source]]
folder = "7s"
sort = "artist"

[[organisation.source]]
folder = "CDs"
sort = "artist"
order = 1

[[organisation.space]]
name = "Drawer"
units = 6
width = 30.0
"""


def fill_store(instances: int | None = None) -> int:
    """Store a sandbox account (the bundled sample, or scaled) in the open database."""
    state = build_state(instances=instances)
    counts = state.folder_counts()
    folders = parse_folders(
        {"folders": [folder_json(f, counts.get(f.id, 0), BASE, "u") for f in state.folder_list()]}
    )
    collection.save_folders(folders)
    collection.save_fields(parse_fields({"fields": [field_json(f) for f in state.fields.values()]}))
    items = [
        parse_collection_item(collection_item(i, state, BASE)) for i in state.instances.values()
    ]
    for start in range(0, len(items), 5000):
        collection.save_instances(items[start : start + 5000])
    return len(items)


def folder_named(name: str) -> Folder:
    return next(f for f in collection.folders() if f.name == name)


class ShelvesApp(App[None]):
    """The Shelves pane alone, on a real session, with the app's stylesheet and a footer."""

    CSS_PATH = stylesheet()
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS  # as in the app: -short packs panes tighter

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield ShelvesPane(pane_services(self.session), id="shelves-pane")
        yield KeysFooter()


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))
