"""Requests and replies as the sandbox sees them, independent of httpx or http.server."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from gramtui.sandbox.errors import InvalidError, NotFoundError

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100


class DroppedConnection(Exception):
    """The fault injector chose to close this connection without answering."""


@dataclass(frozen=True)
class SandboxRequest:
    method: str
    path: str
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # lowercase names
    body: bytes = b""

    def param(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.query:
            if key == name:
                return value
        return default

    def form(self) -> dict[str, Any]:
        """The request's parameters: query string overlaid by a JSON or form-encoded body."""
        out: dict[str, Any] = dict(self.query)
        text = self.body.decode("utf-8", "replace").strip()
        if not text:
            return out
        if text.startswith("{") or "json" in self.headers.get("content-type", ""):
            try:
                parsed = json.loads(text)
            except ValueError:
                raise InvalidError("Malformed JSON in the request body.") from None
            if not isinstance(parsed, dict):
                raise InvalidError("The request body must be a JSON object.")
            out.update(parsed)
        else:
            out.update(parse_qsl(text, keep_blank_values=True))
        return out


@dataclass
class SandboxReply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delivery: str = ""  # "" whole; "slow": a byte at a time; "reset": cut off mid-body


def json_reply(
    status: int,
    payload: object,
    headers: dict[str, str] | None = None,
) -> SandboxReply:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return SandboxReply(status, body, {"content-type": "application/json", **(headers or {})})


def empty_reply(status: int = 204) -> SandboxReply:
    return SandboxReply(status)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Page:
    start: int
    end: int
    pagination: dict[str, Any]
    link: str


def paginate(request: SandboxRequest, base: str, total: int) -> Page:
    """Discogs paging: per_page clamped to 1..100 (default 50), `urls` and a `Link` header only
    for pages that exist, and 404 for a page outside the range."""
    per_page = min(MAX_PER_PAGE, max(1, _int(request.param("per_page"), DEFAULT_PER_PAGE)))
    pages = max(1, -(-total // per_page))
    page = _int(request.param("page"), 1)
    if not 1 <= page <= pages:
        raise NotFoundError(f"Page {page} is outside of valid range [1, {pages}].")
    kept = [(k, str(per_page) if k == "per_page" else v) for k, v in request.query if k != "page"]
    if not any(k == "per_page" for k, _ in kept):
        kept.append(("per_page", str(per_page)))

    def url(n: int) -> str:
        return f"{base}{request.path}?{urlencode([*kept, ('page', str(n))])}"

    urls: dict[str, str] = {}
    if page > 1:
        urls["first"] = url(1)
        urls["prev"] = url(page - 1)
    if page < pages:
        urls["next"] = url(page + 1)
        urls["last"] = url(pages)
    pagination = {"page": page, "pages": pages, "per_page": per_page, "items": total, "urls": urls}
    link = ", ".join(f'<{u}>; rel="{rel}"' for rel, u in urls.items())
    start = (page - 1) * per_page
    return Page(start, min(total, start + per_page), pagination, link)
