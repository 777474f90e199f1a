"""What the Deals pane shows and does, each call one read or write for a UI thread worker: the
deals by score, the saved searches with how their last poll went, whether eBay keys are there,
when the next poll is due, the day's eBay budget; and the app's once-only deal alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from gramtui.domain.deals.searches import SavedSearch
from gramtui.ebay.credentials import (
    FILE_NAME,
    CredentialsError,
    read_credentials,
)
from gramtui.ebay.errors import EbayError
from gramtui.engine import deals
from gramtui.engine.context import Engine
from gramtui.engine.deals import BudgetStatus, DealLine
from gramtui.settings.paths import Paths
from gramtui.store import deals as store

MAX_ALERTS_SHOWN = 3  # alerts told one by one; more become one "and N more"


@dataclass(frozen=True, slots=True)
class SearchLine:
    search: SavedSearch
    polled_at: datetime | None
    last_error: str
    last_new: int


@dataclass(frozen=True, slots=True)
class DealsOverview:
    now: datetime
    deals: list[DealLine]
    searches: list[SearchLine]
    wanted: int  # searches made from wants and want-list entries
    keys: str  # "" when eBay keys are there, else why not (none, or a bad file)
    next_poll: datetime | None  # None: nothing to search
    budget: BudgetStatus
    note: str  # the schedule's word when the budget stretches the interval
    last_error: str  # the newest poll error, if any


def overview(engine: Engine, paths: Paths) -> DealsOverview:
    now = engine.clock()
    specs = deals.all_searches()
    polled = store.polled_at()
    states = store.search_states()
    saved = [
        SearchLine(x, polled.get(f"saved:{x.id}"), *states.get(f"saved:{x.id}", ("", 0)))
        for x in store.saved_searches()
    ]
    return DealsOverview(
        now=now,
        deals=deals.deal_lines(engine),
        searches=saved,
        wanted=sum(1 for x in specs if not x.key.startswith("saved:")),
        keys=keys_problem(paths),
        next_poll=next_poll(engine, now),
        budget=deals.budget_status(engine),
        note=deals.plan(engine).note,
        last_error=next((e for e, _n in states.values() if e), ""),
    )


def keys_problem(paths: Paths) -> str:
    """ "" when eBay keys can be read; otherwise a sentence saying what is wrong."""
    try:
        found = read_credentials(paths.data_dir / FILE_NAME)
    except CredentialsError as e:
        return str(e)
    return "" if found is not None else "no eBay keys yet"


def next_poll(engine: Engine, now: datetime) -> datetime | None:
    """When the first search is due again (now, when one never ran)."""
    every = deals.plan(engine).interval_minutes
    polled = store.polled_at()
    due: datetime | None = None
    for spec in deals.all_searches():
        if spec.paused:
            continue
        last = polled.get(spec.key)
        at = now if last is None else last + timedelta(minutes=max(every, spec.interval_minutes))
        due = at if due is None else min(due, at)
    return None if due is None else max(due, now)


def take_app_alerts(engine: Engine) -> list[str]:
    """The app's alerts not shown yet, marked shown as they are taken (claimed first, so two
    apps on one data directory never both show one): each listing once, across restarts."""
    now = engine.clock()
    texts = []
    for alert in store.due_alerts("app", now):
        alert_id: int = alert.id
        if store.claim_alert(alert_id, now):
            store.alert_sent(alert_id, now)
            texts.append(alert.text)
    if len(texts) > MAX_ALERTS_SHOWN:
        more = len(texts) - MAX_ALERTS_SHOWN + 1
        texts = [*texts[: MAX_ALERTS_SHOWN - 1], f"and {more} more new deals (Deals pane, 7)"]
    return texts


def enqueue_due(engine: Engine) -> int:
    """The searches due now, put on the queue (the app's timer calls this in a worker)."""
    if keys_missing(engine):
        return 0
    return len(deals.enqueue_due(engine))


def keys_missing(engine: Engine) -> bool:
    if engine.ebay is None:
        return True
    try:
        engine.ebay.check_credentials()
    except EbayError:  # no keys, or a bad file: the Deals pane says which
        return True
    return False


def set_bought(engine: Engine, item_id: str, bought: bool) -> bool:
    """`b` in the pane: marked bought, or not any more (a slip of the key)."""
    return store.set_flag(item_id, bought=bought)
