"""The runner lease: exactly one process runs the queue of a data directory at a time.

The holder's pid, host and command are in the database; a heartbeat thread pushes the expiry
forward. Another process takes the lease over when it expired (the holder hung or was on another
machine) or its holder is gone (same host, no such pid: killed, crashed). Tasks the gone holder
left running go back to pending at take-over, never while it may still be working on them.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from datetime import timedelta

from gramtui.engine.clock import Clock, utcnow
from gramtui.store import lease as store_lease
from gramtui.store.db import StoreError, db
from gramtui.store.lease import Holder

log = logging.getLogger("gramtui.lease")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return True
    return True


def holder_gone(other: Holder) -> bool:
    """Sure only on this host: a pid elsewhere cannot be checked (its lease expires instead)."""
    if other.host != socket.gethostname() or other.pid == os.getpid():
        return False
    return not pid_alive(other.pid)


class QueueLease:
    """This runner's claim on the queue. `held` is False from the moment a renewal finds the
    lease taken over; the runner then stops claiming tasks."""

    def __init__(
        self, command: str = "gramtui", *, clock: Clock = utcnow, ttl: float = 30.0
    ) -> None:
        self.me = Holder(uuid.uuid4().hex, os.getpid(), socket.gethostname(), command)
        self.clock = clock
        self.ttl = timedelta(seconds=ttl)
        self.held = False
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def set_command(self, command: str) -> None:
        self.me = Holder(self.me.holder, self.me.pid, self.me.host, command)

    def try_take(self) -> Holder | None:
        """None when the lease is ours now; else who holds it."""
        other = store_lease.take(self.me, self.clock(), self.ttl, holder_gone)
        if other is None and not self.held:
            self.held = True
            self._start_heartbeat()
        return other

    def holder(self) -> Holder | None:
        return store_lease.current(self.clock())

    def release(self) -> None:
        self._stop.set()
        if self._beat is not None and self._beat is not threading.current_thread():
            self._beat.join(timeout=5)
        self._beat = None
        if self.held:
            self.held = False
            try:
                store_lease.release(self.me)
            except StoreError:  # it expires on its own
                log.warning("could not give the runner lease back; it expires in %s", self.ttl)

    def _start_heartbeat(self) -> None:
        self._stop = threading.Event()
        self._beat = threading.Thread(
            target=self._heartbeat, args=(self._stop,), name="gramtui-lease", daemon=True
        )
        self._beat.start()

    def _heartbeat(self, stop: threading.Event) -> None:
        every = max(0.05, self.ttl.total_seconds() / 3)
        try:
            while not stop.wait(every):
                try:
                    if not store_lease.renew(self.me, self.clock(), self.ttl):
                        log.warning("the runner lease was taken over by another process")
                        self.held = False
                        return
                except StoreError as e:  # busy for long: try at the next beat, before expiry
                    log.warning("could not renew the runner lease: %s", e)
        finally:
            if db.obj is not None and not db.obj.is_closed():
                db.obj.close()  # this thread's own connection
