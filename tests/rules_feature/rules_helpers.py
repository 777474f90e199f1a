"""Shared pieces of the rules feature tests: the seed's rules, a clock that can skip a day."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers.settle import settle as settle_app
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from gramtui.domain.records import Record
from gramtui.engine.setup import Session
from gramtui.store.models import Task
from gramtui.ui.app import stylesheet
from gramtui.ui.breakpoints import VERTICAL_BREAKPOINTS
from gramtui.ui.pane import pane_services
from gramtui.ui.panes.rules import RulesPane
from gramtui.ui.widgets.keys_footer import KeysFooter

WINDOW = 0.25  # the sandbox's and the limiter's rate window: fast tests, same behaviour

SEED = """\
[formats]
contains 12 || contains LP -> 12 Inch
contains 7 -> 7 Inch
contains CD -> CD
contains File -> File

[classification]
is_uncleaned -> to_be_cleaned

[movement]
to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile
"""


def move_tasks(state: str = "pending") -> list[Task]:
    return list(
        Task.select().where((Task.kind == "move.folder") & (Task.state == state)).order_by(Task.id)
    )


def twelve_inch(record: Record) -> bool:
    """The seed's first format line, worked out by hand: a 12" or LP description."""
    tokens = {
        d.casefold().strip("\"″”'").strip() for f in record.release.formats for d in f.descriptions
    } | {f.name.casefold() for f in record.release.formats}
    return "12" in tokens or "lp" in tokens


def sandbox_folder_of(session: Session, instance_id: int) -> str:
    state = session.server.sandbox.state  # type: ignore[attr-defined]
    return state.folders[state.instances[instance_id].folder_id].name


def place_sample(sample_db: Path, data_dir: Path) -> None:
    """Copy the synced sample into a data directory (SQLite's backup: consistent, WAL and all)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(sample_db) as src, sqlite3.connect(data_dir / "gramtui.sqlite3") as dst:
        src.backup(dst)


class RulesApp(App[None]):
    """Just the Rules pane, on a session, with the app's stylesheet."""

    CSS_PATH = stylesheet()
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS  # as in the app: -short packs panes tighter

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield RulesPane(pane_services(self.session), id="rules-pane")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(RulesPane).refresh_data()  # as the app does when the pane is first shown
        self.query_one("#rules-list").focus()


async def settle(pilot: Pilot[None]) -> None:
    """Until the editor's debounce has fired and every worker is done, its results shown."""
    pane = pilot.app.screen_stack[0].query_one(RulesPane)
    await settle_app(pilot, until=lambda: not pane.check_pending)
