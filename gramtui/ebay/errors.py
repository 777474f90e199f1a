"""Typed errors for eBay. `str(error)` is one sentence a user can act on; eBay's own message is
kept in `.message`. None of them ever carries the client secret or a token."""

from __future__ import annotations

from typing import Any


class EbayError(Exception):
    """eBay answered with an error no more specific class describes (e.g. 400 for a bad filter)."""

    retryable: bool = False
    retry_after: float | None = None

    def __init__(self, message: str = "", *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status

    def _said(self) -> str:
        said = self.message.strip().rstrip(".")
        if self.status is None:
            return said
        return f"{self.status}: {said}" if said else str(self.status)

    def __str__(self) -> str:
        return f"eBay refused the request ({self._said()})."


class EbayUnauthorized(EbayError):
    def __str__(self) -> str:
        return (
            f"eBay refused the application credentials ({self._said()}): check "
            "EBAY_CLIENT_ID and EBAY_CLIENT_SECRET, or enter them again in the app."
        )


class EbayNoCredentials(EbayError):
    def __init__(self, where: str) -> None:
        super().__init__("no credentials")
        self.where = where

    def __str__(self) -> str:
        return (
            "No eBay credentials: set EBAY_CLIENT_ID and EBAY_CLIENT_SECRET, or write the id "
            f"and the secret on two lines in {self.where} (mode 0600)."
        )


class EbayRateLimited(EbayError):
    retryable = True

    def __init__(
        self, message: str = "", *, status: int | None = 429, retry_after: float | None = None
    ) -> None:
        super().__init__(message, status=status)
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"eBay says calls are coming too quickly ({self._said()}); trying again later."


class EbayServerError(EbayError):
    retryable = True

    def __str__(self) -> str:
        return f"eBay had a problem of its own ({self._said()}); trying again later."


class EbayNetworkError(EbayError):
    retryable = True

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url

    def __str__(self) -> str:
        return (
            f"Could not get an answer from eBay at {self.url} ({self.message}); check the "
            "network connection (or GRAMTUI_EBAY_URL); trying again later."
        )


class EbayBadResponse(EbayError):
    def __str__(self) -> str:
        return (
            f"eBay sent an answer gramtui cannot read ({self._said()}); the next poll tries again."
        )


class BudgetExhausted(EbayError):
    """The day's calls are spent: nothing is sent until the budget's day turns."""

    retryable = True
    retry_after: float  # always known: the budget's day turns at a set time

    def __init__(self, limit: int, retry_after: float) -> None:
        super().__init__(f"all {limit} calls of today's eBay budget are used")
        self.limit = limit
        self.retry_after = retry_after

    def __str__(self) -> str:
        hours = self.retry_after / 3600
        return (
            f"The daily eBay budget of {self.limit} calls is used up; searches resume in "
            f"{hours:.1f} h (raise [ebay] daily_budget to allow more)."
        )


def ebay_message(payload: Any) -> str:
    """eBay's words from `{"errors": [{message, longMessage}]}` or the OAuth `{error,
    error_description}` shape."""
    if isinstance(payload, dict):
        errors = payload.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0]
            return str(first.get("longMessage") or first.get("message") or "")
        if isinstance(payload.get("error"), str):
            desc = payload.get("error_description")
            return f"{payload['error']}: {desc}" if isinstance(desc, str) else payload["error"]
    return ""


def error_for_status(
    status: int, payload: Any, *, reason: str = "", retry_after: float | None = None
) -> EbayError:
    message = ebay_message(payload) or reason
    if status == 401:
        return EbayUnauthorized(message, status=status)
    if status == 429:
        return EbayRateLimited(message, retry_after=retry_after)
    if status >= 500:
        return EbayServerError(message, status=status)
    return EbayError(message, status=status)
