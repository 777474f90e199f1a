"""The Deals pane on a real session: a small app around it (the browser is the one stand-in:
URLs it would open are recorded), a fixed clock, and a world polled once over loopback."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from helpers.once import built_once, served_by
from helpers.settle import settle as settle
from textual.app import App, ComposeResult
from textual.widgets import Footer

from gramtui.engine import deals
from gramtui.engine.setup import Session
from gramtui.settings.config import Config
from gramtui.ui.app import stylesheet
from gramtui.ui.pane import PaneServices
from gramtui.ui.panes.deals import DealsPane

FIXED = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # a day after the sandbox's newest listing


def fixed_clock() -> datetime:
    return FIXED


class DealsApp(App[None]):
    CSS_PATH = stylesheet()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        s = self.session
        yield DealsPane(PaneServices(s.engine, s.config, s.paths), id="deals-pane")
        yield Footer()

    def on_mount(self) -> None:
        pane = self.query_one(DealsPane)
        pane.refresh_data()  # as the app does when the pane is first shown
        pane.focus_main()

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)


def polled_session(world: Any, config: Config | None = None) -> Session:
    """The world on the fixed clock, one poll round done (deals found and alerted).

    With the default settings the round is the same in every world (seeded sandboxes, fixed
    clock): it runs once per test run and each test gets a copy of its data directory."""
    world.clock = fixed_clock
    if config is not None:
        return _poll(world, config)
    polled = built_once(world.runs, "deals-polled", lambda folder: _poll_into(world, folder))
    for s in world.sessions:
        s.close()
    world.sessions.clear()
    shutil.rmtree(world.tmp / "data")
    shutil.copytree(polled, world.tmp / "data")
    served_by(world.tmp / "data" / "gramtui.sqlite3", world.discogs_url)
    session: Session = world.open()
    return session


def _poll(world: Any, config: Config | None) -> Session:
    session: Session = world.open(config)
    summary = deals.poll_round(session.engine, session.runner)
    assert summary.errors == [] and summary.new_deals > 0
    return session


def _poll_into(world: Any, folder: Path) -> None:
    _poll(world, None).close()
    world.sessions.clear()
    shutil.copytree(world.tmp / "data", folder, dirs_exist_ok=True)
