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
            return json_reply(500, {"message": f"An internal server error occurred. "
                                               f"(Error code: {code})"})
        if kind < 0.8:
            html = b"<html><head><title>502 Bad Gateway</title></head><body>" \
                   b"<center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center>" \
                   b"</body></html>"
            return SandboxReply(502, html, {"content-type": "text/html"})
        return json_reply(503, {"message": "The service is temporarily unavailable. "
                                           "Please try again later."})
