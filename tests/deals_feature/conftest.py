"""A deals world: the Discogs and eBay sandboxes over loopback, a session on a real SQLite file
whose store holds a few wants (with their Discogs price suggestions), and eBay credentials."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers.clock import FakeClock

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.domain.marketplace import Want
from gramtui.domain.money import Money
from gramtui.engine.setup import Session, open_session
from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
from gramtui.sandbox import market as sandbox_market
from gramtui.sandbox.ebay import CLIENT_ID, CLIENT_SECRET, EbaySandbox, seed_listings
from gramtui.settings.config import Config
from gramtui.settings.paths import Paths
from gramtui.store import marketplace
from gramtui.store.wants import save_discogs_want

WANTS = 6


@dataclass
class World:
    ebay: EbaySandbox
    ebay_url: str
    discogs_url: str
    want_ids: list[int]
    tmp: Path
    sessions: list[Session]
    # real time from now on, plus what tests skip with clock.advance(...)
    clock: FakeClock = field(default_factory=lambda: FakeClock(datetime.now(UTC), ticking=True))
    windows: FakeClock = field(default_factory=lambda: FakeClock(ticking=True))  # rate windows
    runs: pytest.TempPathFactory | None = None  # where things built once per run are kept

    def open(self, config: Config | None = None, backoff: float = 0.01) -> Session:
        for s in self.sessions:
            s.close()
        self.sessions.clear()
        config = config or Config()
        config.ebay.url = self.ebay_url
        session = open_session(
            Paths(self.tmp / "data", self.tmp / "config.toml"),
            config=config,
            token="sandbox-token",
            base_url=self.discogs_url,
            log_to_file=False,
            daily_backup=False,
            limiter=RateLimiter(
                limit=60, window=2.0, clock=self.windows.monotonic, sleep=self.windows.sleep
            ),
            backoff_base=backoff,
            clock=self.clock,
        )
        self.sessions.append(session)
        return session


def _seed_store(state: Any, want_ids: list[int], now: Any) -> None:
    for rid in want_ids:
        r = state.releases[rid]
        save_discogs_want(
            Want(
                rid,
                title=r.title,
                artist=r.artist_credit,
                format=", ".join(f.name for f in r.formats),
                master_id=r.master_id or None,
            )
        )
        mint = sandbox_market.mint_value(rid) or 20.0
        suggestions = {
            grade: Money.from_value(round(mint * ratio, 2), "USD")
            for grade, ratio in zip(
                (
                    "Mint (M)",
                    "Near Mint (NM or M-)",
                    "Very Good Plus (VG+)",
                    "Very Good (VG)",
                    "Good Plus (G+)",
                    "Good (G)",
                    "Fair (F)",
                    "Poor (P)",
                ),
                sandbox_market.GRADE_RATIOS,
                strict=True,
            )
        }
        marketplace.save_suggestions(rid, suggestions, now)


@pytest.fixture
def world(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[World]:
    monkeypatch.setenv("EBAY_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("EBAY_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.delenv("GRAMTUI_EBAY_URL", raising=False)
    state = build_state()
    want_ids = sorted(state.wants)[:WANTS]
    ebay = EbaySandbox(seed_listings(state, (), seed=12))
    ebay.listings = [
        x
        for x in ebay.listings
        if any(state.releases[r].title.lower() in x.title.lower() for r in want_ids)
        or x.kind in ("unrelated", "hostile")
    ]
    windows = FakeClock(ticking=True)
    discogs = serve(Sandbox(state, SandboxConfig(window_seconds=2.0), clock=windows.monotonic))
    ebay_server = serve(ebay)  # type: ignore[arg-type]
    w = World(
        ebay, ebay_server.url, discogs.url, want_ids, tmp_path, [], windows=windows,
        runs=tmp_path_factory,
    )  # fmt: skip
    session = w.open()
    _seed_store(state, want_ids, session.engine.clock())
    yield w
    for s in w.sessions:
        s.close()
    for server in (discogs, ebay_server):
        with contextlib.suppress(Exception):
            server.close()


@pytest.fixture
def poll() -> Callable[[Session], Any]:
    from gramtui.engine import deals

    def run(session: Session) -> Any:
        return deals.poll_round(session.engine, session.runner)

    return run


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Textual runs on asyncio
