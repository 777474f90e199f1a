"""The Discogs rate limit: a moving window of N requests per 60 seconds, per client kind."""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WindowVerdict:
    allowed: bool
    limit: int
    used: int
    remaining: int
    retry_after: int  # whole seconds until a slot frees (0 when allowed)

    def headers(self) -> dict[str, str]:
        # Lowercase like the 2026 Cloudflare responses; clients must read them in any case.
        return {
            "x-discogs-ratelimit": str(self.limit),
            "x-discogs-ratelimit-used": str(self.used),
            "x-discogs-ratelimit-remaining": str(self.remaining),
        }


class MovingWindow:
    """Counts accepted requests in the last `window` seconds; refused ones do not count."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._stamps: deque[float] = deque()
        self._lock = threading.Lock()

    def _expire(self, now: float) -> None:
        while self._stamps and self._stamps[0] <= now - self.window:
            self._stamps.popleft()

    def take(self) -> WindowVerdict:
        """Admit one request if the window has room."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            if len(self._stamps) >= self.limit:
                wait = self._stamps[0] + self.window - now
                return WindowVerdict(False, self.limit, self.limit, 0, max(1, math.ceil(wait)))
            self._stamps.append(now)
            used = len(self._stamps)
            return WindowVerdict(True, self.limit, used, self.limit - used, 0)

    def peek(self) -> WindowVerdict:
        """The window as it stands, without counting a request."""
        with self._lock:
            self._expire(self._clock())
            used = len(self._stamps)
            return WindowVerdict(used < self.limit, self.limit, used, self.limit - used, 0)
