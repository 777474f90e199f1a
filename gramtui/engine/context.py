"""What every task handler gets: the client, the queue, the config, the clock."""

from __future__ import annotations

from dataclasses import dataclass, field

from gramtui.discogs.client import DiscogsClient
from gramtui.discogs.ratelimit import RateLimiter
from gramtui.domain.tasks import Priority
from gramtui.ebay.client import EbayClient
from gramtui.engine.clock import Clock, utcnow
from gramtui.engine.queue import Queue
from gramtui.settings.config import Config
from gramtui.store import meta


@dataclass
class Engine:
    client: DiscogsClient
    limiter: RateLimiter
    queue: Queue
    config: Config = field(default_factory=Config)
    clock: Clock = utcnow
    ebay: EbayClient | None = None  # None only for engines built without one (some tests)

    def username(self) -> str:
        """The account's username, asked of Discogs once and then remembered."""
        name = meta.get("username")
        if not name:
            name = self.client.identity(priority=Priority.USER).username
            meta.put("username", name)
        return name
