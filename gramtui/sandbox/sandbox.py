"""The offline Discogs: routes a request through user-agent check, rate limit, faults and auth
to its endpoint, and counts what happened. Usable in-process (`handle`, for
`httpx.MockTransport`) and behind the loopback server (`respond`)."""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import httpx

from gramtui.sandbox import endpoints as ep
from gramtui.sandbox.config import SandboxConfig
from gramtui.sandbox.database_search import database_search
from gramtui.sandbox.errors import SandboxError
from gramtui.sandbox.faults import DELIVERY, FaultDice, hostile_reply
from gramtui.sandbox.ratelimit import MovingWindow, WindowVerdict
from gramtui.sandbox.state import MSG_NOT_FOUND, SandboxState
from gramtui.sandbox.wire import DroppedConnection, SandboxReply, SandboxRequest, json_reply

Handler = Callable[[ep.Call], SandboxReply]
U = "/users/{u}"
COLLECTION = f"{U}/collection"
INSTANCE = f"{COLLECTION}/folders/{{f}}/releases/{{r}}/instances/{{i}}"
ROUTES: dict[str, dict[str, Handler]] = {
    "/oauth/identity": {"GET": ep.identity},
    f"{COLLECTION}/folders": {"GET": ep.folders, "POST": ep.create_folder},
    f"{COLLECTION}/folders/{{f}}": {
        "GET": ep.folder,
        "POST": ep.rename_folder,
        "DELETE": ep.delete_folder,
    },
    f"{COLLECTION}/fields": {"GET": ep.fields},
    f"{COLLECTION}/value": {"GET": ep.collection_value},
    f"{COLLECTION}/folders/{{f}}/releases": {"GET": ep.folder_releases},
    f"{COLLECTION}/folders/{{f}}/releases/{{r}}": {"POST": ep.add_to_folder},
    INSTANCE: {"POST": ep.edit_instance, "DELETE": ep.delete_instance},
    f"{INSTANCE}/fields/{{field}}": {"POST": ep.edit_field},
    f"{COLLECTION}/releases/{{r}}": {"GET": ep.release_instances},
    f"{U}/inventory": {"GET": ep.inventory},
    "/marketplace/listings": {"POST": ep.create_listing},
    "/marketplace/listings/{id}": {
        "GET": ep.listing,
        "POST": ep.edit_listing,
        "DELETE": ep.delete_listing,
    },
    "/marketplace/price_suggestions/{r}": {"GET": ep.price_suggestions},
    "/marketplace/stats/{r}": {"GET": ep.market_stats},
    f"{U}/wants": {"GET": ep.wants},
    f"{U}/wants/{{r}}": {"PUT": ep.add_want, "POST": ep.edit_want, "DELETE": ep.remove_want},
    "/releases/{r}": {"GET": ep.release},
    "/masters/{m}": {"GET": ep.master},
    "/masters/{m}/versions": {"GET": ep.master_versions},
    "/database/search": {"GET": database_search},
}


def _compile(template: str) -> re.Pattern[str]:
    """`/users/{u}/wants/{r}` -> a regex: the username any segment, every other name digits."""

    def group(m: re.Match[str]) -> str:
        return f"(?P<{m.group(1)}>{'[^/]+' if m.group(1) == 'u' else '[0-9]+'})"

    return re.compile("^" + re.sub(r"\{(\w+)\}", group, template) + "/?$")


COMPILED = [(template, _compile(template), methods) for template, methods in ROUTES.items()]


@dataclass
class SandboxCounters:
    """What the sandbox saw and did; read by tests and benchmarks."""

    total: int = 0
    per_endpoint: Counter[str] = field(default_factory=Counter)  # "GET /users/{u}/wants"
    per_status: Counter[int] = field(default_factory=Counter)
    rate_limited: int = 0  # 429s sent
    faults: Counter[str] = field(default_factory=Counter)  # "5xx", "drop", "stall"

    @property
    def faults_total(self) -> int:
        return sum(self.faults.values())


class Sandbox:
    """A stateful Discogs API answering from `state` under `config`."""

    def __init__(
        self,
        state: SandboxState,
        config: SandboxConfig | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.state = state
        self.config = config or SandboxConfig(username=state.username)
        state.username = self.config.username  # the config names the account being served
        self.counters = SandboxCounters()
        self._sleep = sleep
        self._dice = FaultDice(self.config)
        self._windows = {
            True: MovingWindow(self.config.rate_limit, self.config.window_seconds, clock),
            False: MovingWindow(self.config.unauth_rate_limit, self.config.window_seconds, clock),
        }
        self._lock = threading.Lock()
        self._seen = 0  # requests that reached the rate limiter
        self._answered = 0  # requests seen at all, for `hostile_after`
        self._forced_429 = 0
        self.change_answer_delay = self.config.change_answer_delay  # tests may change it live

    def force_429(self, count: int) -> None:
        """Answer the next `count` requests with 429, whatever the window says."""
        with self._lock:
            self._forced_429 += count

    # ----- transports ---------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        """For `httpx.MockTransport(sandbox.handle)`; a dropped connection raises
        httpx.RemoteProtocolError as a real one would."""
        request.read()
        req = SandboxRequest(
            request.method,
            request.url.path,
            parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True),
            {k.lower(): v for k, v in request.headers.items()},
            request.content,
        )
        base = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        try:
            reply = self.respond(req, base)
        except DroppedConnection:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None
        if reply.delivery == "reset":
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body", request=request
            )
        # A slow body is slow only over loopback (the server); in-process it arrives whole.
        return httpx.Response(reply.status, headers=reply.headers, content=reply.body)

    # ----- the pipeline -------------------------------------------------------------------

    def _route(self, req: SandboxRequest) -> tuple[str, dict[str, Handler], dict[str, str]]:
        for template, pattern, methods in COMPILED:
            match = pattern.match(req.path)
            if match:
                return template, methods, match.groupdict()
        return "?", {}, {}

    def _auth(self, req: SandboxRequest) -> str:
        token = req.param("token")
        header = req.headers.get("authorization", "")
        match = re.match(r"\s*Discogs\s+token\s*=\s*(\S+)", header)
        if match:
            token = match.group(1)
        if token is None:
            return "none"
        return "valid" if token == self.config.token else "invalid"

    def respond(self, req: SandboxRequest, base: str) -> SandboxReply:
        """Answer one request; raises DroppedConnection when the fault dice say so. Once
        `hostile_after` requests were answered, a hostile mode answers instead (or mangles how
        the answer is delivered)."""
        mode = self.config.hostile
        with self._lock:
            hostile = bool(mode) and self._answered >= self.config.hostile_after
            self._answered += 1
        if not hostile:
            return self._respond(req, base)
        self._count_fault(mode)
        if mode not in DELIVERY:
            with self._lock:
                self.counters.total += 1
            return self._finish(hostile_reply(self.config), self._windows[True].peek())
        reply = self._respond(req, base)
        reply.delivery = DELIVERY[mode]
        return reply

    def _respond(self, req: SandboxRequest, base: str) -> SandboxReply:
        template, methods, params = self._route(req)
        with self._lock:
            self.counters.total += 1
            self.counters.per_endpoint[f"{req.method} {template}"] += 1
        if self.config.latency:
            self._sleep(self.config.latency)
        roll = self._dice.roll()
        if roll.stall:
            self._count_fault("stall")
            self._sleep(self.config.stall_seconds)
        if roll.drop:  # before the rate limiter: the request never reached the API
            self._count_fault("drop")
            raise DroppedConnection
        auth = self._auth(req)
        window = self._windows[auth == "valid"]
        if not req.headers.get("user-agent", "").strip():
            # Documented: without a User-Agent Discogs gives an empty response.
            return self._finish(SandboxReply(403), window.peek())
        verdict = self._admit(window)
        if not verdict.allowed:
            reply = json_reply(429, {"message": "You are making requests too quickly."})
            if self.config.retry_after:
                reply.headers["retry-after"] = str(verdict.retry_after)
            return self._finish(reply, verdict)
        if roll.error:
            self._count_fault("5xx")
            return self._finish(self._dice.server_error(roll.error_kind), verdict)
        reply = self._dispatch(req, base, auth, methods, params)
        if req.method != "GET" and 200 <= reply.status < 300 and self.change_answer_delay:
            self._sleep(self.change_answer_delay)  # applied already; only the answer is late
        return self._finish(reply, verdict)

    def _admit(self, window: MovingWindow) -> WindowVerdict:
        with self._lock:
            self._seen += 1
            start = self.config.burst_429_after
            in_burst = start < self._seen <= start + self.config.burst_429
            forced = self._forced_429 > 0 or in_burst
            if self._forced_429 > 0:
                self._forced_429 -= 1
        if forced:
            now = window.peek()
            return WindowVerdict(False, now.limit, now.used, now.remaining, 1)
        return window.take()

    def _dispatch(
        self,
        req: SandboxRequest,
        base: str,
        auth: str,
        methods: dict[str, Handler],
        params: dict[str, str],
    ) -> SandboxReply:
        if not methods:
            return json_reply(404, {"message": MSG_NOT_FOUND})
        handler = methods.get(req.method)
        if handler is None:
            reply = json_reply(405, {"message": "The method is not allowed for the requested URL."})
            reply.headers["allow"] = ", ".join(sorted(methods))
            return reply
        call = ep.Call(req, self.state, self.config, base, auth, params)
        try:
            return handler(call)
        except SandboxError as error:
            reply = json_reply(error.status, error.body())
            if error.status == 401:
                reply.headers["www-authenticate"] = 'OAuth realm="https://api.discogs.com"'
            return reply

    def _with_suffix(self, reply: SandboxReply) -> SandboxReply:
        try:
            payload = json.loads(reply.body)
        except ValueError:
            return reply  # not JSON (a proxy's HTML page): left as it is
        if isinstance(payload, dict) and isinstance(payload.get("message"), str):
            payload["message"] += self.config.error_message_suffix
            reply.body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return reply

    def _count_fault(self, kind: str) -> None:
        with self._lock:
            self.counters.faults[kind] += 1

    def _finish(self, reply: SandboxReply, verdict: WindowVerdict) -> SandboxReply:
        reply.headers.update(verdict.headers())
        if self.config.error_message_suffix and reply.status >= 400:
            reply = self._with_suffix(reply)
        with self._lock:
            self.counters.per_status[reply.status] += 1
            if reply.status == 429:
                self.counters.rate_limited += 1
        return reply
