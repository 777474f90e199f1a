"""The gramtui application: five panes one key away, the queue running in a thread worker."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, TabbedContent, TabPane

from gramtui.domain.text import printable
from gramtui.domain.words import count
from gramtui.engine.queue import SYNC
from gramtui.engine.rules import missing_folder_advice
from gramtui.engine.setup import Session
from gramtui.engine.status import Status, StoreBusy, read_status, task_kinds, task_lines
from gramtui.engine.sync import request_sync
from gramtui.ui.breakpoints import VERTICAL_BREAKPOINTS
from gramtui.ui.deals_watch import DealsWatch
from gramtui.ui.messages import DataChanged, ShowRecord
from gramtui.ui.pane import PaneServices
from gramtui.ui.panes.deals import DealsPane
from gramtui.ui.panes.insight import InsightPane
from gramtui.ui.panes.queue import QueuePane
from gramtui.ui.panes.rules import RulesPane
from gramtui.ui.panes.sales import SalesPane
from gramtui.ui.panes.shelves import ShelvesPane
from gramtui.ui.panes.wants import WantsPane
from gramtui.ui.screens import removals as removals_prompt
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.help import HelpScreen
from gramtui.ui.widgets.keys_footer import KeysFooter

log = logging.getLogger("gramtui.ui")

PANES = ("shelves", "rules", "sales", "wants", "queue", "insight", "deals")
DATA_PANES = {"shelves": ShelvesPane, "rules": RulesPane, "sales": SalesPane, "wants": WantsPane}
DATA_PANES["insight"] = InsightPane  # built with PaneServices, not in this dict literal
DATA_PANES["deals"] = DealsPane  # likewise


def stylesheet() -> Path:
    """The stylesheet ships inside the package (a link to the top-level gramtui.tcss in a checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "gramtui.tcss", here.parent / "gramtui.tcss"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("gramtui.tcss is missing from the installation; reinstall gramtui.")


class Panes(TabbedContent):
    """Tabs change only when the user picks one. Textual's TabbedContent shows whichever pane a
    widget takes focus in, so a late focus call in a hidden pane (a worker finishing) would pull
    the user away; here focus goes back to the pane on screen instead."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.prevent_default()  # not TabbedContent's own handler
        event.stop()
        if event.tab_pane.id != self.active:
            self.call_after_refresh(self.app.focus_active_pane)  # type: ignore[attr-defined]


class GramtuiApp(App[None]):
    CSS_PATH = stylesheet()
    TITLE = "gramtui"
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS
    BINDINGS = [
        Binding("1", "show('shelves')", "Shelves", show=False),
        Binding("2", "show('rules')", "Rules", show=False),
        Binding("3", "show('sales')", "Sales", show=False),
        Binding("4", "show('wants')", "Wants", show=False),
        Binding("5", "show('queue')", "Queue", show=False),
        Binding("6", "show('insight')", "Insight", show=False),
        Binding("7", "show('deals')", "Deals", show=False),
        Binding("ctrl+r", "sync('quick')", "Sync"),
        Binding("ctrl+f", "sync('full')", "Full sync", show=False),
        Binding("question_mark,f1", "help", "Help"),
        Binding("f2", "settings", "Settings", show=False),  # in the help and the palette
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        session: Session,
        *,
        start_runner: bool = True,
        initial_sync: str | None = "auto",
        demo: bool = False,
        poll_interval: float = 0.5,
    ) -> None:
        super().__init__()
        self.session = session
        self.engine = session.engine
        self.runner = session.runner
        self.start_runner = start_runner
        self.initial_sync = initial_sync
        self.demo = demo
        self.poll_interval = poll_interval
        self._stop = threading.Event()
        self._data_marker: tuple[object, ...] = (None, None, None, None)
        self._stale: set[str] = set()  # panes whose data changed while hidden: read when shown
        self._last_reread = 0.0
        self._runner_started = False
        self._asked_removals: tuple[str, ...] = ()  # held removals already asked about
        self._missing_told: list[str] = []
        self.theme = (
            session.config.ui.theme
            if session.config.ui.theme in self.available_themes
            else "textual-dark"
        )

    def notify(self, message: str, *, title: str = "", **kwargs: Any) -> None:
        """Notifications often quote Discogs (an error, a title): made printable first."""
        super().notify(printable(message, multiline=True), title=printable(title), **kwargs)

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette is kept in the config's [ui] theme for the next start."""
        ui = self.session.config.ui
        if theme == ui.theme or not self.is_running:
            return
        ui.theme = theme
        self.run_worker(
            lambda: self._save_theme(theme), thread=True, name="save-theme", group="settings"
        )

    def _save_theme(self, theme: str) -> None:
        from gramtui.settings.config import ConfigError
        from gramtui.settings.config_write import write_keys

        config_file = self.session.paths.config_file
        try:
            write_keys(config_file, "ui", {"theme": theme})
        except (ConfigError, OSError) as e:
            log.warning("theme not saved to %s: %s", config_file, e)
            self.call_from_thread(self.notify, f"The theme was not saved: {e}", severity="warning")

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with Panes(id="panes", initial="shelves"):
            with TabPane("1 Shelves", id="shelves"):
                yield ShelvesPane(id="shelves-pane")
            with TabPane("2 Rules", id="rules"):
                yield RulesPane(id="rules-pane")
            with TabPane("3 Sales", id="sales"):
                yield SalesPane(id="sales-pane")
            with TabPane("4 Wants", id="wants"):
                yield WantsPane(id="wants-pane")
            with TabPane("5 Queue", id="queue"):
                yield QueuePane(id="queue-pane")
            with TabPane("6 Insight", id="insight"):
                services = PaneServices(
                    self.engine, self.session.config, self.session.paths, self.demo
                )
                yield InsightPane(services, id="insight-pane")
            with TabPane("7 Deals", id="deals"):
                yield DealsPane(services, id="deals-pane")
        yield KeysFooter()

    def on_mount(self) -> None:
        # Panes may focus their own widgets as they mount; the visible one wins.
        self.call_after_refresh(self.focus_active_pane)
        self.refresh_status()
        self.set_interval(self.poll_interval, self.refresh_status)
        DealsWatch(self, self.engine, poll=self.start_runner).start()  # searches due; alerts
        if not self.session.token:
            from gramtui.ui.screens.token import TokenScreen

            self.push_screen(TokenScreen(), self._signed_in)
            return
        self._start_work()

    def _signed_in(self, username: str | None) -> None:
        if username is None:
            self.notify(
                "No token yet: nothing syncs. Press Ctrl+P → Sign in, or restart gramtui.",
                severity="warning",
                timeout=8,
            )
            return
        self.notify(f"Signed in as {username}. Syncing your collection: progress is below.")
        self.initial_sync = "full"
        self.action_show("queue")
        self._start_work()

    def _start_work(self) -> None:
        if self.initial_sync == "auto":
            from gramtui.engine.progress import default_sync_kind

            kind = default_sync_kind(self.engine.clock(), self.session.config.sync.full_every_days)
            if kind == "full" or self.session.config.sync.quick_on_start:
                request_sync(self.engine, kind)
        elif self.initial_sync:
            request_sync(self.engine, self.initial_sync)
        if self.start_runner and not self._runner_started:
            self._runner_started = True
            self.run_worker(self._run_queue, thread=True, name="queue-runner", group="queue")
            self.set_interval(3600, self._scheduled_sync)  # a collector may leave it open for days
        self.refresh_status()

    def _scheduled_sync(self) -> None:
        from gramtui.engine.progress import default_sync_kind

        if (
            default_sync_kind(self.engine.clock(), self.session.config.sync.full_every_days)
            == "full"
        ):
            request_sync(self.engine, "full", priority=SYNC)

    def _run_queue(self) -> None:
        self.runner.run(self._stop)

    def on_unmount(self) -> None:
        self._stop.set()
        self.engine.limiter.cancel()  # a runner waiting for the rate window stops at once
        self.engine.queue.wakeup.set()

    # -- status -------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        try:
            status = read_status(self.engine, self.runner.state)
        except StoreBusy:  # another process holds the database: the next tick reads again
            return
        try:
            self._show_status(status)
        except NoMatches:  # a tick while the app closes: the panes' widgets are gone already
            return

    def _show_status(self, status: Status) -> None:
        if status.missing_folders != self._missing_told:  # a rule's folder went (or came back)
            self._missing_told = status.missing_folders
            if status.missing_folders:
                self.notify(
                    missing_folder_advice(status.missing_folders), severity="warning", timeout=20
                )
        queue_pane = self.query_one(QueuePane)
        queue_pane.show(status, task_lines(self.engine, queue_pane.kind_filter))
        idle = status.counts.pending == 0
        # A task the user is waiting for (a listing made, a want sent, a record moved) is new
        # data too, even when it ran between two looks or while market figures trickle in;
        # sync pages and market figures count through the records and the sync's state.
        acted = sum(
            n
            for (kind, state), n in status.counts.by_kind_state.items()
            if state == "done" and not kind.startswith(("sync.", "market."))
        )
        marker = (status.records, status.sync_state, idle, acted)
        settled = marker[1:] != self._data_marker[1:]  # a sync ended or the queue drained
        # While pages arrive, panes re-read at most every few seconds: re-reading 50,000 records
        # for every page of 100 would stall the screen for nothing.
        if marker != self._data_marker and (settled or time.monotonic() - self._last_reread > 3.0):
            self._last_reread = time.monotonic()
            # New data (a page arrived, a sync ended, the queue drained): panes re-read it.
            self._data_marker = marker
            self._data_changed()
        user = status.username or (
            "account not checked yet" if self.session.token else "not signed in"
        )
        where = "demo sandbox" if self.demo else user
        busy = f" · syncing {count(status.counts.pending, 'task')}" if status.counts.pending else ""
        if status.runner.held_by:
            busy += f" · queue run by {status.runner.held_by}"
        self.sub_title = f"{where} · {count(status.records, 'record')}{busy}"
        if status.held_removals and status.held_removals != self._asked_removals:
            self._asked_removals = status.held_removals
            removals_prompt.ask(self, self.engine, status.held_removals)

    def _data_changed(self) -> None:
        # Only the pane on screen reads now; a hidden one reads when it is first shown, once
        # (reading 50,000 records for panes nobody looks at doubled start-up time and memory).
        active = self.query_one(Panes).active
        for name, pane in DATA_PANES.items():
            if name == active:
                self.query_one(pane).refresh_data()
            else:
                self._stale.add(name)

    # -- actions ------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, but not over unsaved rules without asking."""
        if not self.query_one(RulesPane).dirty:
            self.exit()
            return

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Your rules have unsaved changes. Quit and lose them? (n: stay, then Ctrl+S)"
            ),
            answer,
        )

    def action_show(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = event.pane.id or ""
        if name in self._stale:
            self._stale.discard(name)
            self.query_one(DATA_PANES[name]).refresh_data()
        self._focus_pane(event.pane)

    def on_data_changed(self, message: DataChanged) -> None:
        """A pane changed what others show: they read it again when next shown."""
        self._stale.update(name for name in message.what if name in DATA_PANES)

    def focus_active_pane(self) -> None:
        self._focus_pane(self.query_one(Panes).active_pane)

    def _focus_pane(self, pane: TabPane | None) -> None:
        # Focus the pane's main widget (each pane says which), so its keys work at once and
        # typing never lands in a widget of a hidden pane.
        content = next(iter(pane.children), None) if pane is not None else None
        focus_main = getattr(content, "focus_main", None)
        if focus_main is not None:
            focus_main()

    def on_show_record(self, message: ShowRecord) -> None:
        self.action_show("shelves")
        self.query_one(ShelvesPane).show_record(message.instance_id)

    def action_sync(self, kind: str) -> None:
        try:
            request_sync(self.engine, kind)
        except StoreBusy as e:  # another process held the database too long: say so, stay up
            self.notify(str(e), severity="warning")
            return
        self.notify(f"{kind.capitalize()} sync queued: follow it in the Queue pane (5).")
        self.refresh_status()

    def action_help(self) -> None:
        sections = [("Everywhere", list(self.BINDINGS)), *ShelvesPane.help_sections()]
        for cls, title in (
            (RulesPane, "Rules"),
            (SalesPane, "Sales"),
            (WantsPane, "Wants"),
            (QueuePane, "Queue"),
            (InsightPane, "Insight"),
        ):
            sections.append((title, list(cls.BINDINGS)))
        sections += DealsPane.help_sections()
        self.push_screen(HelpScreen(sections))

    def toggle_runner(self) -> None:
        if self.runner.state.paused:
            self.runner.resume()
            self.notify("Queue resumed.")
        else:
            self.runner.pause()
            self.notify("Queue paused: nothing is sent to Discogs until you resume (p).")
        self.refresh_status()

    def retry_task(self, task_id: int) -> None:
        try:
            if self.engine.queue.retry(task_id):
                self.notify(f"Task {task_id} will be tried again.")
        except StoreBusy as e:
            self.notify(str(e), severity="warning")
        self.refresh_status()

    def drop_task(self, task_id: int) -> None:
        try:
            if self.engine.queue.drop(task_id):
                self.notify(f"Task {task_id} dropped.")
        except StoreBusy as e:
            self.notify(str(e), severity="warning")
        self.refresh_status()

    def task_kinds(self) -> list[str]:
        return task_kinds(self.engine)

    def get_system_commands(self, screen: Screen):  # type: ignore[no-untyped-def]
        # Textual's own "Keys" (a side panel) would stand beside ours (the full help screen)
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        yield SystemCommand(
            "Sync now (quick)", "Read what is new on Discogs", lambda: self.action_sync("quick")
        )
        yield SystemCommand(
            "Full sync", "Read everything and remove what is gone", lambda: self.action_sync("full")
        )
        for pane in PANES:
            yield SystemCommand(
                f"Go to {pane.capitalize()}",
                f"Show the {pane} pane",
                lambda p=pane: self.action_show(p),
            )
        yield SystemCommand(
            "Pause or resume the queue", "Stop or restart Discogs traffic", self.toggle_runner
        )
        yield SystemCommand("Keys", "Every key of every pane (? or F1)", self.action_help)
        yield SystemCommand("Sign in", "Enter or replace the Discogs token", self.action_sign_in)
        yield SystemCommand(
            "Settings",
            "Automation, sync, sales, wants, printer, eBay, Telegram (F2)",
            self.action_settings,
        )

    def action_settings(self) -> None:
        from gramtui.ebay.credentials import FILE_NAME
        from gramtui.engine.ebay_setup import ebay_configured
        from gramtui.ui.screens.settings import SettingsPlace, SettingsScreen

        paths = self.session.paths
        place = SettingsPlace(
            paths.config_file, paths.data_dir / FILE_NAME, lambda: ebay_configured(paths)
        )
        self.push_screen(SettingsScreen(self.session.config, place))

    def action_sign_in(self) -> None:
        from gramtui.ui.screens.token import TokenScreen

        self.push_screen(TokenScreen(), self._signed_in)
