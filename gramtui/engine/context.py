"""What every task handler gets: the client, the queue, the config, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gramtui.discogs.client import DiscogsClient
from gramtui.discogs.ratelimit import RateLimiter
from gramtui.domain.tasks import Priority
from gramtui.ebay.client import EbayClient
from gramtui.engine.clock import Clock, utcnow
from gramtui.engine.events import Events
from gramtui.engine.queue import Queue
from gramtui.settings.config import Config
from gramtui.store import meta

if TYPE_CHECKING:
    from gramtui.store.models import SyncRun

# What runs after each finished sync (rules, moves, the wants pass, ...), in order; the session
# builds the list when it opens (engine/setup.py), nothing adds to it later.
AfterSync = Callable[["Engine", "SyncRun"], None]


@dataclass
class Engine:
    client: DiscogsClient
    limiter: RateLimiter
    queue: Queue
    config: Config = field(default_factory=Config)
    clock: Clock = utcnow
    ebay: EbayClient | None = None  # None only for engines built without one (some tests)
    events: Events = field(default_factory=Events)  # what the runner announces, to listeners
    after_sync: list[AfterSync] = field(default_factory=list)

    def username(self) -> str:
        """The account's username, asked of Discogs once and then remembered."""
        name = meta.get("username")
        if not name:
            name = self.client.identity(priority=Priority.USER).username
            meta.put("username", name)
        return name
