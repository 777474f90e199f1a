"""Pausing the cyclic garbage collector while a bulk read builds tens of thousands of objects."""

from __future__ import annotations

import gc
import threading


class CyclicGcPaused:
    """Pause the cyclic garbage collector while tens of thousands of records are built. They hold
    no cycles, and its full passes over them took a third of the time and held the GIL for
    ~300 ms at a time, stalling the UI thread. Nestable across threads; refcounting goes on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._holders == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._holders += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._holders -= 1
            if self._holders == 0 and self._was_enabled:
                gc.enable()


gc_paused = CyclicGcPaused()  # the one every bulk read shares
