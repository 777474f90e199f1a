"""A small app around the Wants pane, on a real session with a fixed clock, and sample data."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from helpers.clock import FakeClock
from helpers.workers import workers_done
from textual.app import App, ComposeResult
from wants_helpers import NOW

from gramtui.engine import wants
from gramtui.engine.setup import Session, open_session
from gramtui.settings.config import Config
from gramtui.settings.paths import Paths
from gramtui.store.models import MarketRow, WantRow
from gramtui.store.models_wants import MasterReleaseRow
from gramtui.ui.app import stylesheet
from gramtui.ui.breakpoints import VERTICAL_BREAKPOINTS
from gramtui.ui.pane import pane_services
from gramtui.ui.panes.wants import WantsPane
from gramtui.ui.widgets.keys_footer import KeysFooter

SAMPLE = """\
list "Jazz essentials" mode=one_by_one
  release 249504
  release 1234
  master 4242 format=Vinyl
  release 77 state=arrived
  release 88 state=removed_on_discogs
list "Spring digging" mode=spread from=2026-02-01 to=2026-05-01 paused
  release 5001
  release 5002
"""


class WantsApp(App[None]):
    CSS_PATH = stylesheet()
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS  # as in the app: -short packs panes tighter

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield WantsPane(pane_services(self.session), id="wants-pane")
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.query_one(WantsPane).refresh_data()  # as the app does when the pane is first shown
        # The pane reads in a worker; tests start from the data shown, as a person sees it.
        await workers_done(self)


def pane_session(tmp_path: Path, *, automation: bool = False) -> Session:
    config = Config()
    config.automation.wants = automation
    config.sales.currency = "EUR"  # the sample's market figures are in EUR
    return open_session(
        Paths(tmp_path, tmp_path / "c.toml"),
        config=config,
        token="t",
        base_url="http://127.0.0.1:9",
        clock=FakeClock(NOW),
        log_to_file=False,
        daily_backup=False,
    )


def fill_sample(session: Session) -> None:
    """Two lists in every state, titles with brackets, market data, two unmanaged wants."""
    engine = session.engine
    MasterReleaseRow.create(
        master_id=4242, main_release=424201, title="A Love Supreme", fetched_at=NOW
    )
    wants.import_text(engine, SAMPLE)
    WantRow.create(
        release_id=249504,
        artist="AC/DC [/live]",
        title="Let There Be Rock [red]",
        date_added=NOW - timedelta(days=3),
    )
    WantRow.create(
        release_id=31337,
        artist="Sun Ra",
        title="Space Is The Place",
        date_added=NOW - timedelta(days=40),
    )
    WantRow.create(
        release_id=31338,
        artist="Alice Coltrane",
        title="Journey In Satchidananda",
        date_added=NOW - timedelta(days=41),
    )
    MarketRow.create(release_id=249504, lowest_cents=1850, lowest_currency="EUR", num_for_sale=7)
    wants.run_pass(engine)  # books 249504 live: it is on the wantlist and first in line
