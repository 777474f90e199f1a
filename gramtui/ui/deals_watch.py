"""What the app does for Deals while it runs: puts the searches that are due on the queue (on a
timer, in a thread worker: never SQLite on the UI thread), and tells each new deal above the
alert band once — a notification, the terminal bell, and (when `[deals] desktop_notify` says so)
a desktop notification by OSC 9 or OSC 777. "Once" is the alert outbox's: a listing's app alert
is taken (marked shown) by exactly one look, whatever restarts or polls came before."""

from __future__ import annotations

import logging

from textual.app import App
from textual.widget import Widget

from gramtui.domain.deals.text import strip_controls
from gramtui.engine import deals_view
from gramtui.engine.context import Engine
from gramtui.ui.background import in_thread

log = logging.getLogger("gramtui.ui")

POLL_EVERY = 60.0  # seconds between two looks for searches that are due
ALERTS_EVERY = 5.0  # seconds between two looks for new deals to tell
BELL = "\a"
OSC_LIMIT = 180  # characters of a desktop notification's text


def desktop_escape(kind: str, title: str, body: str) -> str:
    """The OSC sequence for a desktop notification; "" when off. The text is stripped of
    control characters (an ESC or BEL in a listing title would end the sequence early and
    reach the terminal) and of ';' for OSC 777, whose fields it separates."""
    title = strip_controls(title)[:OSC_LIMIT]
    body = strip_controls(body)[:OSC_LIMIT]
    if kind == "osc9":
        return f"\x1b]9;{title}: {body}\x07"
    if kind == "osc777":
        return f"\x1b]777;notify;{title.replace(';', ',')};{body.replace(';', ',')}\x07"
    return ""


class DealsWatch:
    def __init__(self, app: App[None], engine: Engine, *, poll: bool = True) -> None:
        self.app = app
        self.engine = engine
        self.poll = poll

    def start(self, poll_every: float = POLL_EVERY, alerts_every: float = ALERTS_EVERY) -> None:
        if self.poll:
            self.enqueue_due()
            self.app.set_interval(poll_every, self.enqueue_due)
        self.check_alerts()  # deals found while the app was closed (a cron poll) are told now
        self.app.set_interval(alerts_every, self.check_alerts)

    def enqueue_due(self) -> None:
        engine = self.engine
        in_thread(
            self._home(),
            lambda: deals_view.enqueue_due(engine),
            lambda _n: None,
            what="Queueing the eBay searches",
            group="deals-poll",
            failed=lambda sentence: log.warning("%s", sentence),
        )

    def check_alerts(self) -> None:
        engine = self.engine
        in_thread(
            self._home(),
            lambda: deals_view.take_app_alerts(engine),
            self.tell,
            what="Reading new deals",
            group="deals-alerts",
            failed=lambda sentence: log.warning("%s", sentence),
        )

    def _home(self) -> Widget:
        """The app's first screen, there as long as the app runs (a modal's would go with it,
        and an alert taken by its worker would never be told)."""
        return self.app.screen_stack[0]

    def tell(self, texts: list[str]) -> None:
        if not texts:
            return
        for text in texts:
            self.app.notify(text, title="New deal", timeout=15, markup=False)
        kind = self.engine.config.deals.desktop_notify
        self.emit(BELL + desktop_escape(kind, "gramtui: new deal", texts[0]))

    def emit(self, data: str) -> None:
        """Straight to the terminal through Textual's driver, on the UI thread (between two of
        its frames, so a sequence never lands inside one)."""
        driver = self.app._driver
        if driver is not None and data:
            driver.write(data)
