"""Sync progress per category, an ETA from the rate-limit window, and the `sync` report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from gramtui.domain.words import count
from gramtui.engine import removals
from gramtui.engine.context import Engine
from gramtui.engine.queue import WHILE_RUNNING
from gramtui.store import collection, marketplace, meta
from gramtui.store.models import SyncRun

ORDER = ("folders", "collection", "inventory", "wants", "market")


@dataclass(frozen=True, slots=True)
class CategoryProgress:
    name: str
    done: int
    total: int | None

    @property
    def finished(self) -> bool:
        return self.total is not None and self.done >= self.total

    def text(self) -> str:
        total = "?" if self.total is None else str(self.total)
        return f"{self.name} {self.done}/{total}"


def default_sync_kind(now: datetime | None = None, every_days: int = 7) -> str:
    """Full when there has never been one or the last is older than the schedule; else quick."""
    last = meta.get("last_full_sync")
    if not last or not meta.get("last_full_run"):
        return "full"
    if now is not None and now - datetime.fromisoformat(last) > timedelta(days=every_days):
        return "full"
    return "quick"


def categories(run: SyncRun | None) -> list[CategoryProgress]:
    if run is None:
        return []
    out = []
    for name in ORDER:
        cat = run.progress.get(name)
        if cat is not None:
            out.append(CategoryProgress(name, int(cat.get("done", 0)), cat.get("total")))
    return out


MARKET = "market."  # the kinds of market-figure tasks: per release, not part of a sync run


def pending_requests(engine: Engine, market: bool | None = None) -> int:
    """Roughly one request per pending Discogs task (only market tasks, none of them, or all)."""
    if market is True:
        return engine.queue.open_count(kind_prefix=MARKET)
    if market is False:  # the account data: neither market figures nor the app's slow work
        return engine.queue.open_count(besides_prefix=MARKET, besides_kinds=WHILE_RUNNING)
    return engine.queue.open_count()


def account_data_in(engine: Engine) -> bool:
    """Whether everything but market figures is done: what `gramtui sync` waits for."""
    return pending_requests(engine, market=False) == 0


def eta_seconds(engine: Engine, market: bool | None = None) -> float:
    """Requests left over what the window lets through now, at the window's pace."""
    left = pending_requests(engine, market)
    status = engine.limiter.snapshot()
    over = max(0, left - status.remaining)
    pace = 60.0 / max(1, status.limit)
    return over * pace + left * 0.05


def summary_line(engine: Engine, market: bool = True) -> str:
    """The progress line; the ETA is the account data's, and the market figures' own follows
    when they are waited for."""
    run = engine.queue.latest_sync()
    cats = "  ".join(c.text() for c in categories(run) if market or c.name != "market") or "waiting"
    status = engine.limiter.snapshot()
    line = f"{cats}  ·  {status.remaining}/{status.limit} requests left"
    if not account_data_in(engine):
        line += f"  ·  ETA {format_eta(eta_seconds(engine, market=False))}"
    if market and pending_requests(engine, market=True):
        line += f"  ·  market ETA {format_eta(eta_seconds(engine))}"
    wait = window_wait(status.remaining, status.resets_in, status.blocked_for)
    if wait and pending_requests(engine):
        line += f"  ·  {wait}"
    return line


def window_wait(remaining: int, resets_in: float, blocked_for: float) -> str:
    """While the rate window is full (or Discogs asked for a pause), how long until the next
    request may go, so a progress line that stands still says why and until when."""
    if blocked_for >= 1:
        return f"Discogs asked for a pause: {blocked_for:.0f}s"
    if remaining <= 0 and resets_in >= 1:
        return f"waiting for the rate window: {resets_in:.0f}s"
    return ""


def format_eta(seconds: float) -> str:
    if seconds < 1:
        return "now"
    if seconds < 90:
        return f"{seconds:.0f}s"
    return f"{seconds / 60:.0f} min"


def sync_report(
    engine: Engine,
    *,
    seconds: float,
    requests_by_kind: dict[str, int] | None = None,
    since: datetime | None = None,
) -> dict[str, Any]:
    """What a sync did. Tasks that failed before `since` (the command's start) belong to an
    earlier run: they are counted apart and do not make this one fail."""
    run = engine.queue.latest_sync()
    failed_all = engine.queue.failed_tasks()
    failed = [t for t in failed_all if since is None or t.updated_at >= since]
    earlier = len(failed_all) - len(failed)
    report: dict[str, Any] = {
        "kind": run.kind if run else None,
        "state": run.state if run else None,
        "requests": engine.client.requests_made,
        "rate_limited": engine.client.rate_limited,
        "collection": collection.count_instances(),
        "folders": len(collection.folders()),
        "errors": len(failed),
        "error_messages": [f"{t.kind} {t.key}: {t.last_error}" for t in failed[:10]],
        "seconds": round(seconds, 2),
        "requests_by_kind": dict(sorted((requests_by_kind or {}).items())),
        "progress": {c.name: {"done": c.done, "total": c.total} for c in categories(run)},
        "earlier_errors": earlier,
        "incomplete": {
            name: cat["incomplete"]
            for name, cat in (run.progress if run else {}).items()
            if isinstance(cat, dict) and cat.get("incomplete")
        },
        "held_removals": [h.text() for h in removals.held()],
        "market_pending": pending_requests(engine, market=True),
    }
    report["inventory"] = marketplace.count_listings()
    report["wants"] = marketplace.count_wants()
    report["market"] = marketplace.count_market()
    return report


def report_lines(report: dict[str, Any]) -> list[str]:
    lines = [
        f"{report['kind']} sync {report['state']} in {report['seconds']}s: "
        f"{count(report['collection'], 'record')} in {count(report['folders'], 'folder')}, "
        f"{report['requests']} requests, {report['rate_limited']} rate-limited.",
    ]
    for key in ("inventory", "wants", "market"):
        if key in report:
            lines.append(f"{key}: {report[key]}")
    for name, why in report.get("incomplete", {}).items():
        lines.append(f"{name}: not read whole: {why}.")
    for held in report.get("held_removals", []):
        lines.append(
            f"{held}; nothing removed: run `gramtui sync --allow-removals` to remove them."
        )
    if report["errors"]:
        lines.append(f"{report['errors']} task(s) failed (see `gramtui queue`):")
        lines.extend(f"  {m}" for m in report["error_messages"])
    earlier = report.get("earlier_errors", 0)
    if earlier:
        lines.append(
            f"{earlier} task{'s' if earlier != 1 else ''} from an earlier sync failed; "
            "see `gramtui queue`."
        )
    return lines


def exit_status(report: dict[str, Any]) -> int:
    """1 when this run failed a task, could not read a category whole or held removals back."""
    return 1 if report["errors"] or report.get("incomplete") or report.get("held_removals") else 0
