"""The Discogs HTTP client: one method per API call, one HTTP request per method, no retries.

Synchronous (httpx) because the app runs it in thread workers and headless commands run it
directly. Every request passes the rate limiter first (`priority` decides whether it may use the
headroom kept for the user) and reports its answer to it after. Errors come out typed (see
errors.py); retrying is the queue's job. The token lives only in the Authorization header: it is
never logged, never in an error, never in the client's repr. An answer has a total `deadline`
(httpx's `timeout` bounds each read only; a body sent a byte a second would never end).
"""

from __future__ import annotations

import json as jsonlib  # `json` is a parameter name below
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from gramtui import __version__
from gramtui.discogs import parse
from gramtui.discogs.errors import (
    BadResponse,
    BadToken,
    DiscogsError,
    NetworkError,
    error_for_status,
)
from gramtui.discogs.lazy_http import LazyHttp, http_client
from gramtui.discogs.models import (
    CollectionItem,
    CollectionValue,
    Community,
    Identity,
    MasterInfo,
    Page,
)
from gramtui.discogs.ratelimit import NO_ANSWER, RateLimiter, parse_retry_after
from gramtui.discogs.search import SearchHit, parse_search_hits
from gramtui.discogs.secret import remember, scrub, token_advice, token_problem
from gramtui.domain.marketplace import CONDITIONS, SLEEVE_CONDITIONS, Listing, Want
from gramtui.domain.money import Money
from gramtui.domain.records import CustomField, Folder, Release
from gramtui.domain.tasks import Priority

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_BASE_URL = "https://api.discogs.com"
DEFAULT_USER_AGENT = f"gramtui/{__version__} +https://github.com/gramtui/gramtui"
MEDIA_TYPE = "application/vnd.discogs.v2.discogs+json"
UNAUTHENTICATED_LIMIT = 25  # Discogs' window without a token (60 with one)


def _user(username: str) -> str:
    return quote(username, safe="")


class DiscogsClient:
    def __init__(
        self,
        token: str | None,
        base_url: str = DEFAULT_BASE_URL,
        *,
        limiter: RateLimiter | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        user_agent: str = DEFAULT_USER_AGENT,
        deadline: float = 30.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        problem = token_problem(token) if token else None
        if problem is not None:  # httpx would refuse it with the token in the message
            raise BadToken(token_advice(problem, "given"))
        remember(token or "")
        self.deadline = deadline
        if limiter is None:
            limiter = RateLimiter(limit=60 if token else UNAUTHENTICATED_LIMIT)
        self.limiter = limiter
        self.requests_made = 0
        self.rate_limited = 0  # 429s received
        self._token = token or ""
        self._counts = threading.Lock()
        headers = {"User-Agent": user_agent, "Accept": MEDIA_TYPE}
        if token:
            headers["Authorization"] = f"Discogs token={token}"
        self._lazy_http = LazyHttp(
            lambda: http_client(
                base_url=self.base_url,
                headers=headers,
                transport=transport,
                timeout=min(timeout, deadline),
            )
        )

    def __repr__(self) -> str:
        auth = "with a token" if self._token else "without a token"
        return f"<DiscogsClient {self.base_url} {auth}>"

    @property
    def _http(self) -> httpx.Client:
        return self._lazy_http.get()

    def close(self) -> None:
        self._lazy_http.close()

    def __enter__(self) -> DiscogsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- identity and collection -------------------------------------------------------------

    def identity(self, *, priority: int = Priority.BACKGROUND) -> Identity:
        return self._parsed("GET", "/oauth/identity", parse.parse_identity, priority=priority)

    def folders(self, username: str, *, priority: int = Priority.BACKGROUND) -> list[Folder]:
        path = f"/users/{_user(username)}/collection/folders"
        return self._parsed("GET", path, parse.parse_folders, priority=priority)

    def create_folder(
        self, username: str, name: str, *, priority: int = Priority.BACKGROUND
    ) -> Folder:
        path = f"/users/{_user(username)}/collection/folders"
        data = self._request("POST", path, priority=priority, json={"name": name})
        return self._parse("POST", path, parse.parse_folder, data)

    def fields(self, username: str, *, priority: int = Priority.BACKGROUND) -> list[CustomField]:
        path = f"/users/{_user(username)}/collection/fields"
        return self._parsed("GET", path, parse.parse_fields, priority=priority)

    def collection_page(
        self,
        username: str,
        folder_id: int = 0,
        page: int = 1,
        per_page: int = 100,
        sort: str = "added",
        sort_order: str = "desc",
        *,
        priority: int = Priority.BACKGROUND,
    ) -> Page[CollectionItem]:
        path = f"/users/{_user(username)}/collection/folders/{folder_id}/releases"
        params = {"page": page, "per_page": per_page, "sort": sort, "sort_order": sort_order}
        data = self._get(path, priority=priority, params=params)

        def item(value: Any, where: str) -> CollectionItem:
            return parse.parse_collection_item(value, where, folder=folder_id)

        return self._parse("GET", path, lambda d: parse.parse_page(d, "releases", item), data)

    def move_instance(
        self,
        username: str,
        folder_id: int,
        release_id: int,
        instance_id: int,
        new_folder_id: int,
        *,
        priority: int = Priority.BACKGROUND,
    ) -> None:
        path = self._instance_path(username, folder_id, release_id, instance_id)
        self._request(
            "POST", path, priority=priority, json={"folder_id": new_folder_id}, answer=False
        )

    def set_rating(
        self,
        username: str,
        folder_id: int,
        release_id: int,
        instance_id: int,
        rating: int,
        *,
        priority: int = Priority.BACKGROUND,
    ) -> None:
        if not 0 <= rating <= 5:
            raise ValueError(f"A rating is 0 (none) to 5, not {rating}.")
        path = self._instance_path(username, folder_id, release_id, instance_id)
        self._request("POST", path, priority=priority, json={"rating": rating}, answer=False)

    def set_field(
        self,
        username: str,
        folder_id: int,
        release_id: int,
        instance_id: int,
        field_id: int,
        value: str,
        *,
        priority: int = Priority.BACKGROUND,
    ) -> None:
        path = self._instance_path(username, folder_id, release_id, instance_id)
        self._request(
            "POST",
            f"{path}/fields/{field_id}",
            priority=priority,
            json={"value": value},
            answer=False,
        )

    # -- marketplace ---------------------------------------------------------------------------

    def inventory_page(
        self,
        username: str,
        page: int = 1,
        per_page: int = 100,
        status: str | None = None,
        sort: str = "listed",
        sort_order: str = "desc",
        *,
        priority: int = Priority.BACKGROUND,
    ) -> Page[Listing]:
        path = f"/users/{_user(username)}/inventory"
        params: dict[str, Any] = {
            "page": page,
            "per_page": per_page,
            "sort": sort,
            "sort_order": sort_order,
        }
        if status is not None:
            params["status"] = status
        data = self._get(path, priority=priority, params=params)
        return self._parse(
            "GET", path, lambda d: parse.parse_page(d, "listings", parse.parse_listing), data
        )

    def get_listing(
        self, listing_id: int, currency: str | None = None, *, priority: int = Priority.BACKGROUND
    ) -> Listing:
        path = f"/marketplace/listings/{listing_id}"
        params = {"curr_abbr": currency} if currency else None
        data = self._get(path, priority=priority, params=params)
        return self._parse("GET", path, parse.parse_listing, data)

    def edit_listing(
        self,
        listing_id: int,
        *,
        release_id: int,
        condition: str,
        price: Money,
        status: str = "For Sale",
        sleeve_condition: str | None = None,
        comments: str | None = None,
        priority: int = Priority.BACKGROUND,
    ) -> None:
        """Prices are in the seller's currency on Discogs; `price.currency` is not sent."""
        body = _listing_body(release_id, condition, price, status, sleeve_condition, comments)
        self._request(
            "POST",
            f"/marketplace/listings/{listing_id}",
            priority=priority,
            json=body,
            answer=False,
        )

    def create_listing(
        self,
        release_id: int,
        condition: str,
        price: Money,
        status: str = "For Sale",
        sleeve_condition: str | None = None,
        comments: str | None = None,
        *,
        priority: int = Priority.BACKGROUND,
    ) -> int:
        """Lists a copy for sale; returns the new listing's id."""
        body = _listing_body(release_id, condition, price, status, sleeve_condition, comments)
        data = self._request("POST", "/marketplace/listings", priority=priority, json=body)
        return self._parse("POST", "/marketplace/listings", parse.parse_created_listing, data)

    def delete_listing(self, listing_id: int, *, priority: int = Priority.BACKGROUND) -> None:
        self._request(
            "DELETE", f"/marketplace/listings/{listing_id}", priority=priority, answer=False
        )

    def price_suggestions(
        self, release_id: int, *, priority: int = Priority.BACKGROUND
    ) -> dict[str, Money]:
        path = f"/marketplace/price_suggestions/{release_id}"
        return self._parsed("GET", path, parse.parse_price_suggestions, priority=priority)

    def market_stats(
        self, release_id: int, currency: str | None = None, *, priority: int = Priority.BACKGROUND
    ) -> tuple[Money | None, int | None]:
        path = f"/marketplace/stats/{release_id}"
        params = {"curr_abbr": currency} if currency else None
        data = self._get(path, priority=priority, params=params)
        return self._parse("GET", path, parse.parse_market_stats, data)

    # -- wantlist and database -------------------------------------------------------------------

    def wants_page(
        self,
        username: str,
        page: int = 1,
        per_page: int = 100,
        *,
        priority: int = Priority.BACKGROUND,
    ) -> Page[Want]:
        path = f"/users/{_user(username)}/wants"
        data = self._get(path, priority=priority, params={"page": page, "per_page": per_page})
        return self._parse(
            "GET", path, lambda d: parse.parse_page(d, "wants", parse.parse_want), data
        )

    def add_want(
        self,
        username: str,
        release_id: int,
        notes: str = "",
        *,
        priority: int = Priority.BACKGROUND,
    ) -> None:
        self._request(
            "PUT",
            f"/users/{_user(username)}/wants/{release_id}",
            priority=priority,
            json={"notes": notes} if notes else None,
            answer=False,
        )

    def remove_want(
        self, username: str, release_id: int, *, priority: int = Priority.BACKGROUND
    ) -> None:
        self._request(
            "DELETE",
            f"/users/{_user(username)}/wants/{release_id}",
            priority=priority,
            answer=False,
        )

    def release(self, release_id: int, *, priority: int = Priority.BACKGROUND) -> Release:
        return self._parsed(
            "GET", f"/releases/{release_id}", parse.parse_release, priority=priority
        )

    def release_community(
        self, release_id: int, *, priority: int = Priority.BACKGROUND
    ) -> Community:
        """Only the community's have/want of a release (the same request as `release`)."""
        path = f"/releases/{release_id}"
        return self._parsed("GET", path, parse.parse_community, priority=priority)

    def master(self, master_id: int, *, priority: int = Priority.BACKGROUND) -> MasterInfo:
        return self._parsed("GET", f"/masters/{master_id}", parse.parse_master, priority=priority)

    def database_search(
        self,
        *,
        query: str = "",
        catno: str = "",
        barcode: str = "",
        artist: str = "",
        title: str = "",
        format: str = "",
        year: int | None = None,
        kind: str = "release",
        per_page: int = 25,
        priority: int = Priority.BACKGROUND,
    ) -> list[SearchHit]:
        """Releases (or masters, with kind="master") matching every criterion given: one page,
        the best `per_page`."""
        params: dict[str, Any] = {"type": kind, "per_page": per_page}
        asked = {"q": query, "catno": catno, "barcode": barcode, "artist": artist, "title": title}
        params.update({k: v for k, v in asked.items() if v})
        if format:
            params["format"] = format
        if year:
            params["year"] = year
        data = self._get("/database/search", priority=priority, params=params)
        return self._parse("GET", "/database/search", parse_search_hits, data)

    def collection_value(
        self, username: str, *, priority: int = Priority.BACKGROUND
    ) -> CollectionValue:
        path = f"/users/{_user(username)}/collection/value"
        return self._parsed("GET", path, parse.parse_collection_value, priority=priority)

    # -- plumbing --------------------------------------------------------------------------------

    @staticmethod
    def _instance_path(username: str, folder_id: int, release_id: int, instance_id: int) -> str:
        return (
            f"/users/{_user(username)}/collection/folders/{folder_id}"
            f"/releases/{release_id}/instances/{instance_id}"
        )

    def _get(self, path: str, *, priority: int, params: dict[str, Any] | None = None) -> Any:
        return self._request("GET", path, priority=priority, params=params)

    def _parsed(self, method: str, path: str, parser: Callable[[Any], T], *, priority: int) -> T:
        return self._parse(method, path, parser, self._request(method, path, priority=priority))

    def _parse(self, method: str, path: str, parser: Callable[[Any], T], data: Any) -> T:
        """Runs a parser, naming the request in any BadResponse it raises."""
        try:
            return parser(data)
        except BadResponse as exc:
            message = self._scrub(exc.message)  # a parser may quote a value the server echoed
            raise BadResponse(message, status=200, request=f"{method} {path}") from None

    def _request(
        self,
        method: str,
        path: str,
        *,
        priority: int,
        params: dict[str, Any] | None = None,
        json: Any = None,
        answer: bool = True,
    ) -> Any:
        """Sends one request through the limiter; returns its decoded JSON (None if not `answer`)."""
        import httpx  # loaded with the first request (see lazy_http)

        waited = self.limiter.acquire(priority)
        with self._counts:
            self.requests_made += 1
        try:
            response = self._send(method, path, params=params, json=json)
        except httpx.TransportError as exc:
            self.limiter.observe(NO_ANSWER, {})
            reason = self._scrub(str(exc)) or "no details"
            log.warning("%s %s: no answer (%s: %s)", method, path, type(exc).__name__, reason)
            # `from None`: the httpx error holds the request, and with it the token
            raise NetworkError(f"{type(exc).__name__}: {reason}", url=self.base_url) from None
        except httpx.DecodingError as exc:
            self.limiter.observe(NO_ANSWER, {})
            raise BadResponse(
                f"the body could not be decoded ({self._scrub(str(exc))})",
                request=f"{method} {path}",
            ) from None
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as exc:
            # A request that could not even be built or sent (a header, a URL): the same
            # sentence as no answer, its text scrubbed like every other.
            self.limiter.observe(NO_ANSWER, {})
            reason = self._scrub(str(exc)) or "no details"
            raise NetworkError(f"{type(exc).__name__}: {reason}", url=self.base_url) from None
        self.limiter.observe(response.status_code, response.headers)
        status = response.status_code
        log.debug("%s %s -> %s (waited %.2f s for the rate limit)", method, path, status, waited)
        if status == 429:
            with self._counts:
                self.rate_limited += 1
        if not 200 <= status < 300:
            error = self._error(response)
            log.warning("%s %s -> %s: %s", method, path, status, error)
            raise error
        if not answer:  # 204s and other answers we do not need: never parsed
            return None
        if status == 204 or not response.content:
            raise BadResponse(
                f"it answered {status} with no content", status=status, request=f"{method} {path}"
            )
        try:
            return response.json()
        except RecursionError:  # JSON nested thousands deep: not an answer we can use
            raise BadResponse(
                "the answer is JSON nested too deeply to read",
                status=status,
                request=f"{method} {path}",
            ) from None
        except ValueError:
            kind = response.headers.get("content-type", "no content type")
            start = self._scrub(response.text[:60].strip())
            raise BadResponse(
                f"the answer is not JSON ({kind}) but starts {start!r}",
                status=status,
                request=f"{method} {path}",
            ) from None

    def _send(
        self, method: str, path: str, *, params: dict[str, Any] | None, json: Any
    ) -> httpx.Response:
        """One request, its body read in chunks until the deadline; a late one is a timeout."""
        import httpx

        give_up = time.monotonic() + self.deadline
        with self._http.stream(method, path, params=params, json=json) as streamed:
            body = bytearray()
            for chunk in streamed.iter_bytes():  # decoded (gzip) already
                body += chunk
                if time.monotonic() > give_up:
                    raise httpx.ReadTimeout(
                        f"the answer was not complete after {self.deadline:g} s "
                        f"({len(body)} bytes so far)",
                        request=streamed.request,
                    )
            # A whole response again, for the code below; its body is decoded, so say so.
            headers = streamed.headers.copy()
            headers.pop("content-encoding", None)
            headers["content-length"] = str(len(body))
            return httpx.Response(
                streamed.status_code,
                headers=headers,
                content=bytes(body),
                request=streamed.request,
                extensions=streamed.extensions,
            )

    def _error(self, response: httpx.Response) -> DiscogsError:
        # Scrubbed before decoding, so no part of the error (message, details, reason) can echo
        # the token, whatever the shape of the answer.
        try:
            payload = jsonlib.loads(self._scrub(response.text))
        except (ValueError, RecursionError):
            payload = None
        return error_for_status(
            response.status_code,
            payload,
            reason=self._scrub(response.reason_phrase),
            retry_after=parse_retry_after(response.headers),
        )

    def _scrub(self, text: str) -> str:
        """Text that came from elsewhere, with the token blanked out should it ever echo it."""
        return scrub(text)


def _listing_body(
    release_id: int,
    condition: str,
    price: Money,
    status: str,
    sleeve_condition: str | None,
    comments: str | None,
) -> dict[str, Any]:
    if condition not in CONDITIONS:
        raise ValueError(
            f"{condition!r} is not a Discogs media condition; use one of {CONDITIONS}."
        )
    if sleeve_condition is not None and sleeve_condition not in SLEEVE_CONDITIONS:
        raise ValueError(
            f"{sleeve_condition!r} is not a Discogs sleeve condition; use one of {SLEEVE_CONDITIONS}."
        )
    body: dict[str, Any] = {
        "release_id": release_id,
        "condition": condition,
        "price": float(price.decimal),
        "status": status,
    }
    if sleeve_condition is not None:
        body["sleeve_condition"] = sleeve_condition
    if comments is not None:
        body["comments"] = comments
    return body
