"""An answer has a total deadline: a body sent a byte a second, each read well inside httpx's
per-read timeout, ends as a NetworkError when the deadline passes."""

from __future__ import annotations

import time

import pytest

from gramtui.discogs import DiscogsClient, RateLimiter
from gramtui.discogs.errors import NetworkError


def test_a_slow_body_ends_at_the_deadline(sandbox_server) -> None:
    server = sandbox_server(hostile="slow_body", slow_body_interval=0.2)
    client = DiscogsClient(
        "sandbox-token", server.url, limiter=RateLimiter(), timeout=30.0, deadline=1.0
    )
    started = time.monotonic()
    with pytest.raises(NetworkError) as caught:
        client.identity()
    assert time.monotonic() - started < 5
    assert "not complete after 1 s" in str(caught.value)
    client.close()


def test_a_body_cut_off_midway_is_a_network_error(sandbox_server) -> None:
    server = sandbox_server(hostile="reset_mid_body")
    client = DiscogsClient("sandbox-token", server.url, limiter=RateLimiter(), deadline=5.0)
    with pytest.raises(NetworkError):
        client.identity()
    client.close()


def test_a_whole_answer_within_the_deadline_is_read(sandbox_server) -> None:
    server = sandbox_server()
    with DiscogsClient("sandbox-token", server.url, limiter=RateLimiter(), deadline=5.0) as client:
        assert client.identity().username == "demo"
