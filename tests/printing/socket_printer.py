"""A receipt printer on loopback: a real TCP server that records the bytes of each connection.

It can be down (its port bound but not listening, so connections are refused), and each
connection can be told to print (read to the end, then close), refuse (reset at once), reset
after some bytes, or stall (accept and never read).
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Behaviour = Literal["print", "refuse", "reset", "stall"]


@dataclass
class Job:
    behaviour: Behaviour
    data: bytearray = field(default_factory=bytearray)
    complete: bool = False  # read to the end and closed cleanly


class SocketPrinter:
    def __init__(self, behaviours: Iterable[Behaviour] = (), reset_after: int = 64) -> None:
        self._behaviours = list(behaviours)  # one per connection; "print" once they run out
        self._reset_after = reset_after
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self.jobs: list[Job] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def printed(self) -> list[bytes]:
        """The bytes of every connection that completed, in the order they completed."""
        with self._lock:
            return [bytes(job.data) for job in self.jobs if job.complete]

    def up(self) -> None:
        """Start listening: until then connections are refused, as by a printer that is off."""
        self._listener.listen()
        self._spawn(self._accept_loop)

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()
        for conn in self._connections:
            conn.close()

    def __enter__(self) -> SocketPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spawn(self, target, *args) -> None:  # type: ignore[no-untyped-def]
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            behaviour = self._behaviours.pop(0) if self._behaviours else "print"
            job = Job(behaviour)
            with self._lock:
                self.jobs.append(job)
                self._connections.append(conn)
            self._spawn(self._serve, conn, job)

    def _serve(self, conn: socket.socket, job: Job) -> None:
        conn.settimeout(0.05)
        if job.behaviour == "refuse":
            _reset(conn)
            return
        while not self._stop.is_set():
            if job.behaviour == "stall":
                self._stop.wait(0.05)
                continue
            try:
                chunk = conn.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                job.data += chunk
            if job.behaviour == "reset" and len(job.data) >= self._reset_after:
                _reset(conn)
                return
            if not chunk:  # the sender closed its side: the job is whole
                with self._lock:
                    job.complete = True
                conn.close()
                return


def _reset(conn: socket.socket) -> None:
    """Close with an RST instead of a FIN, as a printer that drops the connection does."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()
