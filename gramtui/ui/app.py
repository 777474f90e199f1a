"""The gramtui application: its panes one key away (PANE_SPECS), the queue running in a thread
worker and announcing what it does (engine/events.py), every read and write in thread workers.

Started by `gramtui`, the app paints its first frame (the Shelves pane, the footer) before the
engine is even imported: the session opens in a worker (`opener`), and a pane other than the
Shelves is built, its module imported, when it is first shown.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, TabbedContent, TabPane

from gramtui.domain.text import printable
from gramtui.domain.words import count
from gramtui.ui.background import in_thread
from gramtui.ui.breakpoints import VERTICAL_BREAKPOINTS
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
from gramtui.ui.panes.shelves import ShelvesPane
from gramtui.ui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:  # imported where used: the first frame comes before the engine loads
    from gramtui.discogs.models import Identity
    from gramtui.engine.events import RunnerEvent
    from gramtui.engine.setup import Session
    from gramtui.engine.status import Status, TaskLine
    from gramtui.ui.panes.queue import QueuePane
    from gramtui.ui.panes.rules import RulesPane

log = logging.getLogger("gramtui.ui")
W = TypeVar("W", bound=Widget)


class PaneFactory(Protocol):
    def __call__(self, services: PaneServices, *, id: str) -> Widget: ...


Keys = list[tuple[str, list[BindingType]]]


@dataclass(frozen=True)
class PaneSpec:
    """One pane of the app: key n (its place in PANES) shows it. `where`: its class, as
    "module:Class", imported when the pane is first shown. `shows`: the data it shows (a
    `DataChanged` naming one re-reads it); the Queue pane is fed the status instead."""

    id: str
    title: str
    where: str
    shows: frozenset[str] = frozenset()

    def pane_class(self) -> type[Widget]:
        module, name = self.where.split(":")
        pane: type[Widget] = getattr(importlib.import_module(module), name)
        return pane

    def build(self, services: PaneServices) -> Widget:
        pane = cast(PaneFactory, self.pane_class())(services, id=f"{self.id}-pane")
        assert isinstance(pane, Pane), f"{type(pane).__name__} is not a Pane"
        return pane

    def keys(self) -> Keys:
        """The pane's keys for the help screen: its own sections, if it has several."""
        pane = self.pane_class()
        sections: Callable[[], Keys] | None = getattr(pane, "help_sections", None)
        return sections() if sections is not None else [(self.title, list(pane.BINDINGS))]


# The panes, in key order: a new pane is one line here.
PANE_SPECS: tuple[PaneSpec, ...] = (
    PaneSpec(
        "shelves", "Shelves", "gramtui.ui.panes.shelves:ShelvesPane", frozenset({"collection"})
    ),
    PaneSpec("rules", "Rules", "gramtui.ui.panes.rules:RulesPane", frozenset({"collection"})),
    PaneSpec("sales", "Sales", "gramtui.ui.panes.sales:SalesPane", frozenset({"sales"})),
    PaneSpec("wants", "Wants", "gramtui.ui.panes.wants:WantsPane", frozenset({"wants"})),
    PaneSpec("queue", "Queue", "gramtui.ui.panes.queue:QueuePane"),
    PaneSpec(
        "insight", "Insight", "gramtui.ui.panes.insight:InsightPane", frozenset({"collection"})
    ),
    PaneSpec("deals", "Deals", "gramtui.ui.panes.deals:DealsPane", frozenset({"deals", "wants"})),
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
        session: Session | None = None,
        *,
        opener: Callable[[], Session] | None = None,
        start_runner: bool = True,
        initial_sync: str | None = "auto",
        demo: bool = False,
        poll_interval: float = STATUS_FALLBACK_SECONDS,
        theme: str | None = None,
    ) -> None:
        """`session`: an open session; or `opener`, which opens it in a worker after the first
        frame (an exception it raises ends the app and is kept in `open_error`); `theme`: the
        config's, for that first frame."""
        super().__init__()
        assert (session is None) != (opener is None), "a session or an opener, not both"
        self._opener = opener
        self.open_error: Exception | None = None
        self._waiting: list[Callable[[], None]] = []  # keys pressed while the session opens
        self._queue_fed: tuple[Status, list[TaskLine]] | None = None  # for a Queue pane built later
        self._rate_wait: datetime | None = None
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
        self.panes: dict[str, Pane] = {}  # by PaneSpec.id, built when first shown
        self._building: set[str] = set()
        self._status_reading = False  # one status read at a time; asked again meanwhile: again
        self._status_again = False
        self._status_scheduled = False  # the read asked for meanwhile waits STATUS_GAP
        self._status_told = ""  # the last failure to read the status, told once
        if theme in self.available_themes:
            self.theme = theme
        if session is not None:
            self._take_session(session)

    def _take_session(self, session: Session) -> None:
        self.session = session
        self.engine = session.engine
        self.runner = session.runner
        self.services = pane_services(session, demo=self.demo)
        self.theme = (
            session.config.ui.theme
            if session.config.ui.theme in self.available_themes
            else "textual-dark"
        )

    @property
    def opened(self) -> bool:
        return hasattr(self, "session")

    def _when_open(self, then: Callable[[], None]) -> bool:
        """True when the session is not open yet: `then` runs once it is (a key pressed in the
        first moments is not lost)."""
        if self.opened:
            return False
        self._waiting.append(then)
        return True

    def notify(self, message: str, *, title: str = "", **kwargs: Any) -> None:
        """Notifications often quote Discogs (an error, a title): made printable first."""
        super().notify(printable(message, multiline=True), title=printable(title), **kwargs)

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette is kept in the config's [ui] theme for the next start."""
        if not self.opened:
            return
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

    def get_default_screen(self) -> Screen[Any]:
        """Textual's, with the height's breakpoint class already set (Textual sets it at the
        first resize, which then restyled every widget before the first frame)."""
        screen = super().get_default_screen()
        height = self.size.height
        for threshold, name in sorted(VERTICAL_BREAKPOINTS, reverse=True):
            if height >= threshold:
                screen.set_class(True, name, update=False)
                break
        return screen

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◉")
        with Panes(id="panes", initial=PANE_SPECS[0].id):
            for n, spec in enumerate(PANE_SPECS, 1):
                with TabPane(f"{n} {spec.title}", id=spec.id):
                    if spec.id == "shelves":  # on screen first; the others when first shown
                        shelves = ShelvesPane(
                            self.services if self.opened else None, id="shelves-pane"
                        )
                        self.panes[spec.id] = shelves
                        yield shelves
        yield KeysFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self.focus_active_pane)
        if self._opener is None:
            self._start()
            return
        opener = self._opener

        def open_session() -> Session | None:
            try:
                session = opener()
            except Exception as e:  # the command says it (cli.py), once the terminal is back
                self.open_error = e
                return None
            # Imported here, off the UI thread: importing the deals engine in `_start` stalled
            # the screen for tens of milliseconds.
            importlib.import_module("gramtui.ui.deals_watch")
            return session

        # After the first frame: its worker would share the GIL with painting it.
        self.call_after_refresh(
            in_thread,
            self,
            open_session,
            self._opened,
            what="Opening the data directory",
            group="open",
        )

    def _opened(self, session: Session | None) -> None:
        if session is None:
            self.exit(return_code=2)
            return
        self._take_session(session)
        self.query_one(ShelvesPane).attach(self.services)
        self._start()
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def _start(self) -> None:
        from gramtui.ui.deals_watch import DealsWatch

        # What is there now (modules, classes, the app's widgets) lives as long as the app:
        # kept out of the cyclic collector's full passes, which otherwise walk all of it while
        # holding the GIL (pauses of 0.2-0.5 s during a sync at 30,000 records).
        gc.freeze()
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
        engine, initial, settings = self.engine, self.initial_sync, self.session.config.sync

        def ask() -> None:  # reads and writes the store: off the UI thread
            # imported here: importing the sync engine on the UI thread stalled the screen
            from gramtui.engine.progress import default_sync_kind
            from gramtui.engine.sync import request_sync

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
        engine, every = self.engine, self.session.config.sync.full_every_days

        def ask() -> None:
            from gramtui.engine.progress import default_sync_kind
            from gramtui.engine.queue import SYNC
            from gramtui.engine.sync import request_sync

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
        gc.unfreeze()  # collectable again once the app is gone (tests run many apps in a process)
        if not self.opened:
            return
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
        from gramtui.engine.events import RateWait, TaskEnded, TaskStarted

        event = message.event
        try:
            if isinstance(event, RateWait):  # no read needed: the wait and its end, at once
                self._show_wait(event.until)
                return
            if isinstance(event, TaskStarted | TaskEnded):
                self._show_wait(None)
            self.refresh_status()
        except NoMatches:  # announced while the app closes: nobody to show it to
            return

    def _queue_pane(self) -> QueuePane | None:
        """The Queue pane, once built (it is built when first shown)."""
        self._main(Panes)  # NoMatches while the app closes
        pane = self.panes.get("queue")
        return cast("QueuePane", pane) if pane is not None else None

    def _show_wait(self, until: datetime | None) -> None:
        self._rate_wait = until
        pane = self._queue_pane()
        if pane is not None:
            pane.show_wait(until)

    def refresh_status(self) -> None:
        """Read the queue's status in a worker and show it; one read at a time (asked again
        meanwhile, it reads once more, STATUS_GAP after the one under way)."""
        if self._status_reading:
            self._status_again = True
            return
        if self._status_scheduled:
            return  # the read asked for meanwhile comes soon
        if not self.opened:
            return  # the first read follows the opening
        try:
            pane = self._queue_pane()
        except NoMatches:  # a timer's last call while the app closes
            return
        kind = pane.kind_filter if pane is not None else None
        self._status_reading = True
        engine, state = self.engine, self.runner.state

        def read() -> tuple[Status, list[TaskLine]]:
            from gramtui.engine.status import read_status, task_lines

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
            from gramtui.engine.rules import missing_folder_advice

            self._missing_told = status.missing_folders
            if status.missing_folders:
                self.notify(
                    missing_folder_advice(status.missing_folders), severity="warning", timeout=20
                )
        self._queue_fed = (status, tasks)
        queue = self._queue_pane()
        if queue is not None:
            queue.show(status, tasks)
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
            from gramtui.ui.screens import removals as removals_prompt

            self._asked_removals = status.held_removals
            removals_prompt.ask(self, self.engine, status.held_removals)

    def _data_changed(self) -> None:
        # Only the pane on screen reads now; a hidden one reads when it is first shown, once
        # (reading 50,000 records for panes nobody looks at doubled start-up time and memory).
        self._reread(spec.id for spec in PANE_SPECS if spec.shows)

    def _reread(self, names: Iterable[str]) -> None:
        active = self._main(Panes).active
        for name in names:
            if name not in self.panes:
                continue  # built when first shown, and then it reads
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
        from gramtui.ui.screens.confirm import ConfirmScreen

        rules = self.panes.get("rules")  # built when first shown: no edits before
        if rules is None or not cast("RulesPane", rules).dirty:
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
        if self._when_open(lambda: self.action_show(pane)):
            return
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

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = event.pane.id or ""
        if name in self._building:
            return  # shown again while it is being built: it is focused once built
        if name not in self.panes:
            await self._build_pane(name, event.pane)
        elif name in self._stale:
            self._stale.discard(name)
            self.panes[name].refresh_data()
        self._focus_pane(event.pane)

    async def _build_pane(self, name: str, tab: TabPane) -> None:
        """A pane first shown: built (its module imported), then it reads its data."""
        spec = next(spec for spec in PANE_SPECS if spec.id == name)
        pane = spec.build(self.services)
        assert isinstance(pane, Pane)
        self._building.add(name)
        try:
            await tab.mount(pane)
        finally:
            self._building.discard(name)
        # Known to the app once mounted: a status read ending meanwhile (call_from_thread runs
        # beside this handler) must not reach a pane whose widgets are not there yet.
        self.panes[name] = pane
        self._stale.discard(name)
        if name == "queue":  # fed what was read before it was there
            queue = cast("QueuePane", pane)
            queue.show_wait(self._rate_wait)
            if self._queue_fed is not None:
                queue.show(*self._queue_fed)
        pane.refresh_data()

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
        from gramtui.engine.sync import request_sync

        if self._when_open(lambda: self.action_sync(kind)):
            return
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
        from gramtui.ui.screens.help import HelpScreen

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
        if self._when_open(self.toggle_runner):
            return
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

        if self._when_open(self.action_settings):
            return
        paths = self.session.paths
        place = SettingsPlace(
            paths.config_file, credentials_path(paths), lambda: ebay_configured(paths)
        )
        self.push_screen(SettingsScreen(self.session.config, place))

    def action_sign_in(self) -> None:
        from gramtui.ui.screens.token import TokenScreen

        if self._when_open(self.action_sign_in):
            return
        self.push_screen(TokenScreen(self._sign_in), self._signed_in)
