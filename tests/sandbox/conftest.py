"""Fixtures for the sandbox tests (helpers live in sandbox_testkit, a unique module name)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from helpers.clock import FakeClock
from sandbox_testkit import TOKEN, UA, client

from gramtui.sandbox import Sandbox, SandboxConfig, SandboxServer, build_state, serve


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sandbox(clock: FakeClock) -> Sandbox:
    """The bundled account with a roomy rate limit, on a fake clock."""
    return Sandbox(
        build_state(),
        SandboxConfig(rate_limit=10_000, unauth_rate_limit=10_000),
        clock=clock.monotonic,
        sleep=clock.sleep,
    )


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    with client(sandbox) as c:
        yield c


@pytest.fixture
def loopback(sandbox: Sandbox) -> Iterator[tuple[SandboxServer, httpx.Client]]:
    with (
        serve(sandbox) as server,
        httpx.Client(
            base_url=server.url,
            timeout=10,
            headers={"User-Agent": UA, "Authorization": f"Discogs token={TOKEN}"},
        ) as c,
    ):
        yield server, c
