"""Fault injection: 5xx, dropped connections, latency, stalls; seeded and counted."""

from __future__ import annotations

import httpx
import pytest
from helpers.clock import FakeClock
from sandbox_testkit import UA, client

from gramtui.sandbox import Sandbox, SandboxConfig, SandboxConfigError, build_state, serve


def run(config: SandboxConfig, clock: FakeClock, n: int = 2000) -> tuple[Sandbox, list[str]]:
    sandbox = Sandbox(build_state(), config, clock=clock.monotonic, sleep=clock.sleep)
    outcomes = []
    with client(sandbox) as c:
        for _ in range(n):
            try:
                outcomes.append(str(c.get("/oauth/identity").status_code))
            except httpx.RemoteProtocolError:
                outcomes.append("drop")
    return sandbox, outcomes


def test_rates_roughly_as_configured_and_seeded(clock: FakeClock):
    config = SandboxConfig(rate_limit=100_000, error_rate=0.10, drop_rate=0.05, seed=7)
    sandbox, outcomes = run(config, clock)
    drops = outcomes.count("drop")
    errors = sum(o in ("500", "502", "503") for o in outcomes)
    assert 70 <= drops <= 130  # 5% of 2000
    assert 150 <= errors <= 230  # 10% of the 1900 left
    assert {"500", "502", "503"} <= set(outcomes)
    assert sandbox.counters.faults["drop"] == drops
    assert sandbox.counters.faults["5xx"] == errors
    assert sandbox.counters.faults_total == drops + errors
    assert sandbox.counters.total == 2000
    assert run(config, FakeClock())[1] == outcomes  # same seed, same faults
    assert (
        run(SandboxConfig(rate_limit=100_000, error_rate=0.1, seed=8), FakeClock(), 300)[1]
        != outcomes[:300]
    )


def test_5xx_bodies(clock: FakeClock):
    sandbox = Sandbox(build_state(), SandboxConfig(error_rate=1.0), clock=clock.monotonic)
    with client(sandbox) as c:
        answers = [c.get("/oauth/identity") for _ in range(40)]
    json_ones = [a for a in answers if a.status_code in (500, 503)]
    assert json_ones and all("message" in a.json() for a in json_ones)
    assert all("x-discogs-ratelimit" in a.headers for a in answers)
    html = [a for a in answers if a.status_code == 502]
    assert html and html[0].headers["content-type"] == "text/html"


def test_latency_and_stalls_sleep(clock: FakeClock):
    config = SandboxConfig(latency=0.1, stall_rate=0.5, stall_seconds=30.0, seed=1)
    sandbox, outcomes = run(config, clock, 100)
    stalls = sandbox.counters.faults["stall"]
    assert 30 <= stalls <= 70
    assert clock.sleeps.count(0.1) == 100 and clock.sleeps.count(30.0) == stalls


def test_dropped_connection_over_loopback(clock: FakeClock):
    sandbox = Sandbox(build_state(), SandboxConfig(drop_rate=1.0), clock=clock.monotonic)
    with (
        serve(sandbox) as server,
        httpx.Client(base_url=server.url, headers={"User-Agent": UA}) as c,
    ):
        with pytest.raises(httpx.RemoteProtocolError):
            c.get("/releases/39000001")
    assert sandbox.counters.faults["drop"] == 1


def test_bad_settings_are_refused():
    with pytest.raises(SandboxConfigError, match="error_rate"):
        SandboxConfig(error_rate=1.5)
    with pytest.raises(SandboxConfigError, match="Unknown sandbox setting eror_rate"):
        SandboxConfig.with_faults({"eror_rate": 0.1})
    assert SandboxConfig.with_faults({"drop_rate": 0.05}).drop_rate == 0.05


def test_a_change_is_applied_before_its_late_answer(clock: FakeClock):
    """change_answer_delay: the listing exists on the server while the client still waits."""
    from sandbox_testkit import TOKEN

    sandbox = Sandbox(
        build_state(),
        SandboxConfig(change_answer_delay=20.0),
        clock=clock.monotonic,
        sleep=clock.sleep,
    )
    before = len(sandbox.state.listings)
    release = next(iter(sandbox.state.releases))
    with client(sandbox) as c:
        c.get("/oauth/identity", headers={"Authorization": f"Discogs token={TOKEN}"})
        assert clock.sleeps == []  # a read is never held
        made = c.post(
            "/marketplace/listings",
            headers={"Authorization": f"Discogs token={TOKEN}"},
            json={"release_id": release, "condition": "Mint (M)", "price": 10},
        )
    assert made.status_code == 201
    assert clock.sleeps == [20.0] and len(sandbox.state.listings) == before + 1
    with pytest.raises(SandboxConfigError, match="change_answer_delay"):
        SandboxConfig(change_answer_delay=-1.0)
