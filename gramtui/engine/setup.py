"""Putting the parts together: paths, config, store, client, queue, runner.

The CLI and the TUI both start here, so they see the same data and the same queue.
"""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from gramtui.discogs.client import DiscogsClient
from gramtui.discogs.ratelimit import RateLimiter
from gramtui.discogs.secret import ScrubbingFormatter
from gramtui.engine import handlers
from gramtui.engine.clock import Clock, utcnow
from gramtui.engine.context import AfterSync, Engine
from gramtui.engine.ebay_setup import make_ebay_client
from gramtui.engine.events import RateWait
from gramtui.engine.lease import QueueLease
from gramtui.engine.queue import Queue
from gramtui.engine.runner import Runner
from gramtui.settings.config import DEFAULT_URL, Config, load_config
from gramtui.settings.paths import Paths
from gramtui.settings.token import read_token
from gramtui.store import backups, meta
from gramtui.store.schema import close_database, open_database

if TYPE_CHECKING:
    import httpx


@dataclass
class Session:
    """One open data directory with everything needed to work on it."""

    paths: Paths
    config: Config
    engine: Engine
    runner: Runner
    token: str | None
    base_url: str
    on_close: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for fn in reversed(self.on_close):
            fn()
        self.engine.client.close()
        close_database()


def setup_logging(paths: Paths) -> None:
    """Everything logs to a file in the data directory: nothing reaches the user's terminal."""
    paths.logs.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    handler = logging.handlers.RotatingFileHandler(
        paths.logs / "gramtui.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    # Scrubbed: no log line or traceback ever holds the token (gramtui.discogs.secret).
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def _check_sales_config(config: Config, paths: Paths) -> None:
    """How the [sales] values fit together (read at load) is checked now, not at the first plan."""
    from gramtui.domain.ladder import LadderError
    from gramtui.engine.sales_config import config_from_settings
    from gramtui.settings.config import ConfigError

    try:
        config_from_settings(config.sales)
    except LadderError as e:
        raise ConfigError(f"{paths.config_file}, [sales]: {e}") from None


def open_session(
    paths: Paths,
    *,
    config: Config | None = None,
    token: str | None = None,
    base_url: str | None = None,
    transport: httpx.BaseTransport | None = None,
    clock: Clock = utcnow,
    limiter: RateLimiter | None = None,
    backoff_base: float | None = None,
    daily_backup: bool = True,
    log_to_file: bool = True,
    timeout: float = 30.0,
    command: str = "gramtui",
    first_after_sync: Sequence[AfterSync] = (),
) -> Session:
    """Open the data directory. Raises ConfigError or StoreError with a sentence for the user.
    `first_after_sync`: hooks to run after each sync before the features' own (the demo's seed)."""
    import os

    paths.ensure()
    if log_to_file:
        setup_logging(paths)
    config = config or load_config(paths.config_file)
    _check_sales_config(config, paths)
    token = token or read_token(paths.token_file)
    url = base_url or os.environ.get("GRAMTUI_DISCOGS_URL") or config.discogs.url or DEFAULT_URL
    url = url.rstrip("/")
    open_database(paths.database)
    if daily_backup and config.backup.daily:
        backups.daily_backup(paths, keep=config.backup.keep, now=clock())
    if meta.get("base_url") not in ("", url):
        meta.delete("username")  # another server (the sandbox, a test): ask who we are again
    meta.put("base_url", url)
    bounds = config.queue
    limiter = limiter or RateLimiter(
        headroom=config.discogs.headroom,
        max_sleep=bounds.park_after_seconds,
        max_backoff=min(bounds.backoff_cap_seconds, 60.0),
    )
    client = DiscogsClient(
        token,
        url,
        limiter=limiter,
        transport=transport,
        timeout=timeout,
        deadline=bounds.response_deadline_seconds,
    )
    queue = Queue(clock=clock)
    # Tasks left running are put back by whoever takes the runner lease (engine/lease.py), not
    # here: another process may be running them right now.
    queue.prune(timedelta(days=7))
    ebay = make_ebay_client(config, paths, clock)
    engine = Engine(
        client=client,
        limiter=limiter,
        queue=queue,
        config=config,
        clock=clock,
        ebay=ebay,
        after_sync=[*first_after_sync, *handlers.after_sync_hooks()],
    )
    limiter.on_wait = lambda seconds: engine.events.announce(
        RateWait(clock() + timedelta(seconds=seconds))
    )
    runner = Runner(
        engine,
        handlers.ALL,
        backoff_base=bounds.backoff_seconds if backoff_base is None else backoff_base,
        backoff_cap=bounds.backoff_cap_seconds,
        max_attempts=bounds.max_attempts,
        park_after=bounds.park_after_seconds,
        lease=QueueLease(command, clock=clock),
        wait_for_runner=bounds.wait_for_runner_seconds,
        stop_after_failures=bounds.stop_after_failures,
    )
    session = Session(paths, config, engine, runner, token, url)
    session.on_close.append(ebay.close)
    session.on_close.append(runner.lease.release)  # type: ignore[union-attr]  # given just above
    return session
