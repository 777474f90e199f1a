"""Replays recorded Discogs answers (tests/fixtures/discogs/) through httpx.MockTransport.

The recordings are the real part: the client under test talks HTTP to a handler that serves, for
each request, the recorded answer whose method, path and query match it. Recordings come as
damidhagor interaction lists (2026, lowercase headers), brotherlogic bodies named after their
request (2017-2024, served with that era's recorded capitalised header block), raw HTTP files, and
bodies without headers (irlndts, joalla).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx
import pytest
from helpers.clock import FakeClock

from gramtui.discogs import DiscogsClient, RateLimiter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "discogs"
TOKEN = "s3cr3t-T0KEN-abc123"
BROTHERLOGIC_HEADERS = FIXTURES / "brotherlogic/releases/249504_token=token.headers"
_QUERY_PART = re.compile(r"_(per_page|page|token|status|curr_abbr|curr_abr)=([^_]*)")


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def matches(self, request: httpx.Request) -> bool:
        if request.method != self.method or request.url.path != unquote(self.path):
            return False
        asked = dict(request.url.params)
        asked.setdefault("page", "1")
        return all(
            asked.get(k) == v for k, v in {"page": "1", **self.query}.items() if k != "token"
        )


def _raw_http(text: str) -> tuple[int, list[tuple[str, str]], bytes]:
    head, _, body = text.partition("\n\n")
    status_line, *lines = head.splitlines()
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines if ":" in line]
    return int(status_line.split()[1]), headers, body.encode()  # type: ignore[return-value]


def _served_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """httpx recomputes framing; keep everything else as recorded."""
    dropped = {"content-length", "transfer-encoding", "content-encoding"}
    return [(k, v) for k, v in headers if k.lower() not in dropped]


def damidhagor(name: str) -> list[Recorded]:
    """Every interaction of one damidhagor recording file, in order."""
    out = []
    for it in json.loads((FIXTURES / "damidhagor" / name).read_text()):
        url = urlsplit(it["requestUrl"])
        headers = [(k, v) for k, values in it["responseHeaders"].items() for v in values]
        out.append(
            Recorded(
                method=it["requestMethod"],
                path=url.path,
                query=dict(parse_qsl(url.query)),
                status=it["responseStatusCode"],
                headers=_served_headers(headers),
                body=(it["responseBody"] or "").encode(),
            )
        )
    return out


def brotherlogic(
    relpath: str, *, status: int = 200, method: str = "GET", query: dict[str, str] | None = None
) -> Recorded:
    """A brotherlogic file: the request is in its name (`path_key=value_key=value`).

    `query` replaces the query read from the name (for a recorded request whose query we do not send).
    """
    file = FIXTURES / "brotherlogic" / relpath
    folder, _, last = relpath.rpartition("/")
    first = _QUERY_PART.search(last)
    assert first, f"{relpath} does not name its query"
    name = last[: first.start()]
    if query is None:
        query = {k: unquote(v) for k, v in _QUERY_PART.findall(last[first.start() :])}
    path = f"/{folder}/{name}" if folder else f"/{name}"
    text = file.read_text()
    if text.startswith("HTTP/"):
        status, headers, body = _raw_http(text)
    else:
        _, era_headers, _ = _raw_http(BROTHERLOGIC_HEADERS.read_text() + "\n\n")
        headers = [
            (k, v) for k, v in era_headers if k.lower().startswith(("x-discogs", "content-type"))
        ]
        body = text.encode()
    return Recorded(method, path, query, status, _served_headers(headers), body)


def body_only(relpath: str, path: str, *, query: dict[str, str] | None = None) -> Recorded:
    """A recorded body without headers (irlndts, joalla): served as JSON for `GET path`."""
    body = (FIXTURES / relpath).read_bytes()
    return Recorded("GET", path, query or {}, 200, [("Content-Type", "application/json")], body)


def raw_http(relpath: str, path: str, *, method: str = "GET") -> Recorded:
    status, headers, body = _raw_http((FIXTURES / relpath).read_text())
    return Recorded(method, path, {}, status, _served_headers(headers), body)


@dataclass
class Replay:
    """The server side: answers each request with the first matching recording, in order."""

    recordings: list[Recorded]
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        for rec in self.recordings:
            if rec.matches(request):
                return httpx.Response(rec.status, headers=rec.headers, content=rec.body)
        raise AssertionError(f"no recording for {request.method} {request.url}")


@pytest.fixture
def make_client() -> Callable[..., tuple[DiscogsClient, Replay]]:
    """`make_client(recordings...)` -> a client with the test token talking to a Replay of them."""
    clients: list[DiscogsClient] = []

    def make(*recordings: Recorded | list[Recorded], limiter: RateLimiter | None = None):
        flat: list[Recorded] = []
        for r in recordings:
            flat.extend(r if isinstance(r, list) else [r])
        replay = Replay(flat)
        client = DiscogsClient(
            TOKEN, limiter=limiter or RateLimiter(), transport=httpx.MockTransport(replay)
        )
        clients.append(client)
        return client, replay

    yield make
    for c in clients:
        c.close()


class Recordings:
    """What the test modules use from here (they cannot import a conftest)."""

    TOKEN = TOKEN
    FIXTURES = FIXTURES
    Recorded = Recorded
    damidhagor = staticmethod(damidhagor)
    brotherlogic = staticmethod(brotherlogic)
    body_only = staticmethod(body_only)
    raw_http = staticmethod(raw_http)


@pytest.fixture
def rec() -> type[Recordings]:
    return Recordings


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
