"""A synced session against the sandbox over loopback, on a real SQLite file, with a movable
clock and the sales handlers and after-sync hook wired in as the app wires them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from helpers.clock import FakeClock

from gramtui.engine import sales, sync
from gramtui.engine.setup import Session
from gramtui.engine.sync import request_sync
from gramtui.settings.config import Config

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class World:
    server: object
    session: Session
    clock: FakeClock
    reopen: Callable[[], Session]

    @property
    def state(self):  # the sandbox's account: play "the user (or a buyer) on Discogs"
        return self.server.sandbox.state  # type: ignore[attr-defined]

    @property
    def engine(self):
        return self.session.engine

    def sync(self, drain: Callable[..., None]) -> None:
        request_sync(self.engine, "full")
        drain(self.session)


@pytest.fixture
def world(sandbox_server, make_session, drain, monkeypatch) -> World:
    """Ten listings (eight For Sale), synced at START with sales automation on."""
    monkeypatch.setattr(sync, "AFTER_SYNC", [sales.after_sync])
    server = sandbox_server(instances=30, listings=10, wants=0)
    clock = FakeClock(START)
    config = Config()
    config.automation.sales = True
    # These tests walk the ladder over weeks without syncing, all listings stepping together:
    # the market age limit and the apply bound have tests of their own (test_sales_money.py).
    config.sync.market_max_age_days = 3650
    config.sales.apply_max_share = Decimal(100)
    config.sales.apply_max_count = 1000

    def reopen() -> Session:
        session = make_session(server.url, clock=clock, config=config)
        session.runner.handlers.update(sales.HANDLERS)
        w.session = session
        return session

    w = World(server, None, clock, reopen)  # type: ignore[arg-type]
    reopen()
    w.sync(drain)
    return w


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Textual runs on asyncio
