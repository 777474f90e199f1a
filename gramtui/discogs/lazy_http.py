"""An httpx.Client made on first use: building one loads the TLS certificates (a quarter of a
second of CPU), and most commands that open a session never send a request."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ssl

    import httpx


def http_client(**options: Any) -> httpx.Client:
    """`httpx.Client(**options)`, importing httpx only now: a command that sends no request
    never loads it (a sixth of a second of start-up)."""
    import httpx

    if options.get("transport") is None:
        options.setdefault("verify", _tls_context())
    return httpx.Client(**options)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The TLS settings httpx makes by default (certifi's certificates, SSL_CERT_FILE honoured),
    made once per process: loading the certificates is ~35 ms of CPU for each client, and one
    context is safe to share between clients and threads."""
    import httpx

    return httpx.create_ssl_context()


class LazyHttp:
    """Holds how to make the client; `get()` makes it once (thread-safe), `close()` closes it."""

    def __init__(self, make: Callable[[], httpx.Client]) -> None:
        self._make = make
        self._client: httpx.Client | None = None
        self._closed = False
        self._lock = threading.Lock()

    def get(self) -> httpx.Client:
        client = self._client
        if client is None:
            with self._lock:
                if self._client is None:
                    self._client = self._make()
                    if self._closed:  # used after close(): fail as a closed client does
                        self._client.close()
                client = self._client
        return client

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._client is not None:
                self._client.close()
