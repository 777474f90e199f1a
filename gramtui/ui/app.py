"""The gramtui application: its panes one key away (PANE_SPECS), the queue running in a thread
worker and announcing what it does (engine/events.py), every read and write in thread workers."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, TabbedContent, TabPane

from gramtui.discogs.models import Identity
from gramtui.domain.text import printable
from gramtui.domain.words import count
from gramtui.engine.events import RateWait, RunnerEvent, TaskEnded, TaskStarted
from gramtui.engine.queue import SYNC
from gramtui.engine.rules import missing_folder_advice
from gramtui.engine.setup import Session
from gramtui.engine.status import Status, TaskLine, read_status, task_lines
from gramtui.engine.sync import request_sync
from gramtui.ui.background import in_thread
from gramtui.ui.breakpoints import VERTICAL_BREAKPOINTS
from gramtui.ui.deals_watch import DealsWatch
from gramtui.ui.messages import (
    DataChanged,
    DropTask,
    OpenRecord,
    RetryTask,
    RunnerAnnounced,
    ShowPane,
    ShowRecord,
    StatusWanted,
    ToggleRunner,
)
from gramtui.ui.pane import Pane, PaneServices, pane_services
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
W = TypeVar("W", bound=Widget)


class PaneFactory(Protocol):
    def __call__(self, services: PaneServices, *, id: str) -> Widget: ...


Keys = list[tuple[str, list[BindingType]]]


@dataclass(frozen=True)
class PaneSpec:
    """One pane of the app: key n (its place in PANES) shows it. `shows`: the data it shows
    (a `DataChanged` naming one re-reads it); the Queue pane is fed the status instead."""

    id: str
    title: str
    build: PaneFactory
    keys: Callable[[], Keys]
    shows: frozenset[str] = frozenset()


def _keys(title: str, pane: type[Widget]) -> Callable[[], Keys]:
    return lambda: [(title, list(pane.BINDINGS))]


# The panes, in key order: a new pane is one line here.
PANE_SPECS: tuple[PaneSpec, ...] = (
    PaneSpec(
        "shelves", "Shelves", ShelvesPane, ShelvesPane.help_sections, frozenset({"collection"})
    ),
    PaneSpec("rules", "Rules", RulesPane, _keys("Rules", RulesPane), frozenset({"collection"})),
    PaneSpec("sales", "Sales", SalesPane, _keys("Sales", SalesPane), frozenset({"sales"})),
    PaneSpec("wants", "Wants", WantsPane, _keys("Wants", WantsPane), frozenset({"wants"})),
    PaneSpec("queue", "Queue", QueuePane, _keys("Queue", QueuePane)),
    PaneSpec(
        "insight", "Insight", InsightPane, _keys("Insight", InsightPane), frozenset({"collection"})
    ),
    PaneSpec("deals", "Deals", DealsPane, DealsPane.help_sections, frozenset({"deals", "wants"})),
)
PANES = tuple(spec.id for spec in PANE_SPECS)
STATUS_GAP = 0.4  # a sync announces many pages a second: their reads wait this long between
STATUS_FALLBACK_SECONDS = 5.0  # the runner announces its work; this catches other processes'


def stylesheet() -> Path:
    """The stylesheet ships inside the package (a link to the top-level gramtui.tcss in a checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "gramtui.tcss", here.parent / "gramtui.tcss"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("gramtui.tcss is missing from the installation; reinstall gramtui.")


def _save_theme(config_file: Path, theme: str) -> None:
    from gramtui.settings.config_write import write_keys

    write_keys(config_file, "ui", {"theme": theme})


class Panes(TabbedContent):
    """The panes, one tab each."""


class GramtuiApp(App[None]):
    CSS_PATH = stylesheet()
    TITLE = "gramtui"
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS
    BINDINGS = [
        *(
            Binding(str(n), f"show('{spec.id}')", spec.title, show=False)
            for n, spec in enumerate(PANE_SPECS, 1)
        ),
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
        poll_interval: float = STATUS_FALLBACK_SECONDS,
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
        self.services = pane_services(session, demo=demo)
        self.panes: dict[str, Pane] = {}  # by PaneSpec.id, built in compose
        self._status_reading = False  # one status read at a time; asked again meanwhile: again
        self._status_again = False
        self._status_scheduled = False  # the read asked for meanwhile waits STATUS_GAP
        self._status_told = ""  # the last failure to read the status, told once
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
        config_file = self.session.paths.config_file
        in_thread(
            self,
            lambda: _save_theme(config_file, theme),
            lambda _none: None,
            what="Saving the theme",
            group="settings",
            exclusive=False,
            failed=lambda sentence: self.notify(sentence, severity="warning"),
        )

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with Panes(id="panes", initial=PANE_SPECS[0].id):
            for n, spec in enumerate(PANE_SPECS, 1):
                with TabPane(f"{n} {spec.title}", id=spec.id):
                    pane = spec.build(self.services, id=f"{spec.id}-pane")
                    assert isinstance(pane, Pane), f"{type(pane).__name__} is not a Pane"
                    self.panes[spec.id] = pane
                    yield pane
        yield KeysFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self.focus_active_pane)
        self.engine.events.listen(self._announced)
        self.refresh_status()
        self.set_interval(self.poll_interval, self.refresh_status)
        DealsWatch(self, self.engine, poll=self.start_runner).start()  # searches due; alerts
        if not self.session.token:
            from gramtui.ui.screens.token import TokenScreen

            self.push_screen(TokenScreen(self._sign_in), self._signed_in)
            return
        self._start_work()

    def _sign_in(self, token: str) -> Identity:
        """Check the token with Discogs and keep it: the token screen's worker calls this."""
        from gramtui.engine.account import sign_in

        return sign_in(self.session, token)

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
        from gramtui.engine.progress import default_sync_kind

        engine, initial, settings = self.engine, self.initial_sync, self.session.config.sync

        def ask() -> None:  # reads and writes the store: off the UI thread
            if initial == "auto":
                kind = default_sync_kind(engine.clock(), settings.full_every_days)
                if kind == "full" or settings.quick_on_start:
                    request_sync(engine, kind)
            elif initial:
                request_sync(engine, initial)

        in_thread(
            self,
            ask,
            lambda _none: self.refresh_status(),
            what="Queueing the sync at start",
            group="sync-request",
            exclusive=False,
        )
        if self.start_runner and not self._runner_started:
            self._runner_started = True
            in_thread(
                self,
                lambda: self.runner.run(self._stop),
                lambda _how: None,
                what="The queue runner",
                group="queue",
                exclusive=False,
            )
            self.set_interval(3600, self._scheduled_sync)  # a collector may leave it open for days

    def _scheduled_sync(self) -> None:
        from gramtui.engine.progress import default_sync_kind

        engine, every = self.engine, self.session.config.sync.full_every_days

        def ask() -> None:
            if default_sync_kind(engine.clock(), every) == "full":
                request_sync(engine, "full", priority=SYNC)

        in_thread(
            self,
            ask,
            lambda _none: None,
            what="The daily sync",
            group="sync-request",
            exclusive=False,
        )

    def on_unmount(self) -> None:
        self.engine.events.forget(self._announced)
        self._stop.set()
        self.engine.limiter.cancel()  # a runner waiting for the rate window stops at once
        self.engine.queue.wakeup.set()

    # -- status -------------------------------------------------------------------------------

    def _main(self, kind: type[W]) -> W:
        """A widget of the main screen, also while a dialog stands on top of it (NoMatches
        while the app closes: its screens are gone)."""
        if not self.screen_stack:
            raise NoMatches(f"no screen holds a {kind.__name__} any more")
        return self.screen_stack[0].query_one(kind)

    def _announced(self, event: RunnerEvent) -> None:
        """The runner's thread: hand the event to the UI thread and return at once."""
        self.post_message(RunnerAnnounced(event))

    def on_runner_announced(self, message: RunnerAnnounced) -> None:
        event = message.event
        try:
            if isinstance(event, RateWait):  # no read needed: the wait and its end, at once
                self._main(QueuePane).show_wait(event.until)
                return
            if isinstance(event, TaskStarted | TaskEnded):
                self._main(QueuePane).show_wait(None)
            self.refresh_status()
        except NoMatches:  # announced while the app closes: nobody to show it to
            return

    def refresh_status(self) -> None:
        """Read the queue's status in a worker and show it; one read at a time (asked again
        meanwhile, it reads once more, STATUS_GAP after the one under way)."""
        if self._status_reading:
            self._status_again = True
            return
        if self._status_scheduled:
            return  # the read asked for meanwhile comes soon
        try:
            kind = self._main(QueuePane).kind_filter
        except NoMatches:  # a timer's last call while the app closes
            return
        self._status_reading = True
        engine, state = self.engine, self.runner.state

        def read() -> tuple[Status, list[TaskLine]]:
            return read_status(engine, state), task_lines(engine, kind)

        in_thread(
            self,
            read,
            self._status_read,
            what="Reading the queue's status",
            group="status",
            exclusive=False,
            failed=self._status_failed,
        )

    @property
    def status_pending(self) -> bool:
        """A status read is under way or asked for (tests wait for it to end)."""
        return self._status_reading or self._status_again or self._status_scheduled

    def _status_read(self, read: tuple[Status, list[TaskLine]]) -> None:
        self._status_done()
        self._status_told = ""
        try:
            self._show_status(*read)
        except NoMatches:  # a read ending while the app closes: the panes' widgets are gone
            return

    def _status_failed(self, sentence: str) -> None:
        self._status_done()
        if sentence != self._status_told:  # another process holding the database: said once
            self._status_told = sentence
            self.notify(sentence, severity="warning")

    def _status_done(self) -> None:
        self._status_reading = False
        if self._status_again:
            self._status_again = False
            self._status_scheduled = True
            self.set_timer(STATUS_GAP, self._status_due)

    def _status_due(self) -> None:
        self._status_scheduled = False
        self.refresh_status()

    def _show_status(self, status: Status, tasks: list[TaskLine]) -> None:
        if status.missing_folders != self._missing_told:  # a rule's folder went (or came back)
            self._missing_told = status.missing_folders
            if status.missing_folders:
                self.notify(
                    missing_folder_advice(status.missing_folders), severity="warning", timeout=20
                )
        self._main(QueuePane).show(status, tasks)
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
        self._reread(spec.id for spec in PANE_SPECS if spec.shows)

    def _reread(self, names: Iterable[str]) -> None:
        active = self._main(Panes).active
        for name in names:
            if name == active:
                self.panes[name].refresh_data()
            else:
                self._stale.add(name)

    def on_data_changed(self, message: DataChanged) -> None:
        self._reread(spec.id for spec in PANE_SPECS if spec.shows & message.what)
        self.refresh_status()

    def on_show_pane(self, message: ShowPane) -> None:
        self.action_show(message.pane)

    # -- actions ------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, but not over unsaved rules without asking."""
        if not self._main(RulesPane).dirty:
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
        tabs = self._main(Panes)
        if tabs.active == pane:
            self.focus_active_pane()
            return
        # Let go of the focused widget first: it is in the pane about to be hidden, and Textual,
        # hiding it, would hand focus to a neighbour in that same pane, whose tab would then come
        # back to the front (TabbedContent shows the pane a widget takes focus in). The pane
        # shown takes focus when it is activated.
        tabs.screen.set_focus(None)
        tabs.active = pane

    def on_open_record(self, message: OpenRecord) -> None:
        """Enter on a record anywhere: its detail screen, over whatever is on screen."""
        from gramtui.ui.screens.record_detail import RecordDetailScreen

        self.push_screen(
            RecordDetailScreen(
                self.services,
                instance_id=message.instance_id,
                release_id=message.release_id,
                master_id=message.master_id,
            )
        )

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = event.pane.id or ""
        if name in self._stale:
            self._stale.discard(name)
            self.panes[name].refresh_data()
        self._focus_pane(event.pane)

    def focus_active_pane(self) -> None:
        self._focus_pane(self._main(Panes).active_pane)

    def _focus_pane(self, pane: TabPane | None) -> None:
        # Focus the pane's main widget (each pane says which), so its keys work at once and
        # typing never lands in a widget of a hidden pane.
        if pane is not None and pane.id in self.panes:
            self.panes[pane.id].focus_main()

    def on_show_record(self, message: ShowRecord) -> None:
        self.action_show("shelves")
        self.query_one(ShelvesPane).show_record(message.instance_id)

    def action_sync(self, kind: str) -> None:
        engine = self.engine

        def queued(_run: object) -> None:
            self.notify(f"{kind.capitalize()} sync queued: follow it in the Queue pane (5).")
            self.refresh_status()

        # Another process holding the database too long is told in one sentence (in_thread).
        in_thread(
            self,
            lambda: request_sync(engine, kind),
            queued,
            what=f"Queueing a {kind} sync",
            group="sync-request",
            exclusive=False,
        )

    def action_help(self) -> None:
        sections: Keys = [("Everywhere", list(self.BINDINGS))]
        for spec in PANE_SPECS:
            sections.extend(spec.keys())
        from gramtui.ui.screens.record_detail import RecordDetailScreen

        sections.append(("A record (Enter on it)", list(RecordDetailScreen.BINDINGS)))
        self.push_screen(HelpScreen(sections))

    # -- what the Queue pane asks -------------------------------------------------------------

    def on_toggle_runner(self, _message: ToggleRunner) -> None:
        self.toggle_runner()

    def on_status_wanted(self, _message: StatusWanted) -> None:
        self.refresh_status()

    def on_retry_task(self, message: RetryTask) -> None:
        task_id, queue = message.task_id, self.engine.queue
        in_thread(
            self,
            lambda: queue.retry(task_id),
            lambda ok: self._task_changed(f"Task {task_id} will be tried again." if ok else ""),
            what=f"Retrying task {task_id}",
            group="queue-act",
            exclusive=False,
        )

    def on_drop_task(self, message: DropTask) -> None:
        task_id, queue = message.task_id, self.engine.queue
        in_thread(
            self,
            lambda: queue.drop(task_id),
            lambda ok: self._task_changed(f"Task {task_id} dropped." if ok else ""),
            what=f"Dropping task {task_id}",
            group="queue-act",
            exclusive=False,
        )

    def _task_changed(self, said: str) -> None:
        if said:
            self.notify(said)
        self.refresh_status()

    def toggle_runner(self) -> None:
        if self.runner.state.paused:
            self.runner.resume()
            self.notify("Queue resumed.")
        else:
            self.runner.pause()
            self.notify("Queue paused: nothing is sent to Discogs until you resume (p).")
        self.refresh_status()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
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
        from gramtui.engine.ebay_setup import credentials_path, ebay_configured
        from gramtui.ui.screens.settings import SettingsPlace, SettingsScreen

        paths = self.session.paths
        place = SettingsPlace(
            paths.config_file, credentials_path(paths), lambda: ebay_configured(paths)
        )
        self.push_screen(SettingsScreen(self.session.config, place))

    def action_sign_in(self) -> None:
        from gramtui.ui.screens.token import TokenScreen

        self.push_screen(TokenScreen(self._sign_in), self._signed_in)
