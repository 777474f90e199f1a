"""The HTTP client is made at the first request (not when a session opens), once, and a client
closed before it was ever used still refuses to send."""

from __future__ import annotations

import threading

import httpx
import pytest

from gramtui.discogs.client import DiscogsClient
from gramtui.discogs.lazy_http import LazyHttp
from gramtui.discogs.ratelimit import RateLimiter


def identity(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, json={"id": 1, "username": "u", "resource_url": "", "consumer_name": ""}
    )


def test_no_http_client_until_the_first_request() -> None:
    made: list[httpx.Client] = []

    def make() -> httpx.Client:
        made.append(httpx.Client(transport=httpx.MockTransport(identity)))
        return made[-1]

    lazy = LazyHttp(make)
    assert made == []
    threads = [threading.Thread(target=lazy.get) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1 and lazy.get() is made[0]
    lazy.close()
    assert made[0].is_closed


def test_discogs_client_sends_through_the_lazy_client_and_close_still_closes() -> None:
    client = DiscogsClient(
        "t0ken", "http://sandbox.invalid", limiter=RateLimiter(),
        transport=httpx.MockTransport(identity),
    )  # fmt: skip
    assert client._lazy_http._client is None  # noqa: SLF001
    assert client.identity().username == "u"
    client.close()
    with pytest.raises(RuntimeError):  # httpx's own refusal, as before
        client._http.get("/oauth/identity")  # noqa: SLF001


def test_closed_before_any_request_refuses_to_send() -> None:
    client = DiscogsClient(
        "t0ken", "http://sandbox.invalid", transport=httpx.MockTransport(identity)
    )
    client.close()
    with pytest.raises(RuntimeError):
        client._http.get("/oauth/identity")  # noqa: SLF001


def test_clients_share_one_tls_context_with_httpx_default_settings() -> None:
    """Each session's client loaded the certificates again (~35 ms of CPU); now one context,
    verifying as httpx does by default, serves every client of the process."""
    from gramtui.discogs.lazy_http import http_client

    first, second = http_client(), http_client()
    contexts = [c._transport._pool._ssl_context for c in (first, second)]  # noqa: SLF001
    assert contexts[0] is contexts[1]
    default = httpx.create_ssl_context()
    assert (contexts[0].verify_mode, contexts[0].check_hostname) == (
        default.verify_mode,
        default.check_hostname,
    )
    assert contexts[0].cert_store_stats() == default.cert_store_stats()
    first.close()
    second.close()
