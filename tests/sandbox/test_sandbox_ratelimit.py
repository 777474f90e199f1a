"""The moving 60-second window and its headers."""

from __future__ import annotations

from helpers.clock import FakeClock
from sandbox_testkit import client

from gramtui.sandbox import Sandbox, SandboxConfig, build_state

HEADERS = ("x-discogs-ratelimit", "x-discogs-ratelimit-used", "x-discogs-ratelimit-remaining")


def make(clock: FakeClock, **settings: object) -> Sandbox:
    return Sandbox(
        build_state(), SandboxConfig(**settings), clock=clock.monotonic, sleep=clock.sleep
    )


def test_61st_request_in_the_window_is_429(clock: FakeClock):
    sandbox = make(clock)
    with client(sandbox) as c:
        for n in range(1, 61):
            r = c.get("/users/demo/collection/folders")
            assert r.status_code == 200
            assert r.headers["X-Discogs-Ratelimit-Used"] == str(n)  # any case works
            assert r.headers["x-discogs-ratelimit-remaining"] == str(60 - n)
            clock.seconds += 0.5
        r = c.get("/users/demo/collection/folders")
    assert r.status_code == 429
    assert r.json() == {"message": "You are making requests too quickly."}
    assert [r.headers[h] for h in HEADERS] == ["60", "60", "0"]
    assert r.headers["retry-after"] == "30"  # the first request leaves the window 30 s on
    assert sandbox.counters.rate_limited == 1
    assert sandbox.counters.per_status[429] == 1


def test_window_moves(clock: FakeClock):
    sandbox = make(clock, rate_limit=3, window_seconds=10.0)
    with client(sandbox) as c:
        codes = []
        for _ in range(3):
            codes.append(c.get("/oauth/identity").status_code)
            clock.seconds += 2
        codes.append(c.get("/oauth/identity").status_code)  # t=6: window full
        clock.seconds += 4.5  # t=10.5: the first request (t=0) has left the window
        again = c.get("/oauth/identity")
        codes.append(again.status_code)
        codes.append(c.get("/oauth/identity").status_code)  # t=10.5: full again
    assert codes == [200, 200, 200, 429, 200, 429]
    assert again.headers["x-discogs-ratelimit-used"] == "3"


def test_refused_requests_do_not_extend_the_wait(clock: FakeClock):
    sandbox = make(clock, rate_limit=2, window_seconds=60.0)
    with client(sandbox) as c:
        c.get("/oauth/identity")
        c.get("/oauth/identity")
        for _ in range(5):
            assert c.get("/oauth/identity").status_code == 429
        clock.seconds += 60.01
        assert c.get("/oauth/identity").status_code == 200


def test_unauthenticated_requests_get_25(clock: FakeClock):
    sandbox = make(clock)
    with client(sandbox, token=None) as c:
        codes = [c.get("/releases/39000001").status_code for _ in range(26)]
        first = c.get("/releases/39000001")
    assert codes == [200] * 25 + [429]
    assert first.headers["x-discogs-ratelimit"] == "25"
    with client(sandbox) as c:  # authenticated requests have their own, larger window
        assert c.get("/releases/39000001").headers["x-discogs-ratelimit"] == "60"


def test_headers_on_errors_and_empty_responses_too(clock: FakeClock):
    sandbox = make(clock)
    with client(sandbox) as c:
        answers = [
            c.get("/nowhere"),
            c.get("/users/demo/collection/folders/42"),
            c.put("/oauth/identity"),
            c.post(
                "/users/demo/collection/folders/1/releases/39000001/instances/1", json={"rating": 3}
            ),
            c.delete("/users/demo/wants/2147483647"),
        ]
    with client(sandbox, token="wrong") as c:
        answers.append(c.get("/oauth/identity"))
    assert [a.status_code for a in answers] == [404, 404, 405, 404, 204, 401]
    for a in answers:
        assert all(h in a.headers for h in HEADERS)


def test_forced_bursts(clock: FakeClock):
    sandbox = make(clock, burst_429=3, burst_429_after=2)
    with client(sandbox) as c:
        codes = [c.get("/oauth/identity").status_code for _ in range(7)]
        sandbox.force_429(2)
        codes += [c.get("/oauth/identity").status_code for _ in range(3)]
    assert codes == [200, 200, 429, 429, 429, 200, 200, 429, 429, 200]
    assert sandbox.counters.rate_limited == 5
