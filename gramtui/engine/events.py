"""What the queue runner announces as it works, for whoever shows it (the TUI) to hear at once.

The runner and the task handlers call `Events.announce` from the runner's thread; listeners must
be quick and must not touch the caller's state (the TUI posts a message to its own thread and
returns). No Textual here: the engine knows only that someone may listen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

log = logging.getLogger("gramtui.events")


@dataclass(frozen=True, slots=True)
class TaskStarted:
    kind: str
    key: str


@dataclass(frozen=True, slots=True)
class TaskEnded:
    """`outcome`: "done", "retry" (pending again, later), "parked" or "failed"."""

    kind: str
    key: str
    outcome: str


@dataclass(frozen=True, slots=True)
class SyncPageStored:
    category: str  # "collection", "wants", "inventory"


@dataclass(frozen=True, slots=True)
class CategoryDone:
    category: str


@dataclass(frozen=True, slots=True)
class SyncDone:
    kind: str  # "quick" or "full"


@dataclass(frozen=True, slots=True)
class RateWait:
    """The next request waits for room in Discogs' rate window until `until`."""

    until: datetime


@dataclass(frozen=True, slots=True)
class QueueHeld:
    """Another process holds the queue (`by` names it), or nobody else does any more (`by` "")."""

    by: str


RunnerEvent = (
    TaskStarted | TaskEnded | SyncPageStored | CategoryDone | SyncDone | RateWait | QueueHeld
)
Listener = Callable[[RunnerEvent], None]


class Events:
    """The listeners of one engine. A failing listener is logged and never stops the runner."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def listen(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def forget(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def announce(self, event: RunnerEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a listener's bug must not fail the task that announced
                log.exception("a listener failed on %r", event)
