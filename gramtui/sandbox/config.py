"""How the sandbox behaves: who it accepts, how fast it lets you go, and what goes wrong."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from gramtui.sandbox.errors import SandboxConfigError
from gramtui.sandbox.lying_pages import MODES as LYING_MODES

BAD_MARKETS = ("", "zero", "negative", "huge", "currency")

# A server that never gives a useful answer again (the faults above are occasional ones).
HOSTILE_MODES = (
    "429_forever",
    "429_no_retry_after",
    "429_long_retry_after",
    "503_html",
    "slow_body",
    "reset_mid_body",
)


@dataclass(frozen=True)
class SandboxConfig:
    username: str = "demo"
    token: str = "sandbox-token"  # the one accepted personal access token
    rate_limit: int = 60  # requests per window, authenticated
    unauth_rate_limit: int = 25
    window_seconds: float = 60.0
    retry_after: bool = True  # send Retry-After on 429 (Discogs does not document it)
    error_rate: float = 0.0  # share of requests answered with a 5xx
    drop_rate: float = 0.0  # share of connections closed without an answer
    latency: float = 0.0  # seconds added to every request
    stall_rate: float = 0.0  # share of requests that hang for stall_seconds first
    stall_seconds: float = 0.0
    burst_429: int = 0  # answer this many requests in a row with 429 ...
    burst_429_after: int = 0  # ... starting after this many requests
    seed: int = 0  # for the fault dice
    # Seconds the answer to a change (POST/PUT/DELETE) is held after the change was applied: the
    # window in which a client killed has changed Discogs without knowing it (crash tests).
    change_answer_delay: float = 0.0
    # Appended to the message of every error answer: a server quoting hostile input back (e.g.
    # escape codes), for the tests that nothing from Discogs reaches the terminal raw.
    error_message_suffix: str = ""
    seller_settings: bool = True  # False: price suggestions answer 403
    bad_market: str = ""  # "zero", "negative", "huge" (10^9) or "currency" (EUR): odd figures
    consumer_name: str = "gramtui sandbox"
    pagination_lie: str = ""  # a hostile pagination mode (sandbox/lying_pages.py), "" for none
    hostile: str = ""  # a hostile server mode (sandbox/faults.py HOSTILE_MODES), "" for none
    hostile_after: int = 0  # requests answered normally before the hostility starts
    hostile_retry_after: int = 999999  # seconds, for hostile = "429_long_retry_after"
    slow_body_interval: float = 1.0  # seconds per byte, for hostile = "slow_body"

    def __post_init__(self) -> None:
        for name in ("error_rate", "drop_rate", "stall_rate"):
            share = getattr(self, name)
            if not 0.0 <= share <= 1.0:
                raise SandboxConfigError(f"{name} is {share}; give a share between 0 and 1.")
        for name in ("latency", "stall_seconds", "window_seconds", "change_answer_delay"):
            if getattr(self, name) < 0:
                raise SandboxConfigError(f"{name} is negative; give 0 or more seconds.")
        if self.bad_market not in BAD_MARKETS:
            raise SandboxConfigError(
                f"bad_market is {self.bad_market!r}; give one of "
                f"{', '.join(repr(m) for m in BAD_MARKETS)}."
            )
        if self.pagination_lie and self.pagination_lie not in LYING_MODES:
            raise SandboxConfigError(
                f"pagination_lie is {self.pagination_lie!r}; known: {', '.join(LYING_MODES)}."
            )
        if self.hostile and self.hostile not in HOSTILE_MODES:
            raise SandboxConfigError(
                f"hostile is {self.hostile!r}; known: {', '.join(HOSTILE_MODES)}."
            )
        if self.rate_limit < 1 or self.unauth_rate_limit < 1:
            raise SandboxConfigError("rate limits must allow at least one request per window.")

    @classmethod
    def with_faults(cls, faults: dict[str, Any], **settings: Any) -> SandboxConfig:
        """A config from a dict of setting names (e.g. from the command line); unknown names
        are refused with the list of known ones."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(faults) - known)
        if unknown:
            raise SandboxConfigError(
                f"Unknown sandbox setting {', '.join(unknown)}; known: {', '.join(sorted(known))}."
            )
        return cls(**{**settings, **faults})
