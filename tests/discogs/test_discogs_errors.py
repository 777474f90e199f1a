"""Every way a call can fail maps to a typed error with the server's message and no token."""

from __future__ import annotations

import http.server
import socket
import threading

import httpx
import pytest

from gramtui.discogs import (
    BadResponse,
    DiscogsClient,
    DiscogsError,
    Forbidden,
    NetworkError,
    NotFound,
    RateLimited,
    RateLimiter,
    ServerError,
    Unauthorized,
    Unprocessable,
)

D = "Collection.CollectionFolderReleaseUpdateTests."
MISSING_INSTANCE = (
    D
    + "UpdateCollectionFolderRelease_ShouldThrowResourceNotFoundException_WhenInstanceDoesNotExist.json"
)
MISSING_TARGET = (
    D
    + "UpdateCollectionFolderRelease_ShouldThrowDiscogsException_WhenTargetFolderDoesNotExist.json"
)
BAD_OPTION = (
    D
    + "UpdateCollectionFolderReleaseField_ShouldSetValue_WhenDropdownFieldValueIsNotAValidOption.json"
)
UNAUTH_FIELDS = (
    "Collection.CollectionFieldsTests."
    "GetCollectionFields_ShouldThrowUnauthenticatedDiscogsException_WhenUnauthenticated.json"
)
UNAUTH_RELEASES = (
    "Collection.CollectionFolderReleasesTests."
    "GetCollectionFolderReleases_ShouldThrowUnauthenticatedDiscogsException_WhenUnauthenticated.json"
)
NO_WANT = "Collection.WantlistTests.AddReleaseToWantlist_ShouldThrowResourceNotFoundException_WhenReleaseIdDoesNotExist.json"


def failing(call) -> DiscogsError:
    with pytest.raises(DiscogsError) as caught:
        call()
    return caught.value


def test_401_documented_body(make_client, rec):
    # no 401 was recorded; this is the documented body and header
    body = b'{"message": "You must authenticate to access this resource."}'
    headers = [("WWW-Authenticate", 'OAuth realm="https://api.discogs.com"')]
    client, _ = make_client(rec.Recorded("GET", "/oauth/identity", {}, 401, headers, body))
    err = failing(client.identity)
    assert isinstance(err, Unauthorized) and not err.retryable
    assert (err.status, err.message) == (401, "You must authenticate to access this resource.")
    assert str(err) == (
        "Discogs refused the token (401): check DISCOGS_TOKEN or run gramtui again to enter a new one."
    )


@pytest.mark.parametrize("recording", [UNAUTH_FIELDS, UNAUTH_RELEASES])
def test_403_recorded_for_a_private_collection(make_client, rec, recording):
    limiter = RateLimiter()
    client, _ = make_client(rec.damidhagor(recording), limiter=limiter)
    call = client.fields if recording == UNAUTH_FIELDS else lambda u: client.collection_page(u, 1)
    err = failing(lambda: call("DamIDhagor"))
    assert isinstance(err, Forbidden) and err.status == 403 and not err.retryable
    assert err.message.startswith("You are not allowed to view this resource.")
    assert "403: You are not allowed" in str(err)
    assert limiter.snapshot().limit == 25  # the unauthenticated tier, from lowercase headers


def test_404_recorded_for_a_missing_instance(make_client, rec):
    client, _ = make_client(rec.damidhagor(MISSING_INSTANCE))
    err = failing(lambda: client.set_rating("DamIDhagor", 1, 5134861, 9223372036854775807, 3))
    assert isinstance(err, NotFound) and err.status == 404 and not err.retryable
    assert err.message == "The requested collection item does not exist in this user's collection."
    assert str(err).startswith("Discogs has no such thing (404: The requested collection item")


def test_404_recorded_for_a_missing_release_to_want(make_client, rec):
    client, _ = make_client(rec.damidhagor(NO_WANT))
    err = failing(lambda: client.add_want("DamIDhagor", 2147483647))
    assert isinstance(err, NotFound)
    assert err.message == "That release does not exist in the user's wantlist."


def test_404_with_capitalised_headers(make_client, rec):
    limiter = RateLimiter()
    client, _ = make_client(
        rec.brotherlogic("releases/2331612_token=token", status=404), limiter=limiter
    )
    err = failing(lambda: client.release(2331612))
    assert isinstance(err, NotFound) and err.message == "The requested resource was not found."
    assert limiter.snapshot().used == 5


def test_422_recorded_for_a_missing_target_folder(make_client, rec):
    client, _ = make_client(rec.damidhagor(MISSING_TARGET))
    err = failing(
        lambda: client.move_instance("DamIDhagor", 9510189, 5134861, 2176916220, 999999999)
    )
    assert isinstance(err, Unprocessable) and err.details == () and not err.retryable
    assert str(err) == (
        "Discogs rejected the request as invalid (422: Invalid folder_id: folder does not exist)."
    )


def test_422_detail_shape_gives_its_messages(make_client, rec):
    client, _ = make_client(rec.damidhagor(BAD_OPTION))
    err = failing(
        lambda: client.set_field(
            "DamIDhagor", 9510194, 5134861, 2176916229, 1, "API_TEST_NOT_A_REAL_OPTION"
        )
    )
    assert isinstance(err, Unprocessable)
    assert err.message == 'See "detail" for validation errors.'
    assert err.details == ("HTTP fetch failed from 'collection': 400: Bad Request (at body.value)",)
    assert "HTTP fetch failed from 'collection'" in str(err) and "See" not in str(err)


@pytest.mark.parametrize(("retry_after", "expected"), [("7", 7.0), (None, None)])
def test_429(make_client, rec, retry_after, expected):
    headers = [
        ("x-discogs-ratelimit", "60"),
        ("x-discogs-ratelimit-used", "60"),
        ("x-discogs-ratelimit-remaining", "0"),
    ]
    if retry_after:
        headers.append(("Retry-After", retry_after))
    body = b'{"message": "You are making requests too quickly."}'
    limiter = RateLimiter()
    client, _ = make_client(
        rec.Recorded("GET", "/releases/1", {}, 429, headers, body), limiter=limiter
    )
    err = failing(lambda: client.release(1))
    assert isinstance(err, RateLimited) and err.retryable and err.retry_after == expected
    assert err.message == "You are making requests too quickly."
    assert (client.requests_made, client.rate_limited) == (1, 1)
    assert limiter.snapshot().blocked_for == pytest.approx(expected or 1.0, abs=0.5)
    assert limiter.snapshot().remaining == 0


@pytest.mark.parametrize(
    ("status", "headers", "body", "message"),
    [
        (
            502,
            [("Content-Type", "text/html")],
            b"<html><body>Bad gateway</body></html>",
            "Bad Gateway",
        ),
        (
            500,
            [],
            b'{"message": "An internal server error occurred. (Error code: 4e1c)"}',
            "An internal server error occurred. (Error code: 4e1c)",
        ),
        (503, [], b"", "Service Unavailable"),
    ],
)
def test_5xx(make_client, rec, status, headers, body, message):
    client, _ = make_client(rec.Recorded("GET", "/releases/1", {}, status, headers, body))
    err = failing(lambda: client.release(1))
    assert isinstance(err, ServerError) and err.retryable
    assert (err.status, err.message) == (status, message)


def test_other_4xx_is_a_plain_discogs_error(make_client, rec):
    body = b'{"message": "Tracking number is required."}'
    client, _ = make_client(rec.Recorded("GET", "/releases/1", {}, 400, [], body))
    err = failing(lambda: client.release(1))
    assert type(err) is DiscogsError and not err.retryable
    assert str(err) == "Discogs refused the request (400: Tracking number is required)."


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.ReadTimeout("The read operation timed out"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
)
def test_network_errors(exc, rec):
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    limiter = RateLimiter()
    client = DiscogsClient(
        rec.TOKEN, "http://127.0.0.1:9", limiter=limiter, transport=httpx.MockTransport(handler)
    )
    err = failing(client.identity)
    assert isinstance(err, NetworkError) and err.retryable and err.status is None
    assert type(exc).__name__ in err.message and str(exc) in err.message
    assert "http://127.0.0.1:9" in str(err)
    assert limiter.snapshot().used == 1  # it may have reached the server: still counted
    assert client.requests_made == 1


def bad_200(rec, body: bytes, path: str, content_type: str = "application/json"):
    return rec.Recorded("GET", path, {}, 200, [("Content-Type", content_type)], body)


def test_non_json_200_is_a_bad_response(make_client, rec):
    client, _ = make_client(
        bad_200(rec, b"<html>Please enable cookies.</html>", "/oauth/identity", "text/html")
    )
    err = failing(client.identity)
    assert isinstance(err, BadResponse) and not err.retryable
    assert str(err) == (
        "Discogs sent an answer gramtui cannot read to GET /oauth/identity: "
        "the answer is not JSON (text/html) but starts '<html>Please enable cookies.</html>'."
    )


@pytest.mark.parametrize(
    ("body", "call", "says"),
    [
        (b"[]", lambda c: c.identity(), "the identity is not an object but list"),
        (b'{"username": "x"}', lambda c: c.identity(), "the identity has no 'id'"),
        (
            b'{"pagination": {"page": 1, "pages": 1, "per_page": 50, "items": 1},'
            b' "releases": [{"folder_id": 1, "basic_information": {"id": 2}}]}',
            lambda c: c.collection_page("u"),
            "releases[0] has no 'instance_id'",
        ),
        (b'{"releases": []}', lambda c: c.collection_page("u"), "the page has no 'pagination'"),
        (
            b'{"pagination": {"page": 1, "pages": 1, "per_page": 50, "items": 0}}',
            lambda c: c.wants_page("u"),
            "the page has no 'wants'",
        ),
        (
            b'{"pagination": {"page": 1, "pages": 1, "per_page": 50, "items": 1},'
            b' "listings": [{"status": "For Sale", "price": {"value": 1, "currency": "USD"},'
            b' "release": {"id": 3}}]}',
            lambda c: c.inventory_page("u"),
            "listings[0] has no 'id'",
        ),
        (
            b'{"Mint (M)": {"value": 3.5}}',
            lambda c: c.price_suggestions(1),
            "the suggestion for 'Mint (M)' has no 'currency'",
        ),
        (
            b'{"folders": "none"}',
            lambda c: c.folders("u"),
            "'folders' of the folder list is not a list",
        ),
    ],
)
def test_wrong_shape_names_what_is_missing(make_client, rec, body, call, says):
    client, _ = make_client(
        *[
            bad_200(rec, body, p)
            for p in (
                "/oauth/identity",
                "/users/u/collection/folders/0/releases",
                "/users/u/wants",
                "/users/u/inventory",
                "/marketplace/price_suggestions/1",
                "/users/u/collection/folders",
            )
        ]
    )
    err = failing(lambda: call(client))
    assert isinstance(err, BadResponse)
    assert err.message == says
    assert err.request.startswith("GET /")


def test_no_content_where_an_answer_is_needed(make_client, rec):
    client, _ = make_client(rec.Recorded("GET", "/releases/1", {}, 204, [], b""))
    err = failing(lambda: client.release(1))
    assert isinstance(err, BadResponse) and "answered 204 with no content" in str(err)


def test_the_token_never_shows(make_client, rec):
    echo = f'{{"message": "Bad token {rec.TOKEN}"}}'.encode()
    client, _ = make_client(
        rec.Recorded("GET", "/oauth/identity", {}, 401, [], echo),
        rec.Recorded("GET", "/releases/1", {}, 422, [], echo),
        rec.Recorded("GET", "/releases/2", {}, 200, [], rec.TOKEN.encode()),
        *rec.damidhagor(BAD_OPTION),
    )
    errors = [
        failing(client.identity),
        failing(lambda: client.release(1)),
        failing(lambda: client.release(2)),
        failing(lambda: client.set_field("DamIDhagor", 9510194, 5134861, 2176916229, 1, "x")),
    ]
    texts = [repr(client), str(client), *(f"{e!s} {e!r} {e.message}" for e in errors)]
    assert all(rec.TOKEN not in t for t in texts)
    assert "[token]" in errors[1].message
    assert "token" in repr(client) and rec.TOKEN not in repr(client._http.headers)  # noqa: SLF001


def test_without_a_token_no_authorization_and_the_lower_limit(rec):
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": 1, "title": "x"})

    client = DiscogsClient(None, transport=httpx.MockTransport(handler))
    client.release(1)
    assert "Authorization" not in seen[0].headers
    assert client.limiter.snapshot().limit == 25
    assert "without a token" in repr(client)


@pytest.fixture
def loopback():
    """A real HTTP server on 127.0.0.1 whose behaviour the test sets: `answer(handler)`."""
    behaviour = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            behaviour["answer"](self)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", behaviour
    server.shutdown()
    server.server_close()


def test_over_real_http_a_recorded_404_with_lowercase_headers(loopback, rec):
    url, behaviour = loopback
    recorded = rec.damidhagor(NO_WANT)[0]

    def answer(h) -> None:
        h.send_response(recorded.status)
        for k, v in recorded.headers:
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(recorded.body)))
        h.end_headers()
        h.wfile.write(recorded.body)

    behaviour["answer"] = answer
    limiter = RateLimiter()
    with DiscogsClient(rec.TOKEN, url, limiter=limiter) as client:
        err = failing(lambda: client.release(5))
    assert (
        isinstance(err, NotFound)
        and err.message == "That release does not exist in the user's wantlist."
    )
    assert limiter.snapshot().used == 4  # x-discogs-ratelimit-used: 4


def test_over_real_http_a_dropped_connection(loopback, rec):
    url, behaviour = loopback
    behaviour["answer"] = lambda h: h.connection.shutdown(socket.SHUT_RDWR)
    with DiscogsClient(rec.TOKEN, url) as client:
        err = failing(lambda: client.release(5))
    assert isinstance(err, NetworkError) and "RemoteProtocolError" in err.message


def test_over_real_http_a_stalled_server_times_out(loopback, rec):
    url, behaviour = loopback
    release = threading.Event()
    behaviour["answer"] = lambda h: release.wait(5)
    with DiscogsClient(rec.TOKEN, url, timeout=0.2) as client:
        err = failing(lambda: client.release(5))
    release.set()
    assert isinstance(err, NetworkError) and "ReadTimeout" in err.message


def test_a_closed_port_is_a_network_error(rec):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with DiscogsClient(rec.TOKEN, f"http://127.0.0.1:{port}") as client:
        err = failing(client.identity)
    assert isinstance(err, NetworkError) and "ConnectError" in err.message
    assert f"127.0.0.1:{port}" in str(err) and rec.TOKEN not in str(err)
