"""The offline eBay: the OAuth client-credentials token and item_summary/search, with eBay's
error shapes, token expiry, paging, and injectable faults. Answers `respond(request, base)` like
the Discogs sandbox, so the same loopback server (gramtui.sandbox.serve) serves it."""

from __future__ import annotations

import base64
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode

from gramtui.sandbox.ebay.listings import SandboxListing
from gramtui.sandbox.wire import DroppedConnection, SandboxReply, SandboxRequest, json_reply

CLIENT_ID = "gramtui-sandbox-client"
CLIENT_SECRET = "gramtui-sandbox-secret"
SEARCH = "/buy/browse/v1/item_summary/search"
TOKEN = "/identity/v1/oauth2/token"


def _error(
    status: int, error_id: int, message: str, category: str = "REQUEST", domain: str = "API_BROWSE"
) -> SandboxReply:
    return json_reply(
        status,
        {
            "errors": [
                {"errorId": error_id, "domain": domain, "category": category, "message": message}
            ]
        },
    )


@dataclass
class EbaySandboxConfig:
    token_seconds: int = 7200
    error_rate: float = 0.0  # share of searches answered with a 5xx
    drop_rate: float = 0.0  # share of connections closed without an answer
    seed: int = 0


@dataclass
class EbayCounters:
    total: int = 0
    tokens: int = 0
    searches: int = 0
    per_status: Counter[int] = field(default_factory=Counter)


class EbaySandbox:
    def __init__(
        self,
        listings: list[SandboxListing],
        config: EbaySandboxConfig | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.listings = list(listings)
        self.config = config or EbaySandboxConfig()
        self.counters = EbayCounters()
        self._clock = clock
        self._tokens: dict[str, float] = {}
        self._lock = threading.Lock()
        self._rng = random.Random(self.config.seed)
        self._forced: list[tuple[int, str]] = []
        self._expire_after = 0  # (status or 0 for a drop / -1 bad shape, message)

    # -- what tests do to it -----------------------------------------------------------------

    def expire_tokens(self, after_searches: int = 0) -> None:
        """Every token issued so far ends now, or after that many more searches (mid-poll)."""
        with self._lock:
            if after_searches:
                self._expire_after = after_searches
            else:
                self._tokens.clear()

    def force(self, *faults: tuple[int, str]) -> None:
        """The next searches answer these: (401|429|500|503, message), (0, "") drops the
        connection, (-1, "") sends a wrong shape."""
        with self._lock:
            self._forced.extend(faults)

    def add(self, listing: SandboxListing) -> None:
        with self._lock:
            self.listings.append(listing)
            self.listings.sort(key=lambda x: x.created, reverse=True)

    # -- the pipeline ------------------------------------------------------------------------

    def respond(self, req: SandboxRequest, base: str) -> SandboxReply:
        with self._lock:
            self.counters.total += 1
        if req.path.rstrip("/") == TOKEN and req.method == "POST":
            reply = self._token(req)
        elif req.path.rstrip("/") == SEARCH and req.method == "GET":
            reply = self._search(req, base)
        else:
            reply = _error(404, 11000, "The requested resource was not found.")
        with self._lock:
            self.counters.per_status[reply.status] += 1
        return reply

    def _token(self, req: SandboxRequest) -> SandboxReply:
        header = req.headers.get("authorization", "")
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        form = dict(parse_qsl(req.body.decode("utf-8", "replace")))
        if header != f"Basic {expected}":
            return json_reply(
                401,
                {"error": "invalid_client", "error_description": "client authentication failed"},
            )
        if form.get("grant_type") != "client_credentials":
            return json_reply(
                400,
                {
                    "error": "unsupported_grant_type",
                    "error_description": "grant type in request is not supported by the authorization server",
                },
            )
        with self._lock:
            self.counters.tokens += 1
            token = f"v^1.1#i^1#sandbox-{self.counters.tokens}-{self._rng.getrandbits(32):08x}"
            self._tokens[token] = self._clock() + self.config.token_seconds
        return json_reply(
            200,
            {
                "access_token": token,
                "expires_in": self.config.token_seconds,
                "token_type": "Application Access Token",
            },
        )

    def _search(self, req: SandboxRequest, base: str) -> SandboxReply:
        with self._lock:
            self.counters.searches += 1
            if self._expire_after:
                self._expire_after -= 1
                if not self._expire_after:
                    self._tokens.clear()
            forced = self._forced.pop(0) if self._forced else None
            roll = self._rng.random(), self._rng.random()
        if forced and forced[0] == 0 or roll[0] < self.config.drop_rate:
            raise DroppedConnection
        match = re.match(r"Bearer (\S+)", req.headers.get("authorization", ""))
        with self._lock:
            until = self._tokens.get(match.group(1)) if match else None
        if forced and forced[0] == 401 or until is None or until < self._clock():
            return _error(401, 1001, "Invalid access token", domain="OAuth")
        if forced and forced[0] == 429:
            reply = _error(
                429,
                2001,
                "Too many requests. The request limit has been reached for the resource.",
                category="REQUEST",
            )
            reply.headers["retry-after"] = forced[1] or "30"
            return reply
        if forced and forced[0] >= 500 or roll[1] < self.config.error_rate:
            status = forced[0] if forced else 500
            return _error(
                status,
                10001,
                "There was a problem with an eBay internal system or "
                "process. Contact eBay developer support for assistance.",
                category="APPLICATION",
            )
        if forced and forced[0] == -1:
            return json_reply(200, {"href": "x", "itemSummaries": "not a list"})
        if not req.headers.get("x-ebay-c-marketplace-id"):
            return _error(400, 12001, "The marketplace header is missing.")
        return self._results(req, base)

    def _results(self, req: SandboxRequest, base: str) -> SandboxReply:
        q = (req.param("q") or "").strip()
        if not q:
            return _error(400, 12001, "The 'q' or 'category_ids' parameter is required.")
        try:
            limit = int(req.param("limit") or "50")
            offset = int(req.param("offset") or "0")
        except ValueError:
            return _error(400, 12006, "The 'limit' or 'offset' value is invalid.")
        if not 1 <= limit <= 200 or offset < 0 or offset + limit > 10_000:
            return _error(
                400,
                12006,
                "The 'limit' value must be between 1 and 200, and offset + limit at most 10000.",
            )
        words = [w for w in re.findall(r"\w+", q.lower())]
        category = req.param("category_ids") or ""
        filters = req.param("filter") or ""
        options = re.search(r"buyingOptions:\{([^}]*)\}", filters)
        allowed = set(options.group(1).split("|")) if options else {"FIXED_PRICE", "BEST_OFFER"}
        price = re.search(r"price:\[([\d.]*)\.\.([\d.]*)\]", filters)
        with self._lock:
            found = [
                x
                for x in self.listings
                if all(w in re.findall(r"\w+", x.title.lower()) for w in words)
                and (not category or x.category_id == category)
                and allowed.intersection(x.buying_options)
                and (not price or _in_range(x.price, price.group(1), price.group(2)))
            ]
        page = found[offset : offset + limit]
        kept = [(k, v) for k, v in req.query if k != "offset"]
        href = f"{base}{SEARCH}?{urlencode([*kept, ('offset', str(offset))])}"
        body: dict[str, object] = {
            "href": href,
            "total": len(found),
            "limit": limit,
            "offset": offset,
        }
        if offset + limit < len(found):
            body["next"] = f"{base}{SEARCH}?{urlencode([*kept, ('offset', str(offset + limit))])}"
        if offset > 0:
            body["prev"] = (
                f"{base}{SEARCH}?{urlencode([*kept, ('offset', str(max(0, offset - limit)))])}"
            )
        if page:
            body["itemSummaries"] = [x.summary(base) for x in page]
        return json_reply(200, body)


def _in_range(value: Decimal, low: str, high: str) -> bool:
    return (not low or value >= Decimal(low)) and (not high or value <= Decimal(high))
