"""The rate limiter, on a fake clock: bursts, the moving window, headroom, server headers, 429s."""

from __future__ import annotations

import threading
import time
from collections import deque

import pytest

from gramtui.discogs import RateLimiter
from gramtui.discogs.ratelimit import NO_ANSWER, parse_retry_after
from gramtui.domain.tasks import Priority

BACKGROUND = Priority.BACKGROUND


def limiter_on(clock, **kwargs) -> RateLimiter:
    return RateLimiter(clock=clock.monotonic, sleep=clock.sleep, **kwargs)


def send(limiter: RateLimiter, priority: int = Priority.USER, status: int = 200, headers=None):
    waited = limiter.acquire(priority)
    limiter.observe(status, headers or {})
    return waited


def test_a_burst_of_60_is_not_delayed(clock):
    limiter = limiter_on(clock)
    assert [send(limiter) for _ in range(60)] == [0.0] * 60
    assert clock.sleeps == []
    assert limiter.snapshot().remaining == 0


def test_the_61st_waits_until_the_oldest_leaves_the_window(clock):
    limiter = limiter_on(clock)
    send(limiter)  # answered at t=0
    clock.seconds = 10.0
    for _ in range(59):
        send(limiter)  # answered at t=10
    assert send(limiter) == pytest.approx(50.0)  # the t=0 request leaves at t=60
    assert clock.seconds == pytest.approx(60.0)
    # the next place frees only when the t=10 requests leave: the window moves, it is not a fixed minute
    assert send(limiter) == pytest.approx(10.0)


def test_background_leaves_the_headroom_free_for_the_user(clock):
    limiter = limiter_on(clock, headroom=5)
    assert [send(limiter, BACKGROUND) for _ in range(55)] == [0.0] * 55
    assert [send(limiter, Priority.USER) for _ in range(5)] == [0.0] * 5  # user: not held back
    assert clock.sleeps == []
    assert send(limiter, Priority.USER) == pytest.approx(60.0)  # the window itself is full


def test_background_waits_at_the_headroom_line(clock):
    limiter = limiter_on(clock, headroom=5)
    for _ in range(55):
        send(limiter, BACKGROUND)
    assert send(limiter, BACKGROUND) == pytest.approx(60.0)


@pytest.mark.parametrize(
    "headers",
    [
        {
            "X-Discogs-Ratelimit": "60",
            "X-Discogs-Ratelimit-Used": "60",
            "X-Discogs-Ratelimit-Remaining": "0",
        },
        {
            "x-discogs-ratelimit": "60",
            "x-discogs-ratelimit-used": "60",
            "x-discogs-ratelimit-remaining": "0",
        },
        {"X-DISCOGS-RATELIMIT-REMAINING": "0"},
    ],
)
def test_server_saying_nothing_remains_makes_us_wait(clock, headers):
    limiter = limiter_on(clock)
    send(limiter, headers=headers)  # our first request, but the server counts 60
    status = limiter.snapshot()
    assert (status.used, status.remaining) == (60, 0)
    assert send(limiter) == pytest.approx(60.0)


def test_server_count_above_ours_leaves_less_room(clock):
    limiter = limiter_on(clock)
    send(limiter, headers={"x-discogs-ratelimit-used": "50", "x-discogs-ratelimit-remaining": "10"})
    assert limiter.snapshot().used == 50
    assert [send(limiter) for _ in range(10)] == [0.0] * 10
    assert send(limiter) > 0


def test_server_count_below_ours_does_not_lend_us_room(clock):
    limiter = limiter_on(clock)
    for _ in range(59):
        send(limiter)
    send(limiter, headers={"x-discogs-ratelimit-used": "3", "x-discogs-ratelimit-remaining": "57"})
    assert limiter.snapshot().used == 60
    assert send(limiter) == pytest.approx(60.0)


def test_the_server_limit_replaces_ours(clock):
    limiter = limiter_on(clock, headroom=0)
    send(limiter, headers={"x-discogs-ratelimit": "25", "x-discogs-ratelimit-used": "1"})
    assert limiter.snapshot().limit == 25
    assert [send(limiter) for _ in range(24)] == [0.0] * 24
    assert send(limiter) == pytest.approx(60.0)


def test_a_429_blocks_everyone_with_growing_backoff_then_recovers(clock):
    limiter = limiter_on(clock)
    send(limiter, status=429)
    assert limiter.snapshot().blocked_for == pytest.approx(1.0)
    assert send(limiter, Priority.USER, status=429) == pytest.approx(1.0)
    assert send(limiter, BACKGROUND, status=429) == pytest.approx(2.0)
    assert send(limiter, status=200) == pytest.approx(4.0)
    # recovered: a burst goes through again, and the next 429 starts the backoff from 1 s
    assert [send(limiter) for _ in range(10)] == [0.0] * 10
    send(limiter, status=429)
    assert send(limiter) == pytest.approx(1.0)


def test_the_backoff_is_capped_at_60_seconds(clock):
    limiter = limiter_on(clock, limit=1000)
    waits = [send(limiter, status=429) for _ in range(10)]
    assert waits[1:] == pytest.approx([1, 2, 4, 8, 16, 32, 60, 60, 60])


def test_retry_after_sets_the_pause(clock):
    limiter = limiter_on(clock)
    send(limiter, status=429, headers={"Retry-After": "12"})
    assert send(limiter) == pytest.approx(12.0)
    assert parse_retry_after({"retry-after": "2.5"}) == 2.5
    assert parse_retry_after({"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}) is None
    assert parse_retry_after({}) is None


def test_after_a_429_only_one_request_probes_until_it_succeeds():
    limiter = RateLimiter()
    limiter.acquire(Priority.USER)
    limiter.observe(429, {"Retry-After": "0"})
    limiter.acquire(Priority.USER)  # the probe
    second = threading.Thread(target=limiter.acquire, args=(Priority.USER,))
    second.start()
    second.join(0.2)
    assert second.is_alive(), "a second request went out before the probe was answered"
    limiter.observe(200, {})
    second.join(2.0)
    assert not second.is_alive()


def test_no_answer_keeps_the_request_counted(clock):
    limiter = limiter_on(clock)
    limiter.acquire(Priority.USER)
    limiter.observe(NO_ANSWER, {})
    assert limiter.snapshot().used == 1


def test_snapshot_for_the_ui(clock):
    limiter = limiter_on(clock)
    send(limiter)
    clock.seconds = 15.0
    send(limiter)
    status = limiter.snapshot()
    assert (status.limit, status.used, status.remaining) == (60, 2, 58)
    assert status.resets_in == pytest.approx(45.0)
    clock.seconds = 75.0
    assert limiter.snapshot().used == 0 and limiter.snapshot().resets_in == 0.0


def test_threads_share_one_window():
    limiter = RateLimiter(limit=500)

    def work() -> None:
        for _ in range(25):
            limiter.acquire(BACKGROUND)
            limiter.observe(200, {})

    threads = [threading.Thread(target=work) for _ in range(8)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert time.monotonic() - started < 2
    assert limiter.snapshot().used == 200


def _server_answer(log: deque, arrival: float, limit: int = 60) -> tuple[int, dict[str, str]]:
    """A server with a true moving window that stamps a request when it arrives."""
    while log and log[0] + 60 <= arrival:
        log.popleft()
    status = 429 if len(log) >= limit else 200
    if status == 200:
        log.append(arrival)
    used = len(log)
    return status, {
        "X-Discogs-Ratelimit": str(limit),
        "X-Discogs-Ratelimit-Used": str(used),
        "X-Discogs-Ratelimit-Remaining": str(limit - used),
    }


@pytest.mark.parametrize("others", [0, 40])
def test_a_long_sync_never_meets_a_429(clock, others):
    """300 requests with 0.2 s latency; `others` requests by another program already in the window."""
    limiter = limiter_on(clock)
    server: deque[float] = deque([-5.0] * others)
    statuses = []
    for _ in range(300):
        limiter.acquire(BACKGROUND)
        clock.seconds += 0.1
        status, headers = _server_answer(server, clock.seconds)
        clock.seconds += 0.1
        limiter.observe(status, headers)
        statuses.append(status)
    assert statuses.count(429) == 0
    # close to the window's pace: 55 background requests a minute
    assert clock.seconds < (300 / 55 + 1) * 60


def test_cancel_ends_a_wait_for_the_window_at_once() -> None:
    import threading
    import time as real_time

    from gramtui.discogs.ratelimit import Cancelled, RateLimiter

    limiter = RateLimiter(limit=1, window=60.0, headroom=0)
    limiter.acquire(50)
    limiter.observe(200, {})
    outcome: list[object] = []

    def wait() -> None:
        try:
            limiter.acquire(50)
            outcome.append("sent")
        except Cancelled as e:
            outcome.append(e)

    t = threading.Thread(target=wait)
    t.start()
    real_time.sleep(0.2)
    started = real_time.monotonic()
    limiter.cancel()
    t.join(timeout=5)
    assert not t.is_alive() and real_time.monotonic() - started < 1.0
    assert isinstance(outcome[0], Cancelled) and outcome[0].retryable
