"""The one fake clock of the tests: engine time (UTC datetimes) and rate-window time (monotonic
seconds) read the same fake time, and `sleep` moves it on instead of waiting."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

START = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


class FakeClock:
    """`clock()` is the engine's clock (a UTC datetime); `clock.monotonic` and `clock.sleep` are
    what a RateLimiter, a Sandbox or an eBay client take. `seconds` is the monotonic reading
    (settable), `now` the datetime (settable); `sleep` and `advance` move both and never wait.
    With `ticking=True` real time passes on top (for threads that back off on the engine clock)."""

    def __init__(
        self, start: datetime = START, *, seconds: float = 0.0, ticking: bool = False
    ) -> None:
        self.start = start
        self.seconds = seconds  # the monotonic reading
        self._origin = seconds
        self._ticking_since = time.monotonic() if ticking else None
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def _real(self) -> float:
        return 0.0 if self._ticking_since is None else time.monotonic() - self._ticking_since

    def __call__(self) -> datetime:
        return self.now

    @property
    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds - self._origin + self._real())

    @now.setter
    def now(self, value: datetime) -> None:
        with self._lock:
            self.seconds = self._origin + (value - self.start).total_seconds() - self._real()

    def monotonic(self) -> float:
        return self.seconds + self._real()

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.seconds += seconds

    def advance(self, by: timedelta | None = None, /, **delta: float) -> None:
        """Move on by a timedelta or its keywords (`advance(days=8)`); negative moves it back."""
        with self._lock:
            self.seconds += ((by or timedelta()) + timedelta(**delta)).total_seconds()
