"""Typed errors for everything that can go wrong talking to Discogs.

Each error keeps what the server said in `.message`, its HTTP status in `.status`, and whether the
queue should try again in `.retryable`; `str(error)` is one sentence a user can act on. None of
them ever carries the token: they are built from the server's words and our own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _quoted(status: int | None, message: str) -> str:
    """`404: The requested folder does not exist` (the status alone when the server said nothing)."""
    said = message.strip().rstrip(".")
    if status is None:
        return said
    return f"{status}: {said}" if said else str(status)


class DiscogsError(Exception):
    """Discogs answered with an error no more specific class describes (e.g. 400, 405)."""

    retryable: bool = False

    def __init__(self, message: str = "", *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status

    def __str__(self) -> str:
        return f"Discogs refused the request ({_quoted(self.status, self.message)})."


class Unauthorized(DiscogsError):
    def __init__(self, message: str = "", *, status: int | None = 401) -> None:
        super().__init__(message, status=status)

    def __str__(self) -> str:
        return (
            f"Discogs refused the token ({self.status}): check DISCOGS_TOKEN "
            "or run gramtui again to enter a new one."
        )


class BadToken(DiscogsError):
    """A token of the wrong form (a line break, a non-ASCII character): refused before it is sent.
    `.message` says what is wrong without quoting the token."""

    def __str__(self) -> str:
        return self.message


class Forbidden(DiscogsError):
    def __init__(self, message: str = "", *, status: int | None = 403) -> None:
        super().__init__(message, status=status)

    def __str__(self) -> str:
        return (
            f"Discogs does not allow this to the token's account "
            f"({_quoted(self.status, self.message)}): it must belong to the owner of the "
            "collection or inventory, and selling needs seller settings on Discogs."
        )


class NotFound(DiscogsError):
    def __init__(self, message: str = "", *, status: int | None = 404) -> None:
        super().__init__(message, status=status)

    def __str__(self) -> str:
        return (
            f"Discogs has no such thing ({_quoted(self.status, self.message)}); "
            "it may have been deleted or moved on Discogs since the last sync."
        )


class Unprocessable(DiscogsError):
    """422. `details` holds the messages of the newer `{"detail": [...]}` validation shape."""

    def __init__(
        self, message: str = "", *, status: int | None = 422, details: Sequence[str] = ()
    ) -> None:
        super().__init__(message, status=status)
        self.details = tuple(details)

    def __str__(self) -> str:
        said = "; ".join(self.details) if self.details else self.message
        return f"Discogs rejected the request as invalid ({_quoted(self.status, said)})."


class RateLimited(DiscogsError):
    retryable = True

    def __init__(
        self, message: str = "", *, status: int | None = 429, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status=status)
        self.retry_after = retry_after

    def __str__(self) -> str:
        pause = (
            f"wait {self.retry_after:g} s before trying again"
            if self.retry_after is not None
            else "slow down before trying again"
        )
        return f"Discogs says requests are coming too quickly ({self.status}); {pause}."


class ServerError(DiscogsError):
    retryable = True

    def __str__(self) -> str:
        return (
            f"Discogs had a problem of its own ({_quoted(self.status, self.message)}); "
            "try again in a little while."
        )


class NetworkError(DiscogsError):
    """No answer at all: the connection failed, dropped, or timed out. `.status` is None."""

    retryable = True

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message, status=None)
        self.url = url

    def __str__(self) -> str:
        return (
            f"Could not get an answer from Discogs at {self.url} ({self.message}); "
            "check the network connection (or GRAMTUI_DISCOGS_URL) and try again."
        )


class BadResponse(DiscogsError):
    """An answer of the wrong shape. `.message` says what was wrong, `.request` which call it was."""

    def __init__(self, message: str, *, status: int | None = None, request: str = "") -> None:
        super().__init__(message, status=status)
        self.request = request

    def __str__(self) -> str:
        to = f" to {self.request}" if self.request else ""
        return f"Discogs sent an answer gramtui cannot read{to}: {self.message}."


def _detail_messages(detail: Any) -> list[str]:
    """`[{"msg": "...", "loc": ["body", "value"]}]` -> `["... (at body.value)"]`."""
    if not isinstance(detail, list):
        return []
    out = []
    for entry in detail:
        if isinstance(entry, dict) and entry.get("msg"):
            loc = entry.get("loc")
            where = ".".join(str(p) for p in loc) if isinstance(loc, list) and loc else ""
            out.append(f"{entry['msg']} (at {where})" if where else str(entry["msg"]))
    return out


def error_for_status(
    status: int, payload: Any, *, reason: str = "", retry_after: float | None = None
) -> DiscogsError:
    """The typed error for a non-2xx answer; `payload` is its decoded JSON body (None if not JSON)."""
    message = ""
    if isinstance(payload, dict) and isinstance(payload.get("message"), str):
        message = payload["message"]
    message = message or reason
    if status == 401:
        return Unauthorized(message)
    if status == 403:
        return Forbidden(message)
    if status == 404:
        return NotFound(message)
    if status == 422:
        details = _detail_messages(payload.get("detail")) if isinstance(payload, dict) else []
        return Unprocessable(message, details=details)
    if status == 429:
        return RateLimited(message, retry_after=retry_after)
    if status >= 500:
        return ServerError(message, status=status)
    return DiscogsError(message, status=status)
