"""Seeded dice for the faults a real network and server throw at a client."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

from gramtui.sandbox.config import SandboxConfig
from gramtui.sandbox.wire import SandboxReply, json_reply


@dataclass(frozen=True, slots=True)
class FaultRoll:
    drop: bool
    stall: bool
    error: bool
    error_kind: float  # picks which 5xx when `error`


class FaultDice:
    """Rolls all three dice for every request, so one seed gives one sequence of faults."""

    def __init__(self, config: SandboxConfig) -> None:
        self._config = config
        self._rng = random.Random(config.seed)
        self._lock = threading.Lock()

    def roll(self) -> FaultRoll:
        c = self._config
        with self._lock:
            drop, stall, error, kind = (self._rng.random() for _ in range(4))
        return FaultRoll(drop < c.drop_rate, stall < c.stall_rate, error < c.error_rate, kind)

    @staticmethod
    def server_error(kind: float) -> SandboxReply:
        """A 5xx as Discogs and its proxy send them: JSON with an error code, or proxy HTML."""
        code = f"{int(kind * 0xFFFFFFFF):08x}"
        if kind < 0.6:
            return json_reply(
                500, {"message": f"An internal server error occurred. (Error code: {code})"}
            )
        if kind < 0.8:
            html = (
                b"<html><head><title>502 Bad Gateway</title></head><body>"
                b"<center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center>"
                b"</body></html>"
            )
            return SandboxReply(502, html, {"content-type": "text/html"})
        return json_reply(
            503, {"message": "The service is temporarily unavailable. Please try again later."}
        )


SERVICE_UNAVAILABLE_HTML = (
    b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>"
    b"<h1>Service Unavailable</h1><p>The server is temporarily unable to service your request "
    b"due to maintenance downtime or capacity problems.</p></body></html>"
)


# Hostile modes that mangle how the real answer is delivered, and how the server delivers it.
DELIVERY = {"slow_body": "slow", "reset_mid_body": "reset"}


def hostile_reply(config: SandboxConfig) -> SandboxReply:
    """The answer a hostile server sends instead of the real one (modes not in DELIVERY)."""
    mode = config.hostile
    too_quick = {"message": "You are making requests too quickly."}
    if mode == "429_forever":
        return json_reply(429, too_quick, {"retry-after": "1"})
    if mode == "429_no_retry_after":
        return json_reply(429, too_quick)
    if mode == "429_long_retry_after":
        return json_reply(429, too_quick, {"retry-after": str(config.hostile_retry_after)})
    if mode == "503_html":
        return SandboxReply(503, SERVICE_UNAVAILABLE_HTML, {"content-type": "text/html"})
    raise ValueError(f"{mode!r} is not a hostile mode that replaces the answer")
