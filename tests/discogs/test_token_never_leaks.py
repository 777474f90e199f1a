"""The token never appears in an error's text or in the log, whichever way a request fails: a
hostile loopback server echoes it back in every part of an answer it can, a transport error
carries it, and a token of the wrong form is refused before it reaches a header."""

from __future__ import annotations

import http.server
import io
import json
import logging
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest

from gramtui.discogs import BadResponse, DiscogsClient, DiscogsError, NetworkError, RateLimiter
from gramtui.discogs.errors import BadToken
from gramtui.discogs.secret import HIDDEN, ScrubbingFormatter, remember, scrub

TOKEN = "Zq8LeakyT0kenValue4711xyz"
Answer = Callable[[http.server.BaseHTTPRequestHandler, str], None]


def _send(
    h: http.server.BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "application/json",
    reason: str | None = None,
) -> None:
    h.send_response(status, reason)
    h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def _json(status: int, data: object) -> Answer:
    return lambda h, token: _send(h, status, json.dumps(data).replace("TOKEN", token).encode())


ECHOES: dict[str, Answer] = {
    "401 message": _json(401, {"message": "You must authenticate: TOKEN is not valid."}),
    "403 message": _json(403, {"message": "TOKEN may not do this"}),
    "404 message": _json(404, {"message": "no such thing for TOKEN"}),
    "422 details": _json(422, {"detail": [{"msg": "bad TOKEN", "loc": ["header", "TOKEN"]}]}),
    "429 message": _json(429, {"message": "slow down, TOKEN"}),
    "500 message": _json(500, {"message": "internal error serving TOKEN"}),
    "418 reason phrase": lambda h, token: _send(h, 418, b"", reason=f"teapot {token}"),
    "400 plain text": lambda h, token: _send(h, 400, f"Bad {token}".encode(), "text/plain"),
    "200 not JSON": lambda h, token: _send(h, 200, f"{token} <html>".encode(), "text/html"),
    "200 wrong shape": _json(200, {"id": "TOKEN", "username": ["TOKEN"], "resource_url": 1}),
    "200 nested JSON": lambda h, token: _send(h, 200, b"[" * 100_000 + b"]" * 100_000),
    "reset mid-body": lambda h, token: (
        h.send_response(200),
        h.send_header("Content-Length", "1000"),
        h.end_headers(),
        h.wfile.write(token.encode()),
        h.close_connection_now(),
    ),  # type: ignore[attr-defined]
}


@pytest.fixture
def hostile() -> Iterator[tuple[str, dict[str, Answer]]]:
    """A loopback server answering with `behaviour["answer"](handler, token it was sent)`."""
    behaviour: dict[str, Answer] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            token = self.headers.get("Authorization", "").removeprefix("Discogs token=")
            behaviour["answer"](self, token)

        def close_connection_now(self) -> None:
            self.wfile.flush()
            self.connection.shutdown(2)
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", behaviour
    server.shutdown()
    server.server_close()


def _logged(error: BaseException) -> str:
    """What the app's log file would hold for this error, traceback included."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(ScrubbingFormatter("%(levelname)s %(message)s"))
    log = logging.getLogger("test.token")
    log.addHandler(handler)
    try:
        log.error("request failed: %s (%r)", error, error, exc_info=error)
    finally:
        log.removeHandler(handler)
    return stream.getvalue()


def _assert_hidden(error: BaseException, token: str = TOKEN) -> None:
    texts = [
        str(error),
        repr(error),
        getattr(error, "message", ""),
        _logged(error),
        *getattr(error, "details", ()),
    ]
    for text in texts:
        assert token not in text, text
        for line in token.splitlines():
            assert line not in text, text


def _fail(client: DiscogsClient) -> DiscogsError:
    with pytest.raises(DiscogsError) as raised:
        client.identity()
    return raised.value


@pytest.mark.parametrize("case", list(ECHOES))
def test_an_answer_echoing_the_token_never_shows_it(hostile, case: str) -> None:
    url, behaviour = hostile
    behaviour["answer"] = ECHOES[case]
    with DiscogsClient(TOKEN, url, limiter=RateLimiter(window=0.5)) as client:
        error = _fail(client)
    _assert_hidden(error)
    if case == "200 nested JSON":
        assert isinstance(error, BadResponse) and "nested too deeply" in str(error)
    if case in ("401 message", "422 details", "500 message"):
        assert HIDDEN in error.message or HIDDEN in " ".join(getattr(error, "details", ()))


def test_a_network_error_carrying_the_token_never_shows_it() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused {request.headers['Authorization']}", request=request)

    with DiscogsClient(
        TOKEN,
        "http://discogs.invalid",
        transport=httpx.MockTransport(refuse),
        limiter=RateLimiter(window=0.5),
    ) as client:
        error = _fail(client)
    assert isinstance(error, NetworkError)
    _assert_hidden(error)


def test_a_header_error_text_is_scrubbed_in_every_form_it_takes(hostile) -> None:
    """httpx refuses a header holding a line break with the header in its message, escaped as
    bytes (b'Discogs token=ab\\ncd'): the scrub finds the token in that form too."""
    url, behaviour = hostile
    behaviour["answer"] = _json(200, {})
    token = "Line0neOfTheT0ken\nLineTwoOfTheT0ken"
    remember(token)
    with httpx.Client() as http, pytest.raises(httpx.HTTPError) as raised:
        http.get(url, headers={"Authorization": f"Discogs token={token}"})
    text = str(raised.value)
    assert "Line0neOfTheT0ken" in text  # the leak this guards against
    scrubbed = scrub(text)
    assert "Line0neOfTheT0ken" not in scrubbed and "LineTwoOfTheT0ken" not in scrubbed


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ("Line0neOfTheT0ken\nLineTwoOfTheT0ken", "holds a line break"),
        ("T0kenWithAccént4711", "not plain ASCII (character 13)"),
        ("T0kenWith\x07Bell4711", "holds a control character (character 10)"),
        ("T0ken With Space", "holds a space (character 6)"),
    ],
)
def test_a_token_of_the_wrong_form_is_refused_before_it_is_sent(token: str, problem: str) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    with pytest.raises(BadToken) as raised:
        DiscogsClient(token, "http://discogs.invalid", transport=httpx.MockTransport(record))
    assert problem in str(raised.value) and sent == []
    _assert_hidden(raised.value, token)


def test_a_short_test_token_does_not_blank_ordinary_words() -> None:
    remember("t")
    assert scrub("the list") == "the list"
