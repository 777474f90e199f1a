"""Helpers for the sandbox tests: recorded bodies, an in-process client (the fake clock is
tests/helpers/clock.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from gramtui.sandbox import Sandbox

RECORDED = Path(__file__).parent / "recorded"
TOKEN = "sandbox-token"
UA = "gramtui-tests/0.1 +https://example.invalid/gramtui"


def recorded(name: str) -> Any:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


def client(
    sandbox: Sandbox,
    token: str | None = TOKEN,
    base: str = "https://api.discogs.com",
) -> httpx.Client:
    headers = {"User-Agent": UA}
    if token is not None:
        headers["Authorization"] = f"Discogs token={token}"
    return httpx.Client(
        transport=httpx.MockTransport(sandbox.handle), base_url=base, headers=headers
    )
