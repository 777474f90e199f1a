"""The daily eBay call budget: every call takes one before it is sent, persistently, so the
limit holds across restarts and across processes (the app and a cron `deals poll`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from gramtui.ebay.errors import BudgetExhausted

DEFAULT_DAILY_BUDGET = 5_000


class Ledger(Protocol):
    def take(self, day: str, limit: int) -> bool:
        """Count one call for `day` if fewer than `limit` were counted; False when none is left."""
        ...

    def used(self, day: str) -> int: ...


class MemoryLedger:
    """For a client used on its own (tests, the bench)."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def take(self, day: str, limit: int) -> bool:
        if self.counts.get(day, 0) >= limit:
            return False
        self.counts[day] = self.counts.get(day, 0) + 1
        return True

    def used(self, day: str) -> int:
        return self.counts.get(day, 0)


class CallBudget:
    """eBay's quotas run per calendar day in UTC... or near enough: so do we."""

    def __init__(
        self,
        ledger: Ledger,
        limit: int = DEFAULT_DAILY_BUDGET,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.ledger = ledger
        self.limit = limit
        self.clock = clock

    def _day(self) -> tuple[str, float]:
        now = self.clock()
        tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        return now.strftime("%Y-%m-%d"), (tomorrow - now).total_seconds()

    def take(self) -> None:
        day, left = self._day()
        if not self.ledger.take(day, self.limit):
            raise BudgetExhausted(self.limit, left)

    @property
    def used(self) -> int:
        return self.ledger.used(self._day()[0])

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)
