"""The eBay Browse API client: an application token cached until it expires (renewed once when a
call answers 401), item search with paging, typed errors, a total deadline per response, and
the daily call budget taken before every call (the token call included). No retries here:
retrying is the queue's job. The secret and the token live only in headers; never logged."""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from gramtui import __version__
from gramtui.discogs.lazy_http import LazyHttp, http_client
from gramtui.domain.deals.listing import EbayListing
from gramtui.ebay.budget import CallBudget, MemoryLedger
from gramtui.ebay.credentials import EbayCredentials
from gramtui.ebay.errors import (
    EbayBadResponse,
    EbayNetworkError,
    EbayNoCredentials,
    EbayUnauthorized,
    error_for_status,
)
from gramtui.ebay.parse import SearchPage, parse_search, parse_token

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

DEFAULT_URL = "https://api.ebay.com"
SCOPE = "https://api.ebay.com/oauth/api_scope"
TOKEN_PATH = "/identity/v1/oauth2/token"
SEARCH_PATH = "/buy/browse/v1/item_summary/search"
MAX_LIMIT = 200
MAX_OFFSET = 10_000  # offset + limit may not pass it
EARLY = 60.0  # renew this many seconds before the token's end


class EbayClient:
    def __init__(
        self,
        credentials: EbayCredentials | Callable[[], EbayCredentials | None] | None,
        base_url: str = DEFAULT_URL,
        *,
        marketplace: str = "EBAY_US",
        budget: CallBudget | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 20.0,
        deadline: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
        credentials_where: str = "the data directory",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.marketplace = marketplace
        self.budget = budget or CallBudget(MemoryLedger())
        self.deadline = deadline
        self.calls_made = 0
        self._credentials = credentials
        self._where = credentials_where
        self._monotonic = monotonic
        self._token = ""
        self._token_until = 0.0
        self._lazy_http = LazyHttp(  # made on first use: most sessions never call eBay
            lambda: http_client(
                base_url=self.base_url,
                transport=transport,
                timeout=timeout,
                headers={"User-Agent": f"gramtui/{__version__}"},
            )
        )

    def __repr__(self) -> str:
        return f"<EbayClient {self.base_url} {self.marketplace}>"

    @property
    def _http(self) -> httpx.Client:
        return self._lazy_http.get()

    def close(self) -> None:
        self._lazy_http.close()

    # -- the calls ---------------------------------------------------------------------------

    def search(
        self,
        q: str,
        *,
        category_id: str = "",
        limit: int = 50,
        offset: int = 0,
        filters: Sequence[str] = (),
        sort: str = "newlyListed",
    ) -> SearchPage:
        limit = max(1, min(MAX_LIMIT, limit))
        offset = max(0, min(offset, MAX_OFFSET - limit))
        params: dict[str, Any] = {"q": q, "limit": limit, "offset": offset, "sort": sort}
        if category_id:
            params["category_ids"] = category_id
        if filters:
            params["filter"] = ",".join(filters)
        data = self._authorised("GET", SEARCH_PATH, params)
        return parse_search(data)

    def search_new(
        self,
        q: str,
        seen: Callable[[str], bool],
        *,
        category_id: str = "",
        page_size: int = 50,
        filters: Sequence[str] = (),
        max_pages: int = 5,
    ) -> Iterator[EbayListing]:
        """Newest first, page after page, stopping at the first listing already seen."""
        offset = 0
        for _ in range(max_pages):
            page = self.search(
                q, category_id=category_id, limit=page_size, offset=offset, filters=filters
            )
            for item in page.items:
                if seen(item.item_id):
                    return
                yield item
            if not page.has_next or not page.items:
                return
            offset += len(page.items) + page.skipped
            if offset >= MAX_OFFSET:
                return

    # -- token and transport -----------------------------------------------------------------

    def _authorised(self, method: str, path: str, params: dict[str, Any]) -> Any:
        """One call with the application token; a 401 renews the token once and calls again."""
        for attempt in (1, 2):
            token = self._current_token()
            try:
                return self._send(
                    method,
                    path,
                    params=params,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "X-EBAY-C-MARKETPLACE-ID": self.marketplace,
                    },
                )
            except EbayUnauthorized:
                self._token = ""  # expired or revoked: a new one, once
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def check_credentials(self) -> None:
        """Raise the error a first call would meet when there are no usable credentials."""
        self._read_credentials()

    def _read_credentials(self) -> EbayCredentials:
        credentials = self._credentials() if callable(self._credentials) else self._credentials
        if credentials is None:
            raise EbayNoCredentials(self._where)
        return credentials

    def _current_token(self) -> str:
        if self._token and self._monotonic() < self._token_until - EARLY:
            return self._token
        credentials = self._read_credentials()
        pair = f"{credentials.client_id}:{credentials.client_secret}".encode()
        data = self._send(
            "POST",
            TOKEN_PATH,
            data={"grant_type": "client_credentials", "scope": SCOPE},
            headers={"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")},
        )
        self._token, expires = parse_token(data)
        self._token_until = self._monotonic() + expires
        return self._token

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        data: dict[str, str] | None = None,
        headers: dict[str, str],
    ) -> Any:
        import httpx  # loaded with the first call (see discogs/lazy_http)

        self.budget.take()  # before sending: a crash after it never under-counts
        self.calls_made += 1
        url = f"{self.base_url}{path}"
        end = self._monotonic() + self.deadline
        try:
            with self._http.stream(
                method, path, params=params, data=data, headers=headers
            ) as response:
                body = b"".join(_until(response.iter_bytes(), end, self._monotonic))
        except TimeoutError:
            raise EbayNetworkError(
                f"no complete answer within {self.deadline:g} s", url=url
            ) from None
        except httpx.TransportError as e:
            raise EbayNetworkError(type(e).__name__, url=url) from None
        payload: Any = None
        try:
            payload = json.loads(body) if body else None
        except ValueError:
            payload = None
        if response.status_code >= 400:
            retry_after = _seconds(response.headers.get("retry-after"))
            raise error_for_status(
                response.status_code,
                payload,
                reason=response.reason_phrase,
                retry_after=retry_after,
            )
        if payload is None:
            raise EbayBadResponse(f"{method} {path} answered {response.status_code} without JSON")
        return payload


def _until(chunks: Iterable[bytes], end: float, monotonic: Callable[[], float]) -> Iterator[bytes]:
    for chunk in chunks:
        if monotonic() > end:
            raise TimeoutError
        yield chunk


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
