"""A client-side rate limiter that follows Discogs' moving 60-second window.

Discogs counts requests per source IP over a moving 60 s window (60 authenticated, 25 without a
token) and reports its count on every answer in `X-Discogs-Ratelimit`, `-Used` and `-Remaining`.
The limiter keeps its own log of requests and lets them go in a burst while the window has room.
A request occupies the window from the moment it is let through until `window` seconds after its
answer arrived (the server stamps it somewhere in between, so that is the safe end). When the
server counts more than we do (another program on the same IP, an earlier run), the difference is
held as requests of unknown age that leave the window at worst `window` seconds after the server
last reported them. Background work leaves `headroom` places free so a user's action is not stuck
behind a long sync. A 429 stops everyone until Retry-After or an exponential backoff has passed,
and then lets a single request probe until one succeeds, so 429s never come in a run. A pause
longer than `max_sleep` is not slept: acquire() raises RateLimited with the time left, and the
queue parks the task instead of holding the process for days.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gramtui.discogs.errors import DiscogsError, RateLimited
from gramtui.domain.tasks import Priority

MAX_BACKOFF = 60.0
NO_ANSWER = 0  # the status to pass to `observe` when a request got no answer at all


@dataclass(frozen=True, slots=True)
class RateLimitStatus:
    """What the UI shows: the window's size, how much of it is used, and when room comes back."""

    limit: int
    used: int
    remaining: int
    resets_in: float  # seconds until the oldest counted request leaves the window (0: none)
    blocked_for: float = 0.0  # seconds left of a pause Discogs asked for with a 429


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from a `Retry-After: 12` header in any case; None when absent or not a number."""
    value = _header(headers, "retry-after")
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    return max(0.0, seconds) if seconds is not None else None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _header_int(headers: Mapping[str, str], name: str) -> int | None:
    value = _header(headers, name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class Cancelled(DiscogsError):
    """The app is stopping: the request was not sent (the queue runs it again next time)."""

    retryable = True

    def __init__(self) -> None:
        super().__init__("the request was not sent because gramtui is stopping", status=None)

    def __str__(self) -> str:
        return "Not sent: gramtui is stopping; the task runs again at the next start."


class RateLimiter:
    """Thread-safe; call `acquire(priority)` before each request and `observe(...)` after it."""

    def __init__(
        self,
        limit: int = 60,
        window: float = 60.0,
        headroom: int = 5,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
        max_sleep: float = 300.0,
        max_backoff: float = MAX_BACKOFF,
    ) -> None:
        if limit < 1 or window <= 0 or headroom < 0:
            raise ValueError("A rate limit needs limit >= 1, window > 0 and headroom >= 0.")
        self._limit = limit
        self._window = window
        self._headroom = headroom
        self._clock = clock
        self._max_sleep = max_sleep
        self._max_backoff = max_backoff
        self._cancelled = threading.Event()
        # Waiting on the event (not time.sleep) lets cancel() end a wait at once, so quitting
        # the app never waits for the rate window.
        self._sleep = sleep or self._cancelled.wait
        self._cond = threading.Condition()
        self._answered: deque[float] = deque()  # when our answered requests got their answer
        self._in_flight = 0  # let through, no answer yet
        self._unknown = 0  # requests the server counts beyond ours
        self._unknown_until = 0.0
        self._blocked_until = 0.0
        self._strikes = 0  # 429s in a row
        self._probing = False  # after a 429: one request at a time until one succeeds

    def acquire(self, priority: int = Priority.BACKGROUND) -> float:
        """Block until a request of this priority may be sent; returns the seconds waited."""
        start = self._clock()
        while True:
            if self._cancelled.is_set():
                raise Cancelled()
            with self._cond:
                now = self._clock()
                delay = self._delay(now, priority)
                if delay == 0.0:
                    self._in_flight += 1
                    return now - start
                if delay is None:  # every place is held by a request still waiting for its answer
                    self._cond.wait(timeout=self._window)
                    continue
                blocked = self._blocked_until - now
                if blocked > self._max_sleep:  # Discogs asked for a long pause: not slept here
                    raise RateLimited(
                        "Discogs asked for a pause longer than gramtui sleeps", retry_after=blocked
                    )
            self._sleep(delay)

    def cancel(self) -> None:
        """Stop handing out requests: every waiting and later acquire() raises Cancelled."""
        self._cancelled.set()
        with self._cond:
            self._cond.notify_all()

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Account for the answer to one acquired request (status NO_ANSWER if none came)."""
        with self._cond:
            now = self._clock()
            self._in_flight = max(0, self._in_flight - 1)
            self._answered.append(now)
            self._prune(now)
            self._follow_server(now, headers)
            if status == 429:
                self._strikes += 1
                pause = parse_retry_after(headers)
                if pause is None:
                    pause = min(self._max_backoff, 2.0 ** (self._strikes - 1))
                self._blocked_until = max(self._blocked_until, now + pause)
                self._probing = True
            elif status != NO_ANSWER:
                self._strikes = 0
                self._probing = False
            self._cond.notify_all()

    def snapshot(self) -> RateLimitStatus:
        with self._cond:
            now = self._clock()
            self._prune(now)
            used = self._used(now)
            expiries = self._expiries(now)
            return RateLimitStatus(
                limit=self._limit,
                used=used,
                remaining=max(0, self._limit - used),
                resets_in=max(0.0, expiries[0] - now) if expiries else 0.0,
                blocked_for=max(0.0, self._blocked_until - now),
            )

    def _follow_server(self, now: float, headers: Mapping[str, str]) -> None:
        limit = _header_int(headers, "x-discogs-ratelimit")
        used = _header_int(headers, "x-discogs-ratelimit-used")
        remaining = _header_int(headers, "x-discogs-ratelimit-remaining")
        if limit is not None and limit > 0:
            self._limit = limit
        if used is None and remaining is None:
            return
        server_used = max(used or 0, 0 if remaining is None else self._limit - remaining)
        ours = len(self._answered) + self._in_flight
        self._unknown = max(0, server_used - ours)
        self._unknown_until = now + self._window

    def _prune(self, now: float) -> None:
        while self._answered and self._answered[0] + self._window <= now:
            self._answered.popleft()
        if self._unknown and now >= self._unknown_until:
            self._unknown = 0

    def _used(self, now: float) -> int:
        return (
            len(self._answered)
            + self._in_flight
            + (self._unknown if now < self._unknown_until else 0)
        )

    def _expiries(self, now: float) -> list[float]:
        """When each counted request with a known end leaves the window, earliest first."""
        ends = [t + self._window for t in self._answered]
        if self._unknown and now < self._unknown_until:
            ends.extend([self._unknown_until] * self._unknown)
        return sorted(ends)

    def _delay(self, now: float, priority: int) -> float | None:
        """0.0 to go now, seconds to sleep, or None to wait for an answer to free a place."""
        self._prune(now)
        if now < self._blocked_until:
            return self._blocked_until - now
        if self._probing and self._in_flight:
            return None
        cap = self._limit if priority >= Priority.USER else max(1, self._limit - self._headroom)
        used = self._used(now)
        if used < cap:
            return 0.0
        must_leave = used - cap + 1
        expiries = self._expiries(now)
        if must_leave > len(expiries):
            return None
        return max(expiries[must_leave - 1] - now, 1e-3)
