"""A small app around the moves view, and a synced sample collection with an organisation."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.once import built_once, served_by
from helpers.settle import settle as settle
from moves_helpers import NOW
from textual.app import App, ComposeResult

from gramtui.engine import layouts, moves
from gramtui.engine.setup import Session
from gramtui.engine.sync import request_sync
from gramtui.store import collection
from gramtui.ui.app import stylesheet
from gramtui.ui.breakpoints import VERTICAL_BREAKPOINTS
from gramtui.ui.pane import pane_services
from gramtui.ui.panes.moves import MovesView
from gramtui.ui.widgets.keys_footer import KeysFooter

ORGANISATION = """
[[organisation]]
name = "Records room"
density = "count"
[[organisation.source]]
folder = "12s"
sort = "label"
[[organisation.space]]
name = "Kallax"
units = 4
width = 6
"""


class MovesApp(App[None]):
    CSS_PATH = stylesheet()
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS  # as in the app: -short packs panes tighter

    def __init__(self, session: Session, organisation: str | None = "Records room") -> None:
        super().__init__()
        self.session = session
        self.organisation = organisation

    def compose(self) -> ComposeResult:
        yield MovesView(pane_services(self.session), id="moves-view")
        yield KeysFooter()

    def on_mount(self) -> None:
        view = self.query_one(MovesView)
        view.show_organisation(self.organisation)
        view.query_one("#moves-list").focus()


def synced_sample(
    sandbox_server: Callable[..., object],
    make_session: Callable[..., object],
    drain: Callable[..., None],
    runs: pytest.TempPathFactory,
    data: Path,
) -> Session:
    """60 sample records synced from the sandbox; "Records room" shelves the 12s (accepted), then a
    record comes back from the listening pile, so the new layout needs a few moves.

    The same in every test (seeded sandbox, fixed clock): made once per test run, and each test
    opens a copy of its database in `data` (make_session's data directory) on its own server."""
    server = sandbox_server(instances=60)
    made: list[Session] = []

    def build(folder: Path) -> None:
        made.append(_sync_and_lay_out(server.url, make_session, drain))  # type: ignore[attr-defined]
        with contextlib.closing(sqlite3.connect(made[0].paths.database)) as src:
            with contextlib.closing(sqlite3.connect(folder / "gramtui.sqlite3")) as dst:
                src.backup(dst)

    template = built_once(runs, "moves-synced", build) / "gramtui.sqlite3"
    if made:  # this test built it: its session is the original
        return made[0]
    data.mkdir(parents=True)
    shutil.copy(template, data / "gramtui.sqlite3")
    served_by(data / "gramtui.sqlite3", server.url)  # type: ignore[attr-defined]
    session: Session = make_session(server.url, clock=FakeClock(NOW))  # type: ignore[assignment,attr-defined]
    return session


def _sync_and_lay_out(
    url: str, make_session: Callable[..., object], drain: Callable[..., None]
) -> Session:
    session: Session = make_session(url, clock=FakeClock(NOW))  # type: ignore[assignment]
    request_sync(session.engine, "full")
    drain(session)
    layouts.import_toml(ORGANISATION, NOW)
    first = moves.prepare_batch(session.engine, "Records room")
    assert first is not None
    moves.mark_done(session.engine, batch_id=first.id)
    folders = {f.name: f.id for f in collection.folders()}
    back = min(r.instance_id for r in collection.load_records([folders["Listening Pile"]]))
    collection.set_folder(back, folders["12s"])
    return session
