"""Deals: what is searched on eBay, one search as a queue task, each new listing matched,
valued and (once) alerted; the deals as plain lines for `gramtui deals` and the Deals pane; the
pane's actions; saved searches; matching titles without eBay; one poll round for cron.

Task kinds: `deals.search` (key `deals:<search>`, eBay, background), `deals.worth` and
`deals.lookup` (Discogs), `deals.alerts` (Telegram). eBay calls spend the eBay budget only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from gramtui.domain.deals import searches as s
from gramtui.domain.deals.matching import Match
from gramtui.domain.money import AmountError, parse_decimal
from gramtui.domain.tasks import Priority, TaskState
from gramtui.ebay.errors import EbayError, EbayNoCredentials
from gramtui.engine import deals_alerts, deals_catalogue, deals_worth
from gramtui.engine.context import Engine
from gramtui.engine.queue import Task
from gramtui.engine.runner import Handler, Runner
from gramtui.store import deals as store
from gramtui.store.models_deals import EbayListingRow

KIND_SEARCH = "deals.search"
# Before the other background work: an eBay search spends no Discogs request, so it need not
# wait behind hundreds of market figures held up by the Discogs rate window.
SEARCH_PRIORITY = Priority.BACKGROUND + 1
EBAY_KINDS = (
    KIND_SEARCH,
    deals_alerts.KIND_SEND,
)  # what a poll round runs (no Discogs token needed)


class DealsError(ValueError):
    """A deals request that cannot be done; the message says what to change."""


# -- what is searched -----------------------------------------------------------------------------


def all_searches() -> list[s.SearchSpec]:
    specs = [
        s.want_spec(
            w.key,
            w.artist,
            w.title,
            w.formats,
            release_id=w.release_id,
            master_id=w.master_id,
            catno=w.catno,
        )
        for w in store.wanted_records()
    ]
    return specs + [s.saved_spec(x) for x in store.saved_searches()]


def plan(engine: Engine) -> s.Schedule:
    active = [x for x in all_searches() if not x.paused]
    budget = engine.config.ebay.daily_budget
    return s.schedule(len(active), budget, engine.config.deals.interval_minutes)


def enqueue_due(engine: Engine, *, force: bool = False) -> list[str]:
    """Queue the searches whose interval has passed (all of them with `force`); newest
    polled last, so a search never starves behind the others."""
    now = engine.clock()
    every = plan(engine).interval_minutes
    polled = store.polled_at()
    queued = []
    specs = sorted(
        (x for x in all_searches() if not x.paused),
        key=lambda x: polled.get(x.key) or datetime.min.replace(tzinfo=now.tzinfo),
    )
    for spec in specs:
        last = polled.get(spec.key)
        interval = timedelta(minutes=max(every, spec.interval_minutes))
        if force or last is None or now - last >= interval:
            engine.queue.enqueue(
                KIND_SEARCH, f"deals:{spec.key}", {"search": spec.key}, priority=SEARCH_PRIORITY
            )
            queued.append(spec.key)
    return queued


def _filters(engine: Engine, spec: s.SearchSpec) -> list[str]:
    options = (
        "FIXED_PRICE|BEST_OFFER|AUCTION"
        if engine.config.deals.auctions
        else "FIXED_PRICE|BEST_OFFER"
    )
    out = [f"buyingOptions:{{{options}}}"]
    currency = MARKET_CURRENCY.get(engine.config.ebay.marketplace)
    if spec.max_price is not None and currency:
        out += [f"price:[..{spec.max_price}]", f"priceCurrency:{currency}"]
    return out


# eBay's price filter needs the marketplace's currency.
MARKET_CURRENCY = {
    "EBAY_US": "USD",
    "EBAY_GB": "GBP",
    "EBAY_DE": "EUR",
    "EBAY_FR": "EUR",
    "EBAY_IT": "EUR",
    "EBAY_ES": "EUR",
    "EBAY_NL": "EUR",
    "EBAY_AT": "EUR",
    "EBAY_BE": "EUR",
    "EBAY_IE": "EUR",
    "EBAY_CA": "CAD",
    "EBAY_AU": "AUD",
    "EBAY_CH": "CHF",
}


def handle_search(task: Task, engine: Engine) -> None:
    key = str(task.payload["search"])
    spec = next((x for x in all_searches() if x.key == key), None)
    if spec is None or spec.paused:
        return  # removed or paused since it was queued
    if engine.ebay is None:
        raise EbayNoCredentials("the data directory")
    # Every page first, then store: a search cut off mid-way stores nothing, and the next poll
    # starts again from the newest listing instead of stopping at half a page seen.
    try:
        items = list(
            engine.ebay.search_new(
                spec.query,
                lambda item_id: _seen_by(item_id, key),
                category_id=spec.category_id,
                filters=_filters(engine, spec),
            )
        )
    except EbayError as e:
        store.record_error(key, str(e))
        raise
    now = engine.clock()
    _seen_counts[id(engine)] = _seen_counts.get(id(engine), 0) + len(items)
    new = 0
    for item in items:
        if store.save_listing(item, key, now):
            new += 1
            evaluate(engine, item.item_id, spec)
        elif not _alerted(item.item_id):
            revalue(engine, item.item_id, spec)  # found again by another search: its bounds
    store.record_poll(key, now, new)


_seen_counts: dict[int, int] = {}  # id(engine) -> listings fetched, for the round's summary


def _seen_by(item_id: str, key: str) -> bool:
    row = store.listing(item_id)
    return row is not None and key in row.searches


def _alerted(item_id: str) -> bool:
    return store.is_alerted(item_id)


# -- one listing ----------------------------------------------------------------------------------


def evaluate(engine: Engine, item_id: str, spec: s.SearchSpec | None = None) -> Match | None:
    """Match a stored listing (again), then value it and alert when it is good enough."""
    row = store.listing(item_id)
    if row is None:
        return None
    formats = tuple(spec.formats) if spec else ()
    family = s.FAMILY_OF_CATEGORY.get(row.category_id)
    if family and not formats:
        formats = (family,)
    match = deals_catalogue.matcher_for(engine).match(row.title, formats, store.refused(item_id))
    store.save_match(item_id, match)
    if not match.matched:
        deals_catalogue.queue_lookups(engine, item_id, row.title)
        return match
    revalue(engine, item_id, spec)
    return match


def revalue(engine: Engine, item_id: str, spec: s.SearchSpec | None = None) -> None:
    row = store.listing(item_id)
    if row is None or row.method == "none":
        return
    band = deals_worth.value(engine, row)
    row = store.listing(item_id)
    if row is not None and not row.dismissed and _alert_worthy(engine, row, band, spec):
        deals_alerts.alert(engine, row)


def _alert_worthy(
    engine: Engine,
    row: EbayListingRow,
    band: str,
    spec: s.SearchSpec | None,
) -> bool:
    wanted = engine.config.deals.alert_band
    if wanted == "off" or not row.score:
        return False
    if spec is not None and spec.min_score is not None:
        return Decimal(row.score) >= spec.min_score
    return band == "high" or (band == "good" and wanted == "good")


# -- the deals as lines ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DealLine:
    item_id: str
    title: str
    price: str  # decimal text: money is never a float
    shipping: str | None
    currency: str
    release_id: int | None
    master_id: int | None
    method: str
    confidence: float
    worth: str | None
    worth_source: str
    score: str | None
    url: str
    first_seen: datetime
    alerted: bool
    band: str = ""
    grade: str = ""
    score_note: str = ""
    reason: str = ""
    seller: str = ""
    feedback_percent: str = ""
    feedback_score: int | None = None
    listed_at: datetime | None = None
    bought: bool = False
    searches: tuple[str, ...] = field(default=())

    def json(self) -> dict[str, object]:
        keys = (
            "item_id",
            "title",
            "price",
            "shipping",
            "currency",
            "release_id",
            "master_id",
            "method",
            "confidence",
            "worth",
            "worth_source",
            "score",
            "url",
            "first_seen",
            "alerted",
        )
        return {k: getattr(self, k) for k in keys}


def _money_text(cents: int | None) -> str | None:
    return None if cents is None else f"{Decimal(cents) / 100:.2f}"


def _line(row: EbayListingRow, alerted: set[str]) -> DealLine:
    return DealLine(
        item_id=row.item_id,
        title=row.title,
        price=f"{Decimal(row.price_cents) / 100:.2f}",
        shipping=_money_text(row.shipping_cents),
        currency=row.currency,
        release_id=row.release_id,
        master_id=row.master_id,
        method=row.method,
        confidence=row.confidence,
        worth=_money_text(row.worth_cents),
        worth_source=row.worth_source,
        score=row.score or None,
        url=row.url,
        first_seen=row.first_seen,
        alerted=row.item_id in alerted,
        band=row.band,
        grade=row.grade,
        score_note=row.score_note,
        reason=row.reason,
        seller=row.seller,
        feedback_percent=row.feedback_percent,
        feedback_score=row.feedback_score,
        listed_at=row.listed_at,
        bought=row.bought,
        searches=tuple(row.searches),
    )


def deal_lines(engine: Engine) -> list[DealLine]:
    """Matched listings not dismissed, best score first (not comparable last)."""
    alerted = store.alerted_items()
    lines = [_line(r, alerted) for r in store.deal_rows()]
    lines.sort(key=lambda d: (d.score is None, -Decimal(d.score or 0), d.item_id))
    return lines


def deal(engine: Engine, item_id: str) -> DealLine | None:
    row = store.listing(item_id)
    return _line(row, store.alerted_items()) if row else None


# -- the pane's actions ---------------------------------------------------------------------------


def dismiss(engine: Engine, item_id: str) -> bool:
    return store.set_flag(item_id, dismissed=True)


def mark_bought(engine: Engine, item_id: str) -> bool:
    return store.set_flag(item_id, bought=True)


def not_this_record(engine: Engine, item_id: str) -> Match | None:
    """Never match this listing to its current release (or master) again; match it anew."""
    row = store.listing(item_id)
    if row is None or row.method == "none":
        return None
    for target in (row.release_id, row.master_id if row.release_id is None else None):
        if target is not None:
            store.refuse(item_id, target)
    store.save_worth(item_id, "", None, "", None, "", "")
    return evaluate(engine, item_id)


# -- what the Queue pane and the in-app alert need ------------------------------------------------


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    used: int
    limit: int
    resets_at: datetime | None = None  # the budget's day ends (midnight UTC)

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def budget_status(engine: Engine) -> BudgetStatus:
    """Today's eBay calls against the daily budget (separate from the Discogs rate limit)."""
    now = engine.clock().astimezone(UTC)
    resets = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    if engine.ebay is None:
        return BudgetStatus(0, engine.config.ebay.daily_budget, resets)
    return BudgetStatus(engine.ebay.budget.used, engine.ebay.budget.limit, resets)


@dataclass(frozen=True, slots=True)
class AppAlert:
    alert_id: int
    item_id: str
    text: str  # listing text is data: render it with markup off


def pending_app_alerts(engine: Engine) -> list[AppAlert]:
    """New deals the app has not shown yet (each listing once, ever)."""
    return [AppAlert(a.id, a.item_id, a.text) for a in store.due_alerts("app", engine.clock())]


def app_alerts_shown(engine: Engine, alert_ids: Sequence[int]) -> None:
    for alert_id in alert_ids:
        store.alert_sent(alert_id, engine.clock())


# -- saved searches -------------------------------------------------------------------------------


def add_search(
    engine: Engine,
    name: str,
    query: str,
    *,
    formats: str = "",
    max_price: str = "",
    min_score: str = "",
    interval_minutes: int = 0,
) -> s.SavedSearch:
    name, query = name.strip(), query.strip()
    if store.saved_search(name) is not None:
        raise DealsError(f"a saved search named {name!r} exists already; remove it first.")
    return store.add_saved_search(
        _checked(name, query, formats, max_price, min_score, interval_minutes), engine.clock()
    )


def edit_search(
    engine: Engine,
    old_name: str,
    name: str,
    query: str,
    *,
    formats: str = "",
    max_price: str = "",
    min_score: str = "",
    interval_minutes: int = 0,
) -> s.SavedSearch:
    """Change a saved search (its polls and listings stay); a new name must be free."""
    name, query = name.strip(), query.strip()
    if store.saved_search(old_name) is None:
        raise DealsError(f"no saved search named {old_name!r} (see `gramtui deals search list`).")
    if name != old_name and store.saved_search(name) is not None:
        raise DealsError(f"a saved search named {name!r} exists already; choose another name.")
    checked = _checked(name, query, formats, max_price, min_score, interval_minutes)
    return store.update_saved_search(old_name, checked)


def _checked(
    name: str,
    query: str,
    formats: str,
    max_price: str,
    min_score: str,
    interval_minutes: int,
) -> s.SavedSearch:
    if not name or not query:
        raise DealsError("a saved search needs a name and a query.")
    try:
        families = s.parse_formats(formats)
    except ValueError as e:
        raise DealsError(str(e)) from None
    price = _decimal(max_price, "--max-price", "a price such as 25 or 19.99")
    score = _decimal(min_score, "--min-score", "a share such as 0.30")
    if price is not None and price <= 0:
        raise DealsError("--max-price must be more than 0.")
    if score is not None and not Decimal("-1") < score < 1:
        raise DealsError("--min-score is a share of the worth between -1 and 1, such as 0.30.")
    if interval_minutes < 0:
        raise DealsError("--interval is minutes, 0 or more.")
    return s.SavedSearch(0, name, query, families, price, score, interval_minutes)


def _decimal(value: str, flag: str, example: str) -> Decimal | None:
    if not value.strip():
        return None
    try:
        return parse_decimal(value)
    except AmountError:
        raise DealsError(f"{flag} {value!r} is not a number; give {example}.") from None


def remove_search(engine: Engine, name: str) -> None:
    if not store.delete_saved_search(name):
        raise DealsError(f"no saved search named {name!r} (see `gramtui deals search list`).")


def pause_search(engine: Engine, name: str, paused: bool) -> None:
    if not store.pause_saved_search(name, paused):
        raise DealsError(f"no saved search named {name!r} (see `gramtui deals search list`).")


def saved_searches(engine: Engine) -> list[s.SavedSearch]:
    return store.saved_searches()


# -- matching without eBay ------------------------------------------------------------------------


def match_titles(engine: Engine, titles: Sequence[str]) -> list[Match]:
    matcher = deals_catalogue.matcher_for(engine)
    return [matcher.match(t) for t in titles]


# -- one round, for cron --------------------------------------------------------------------------


@dataclass
class PollSummary:
    searches: int = 0
    calls: int = 0
    listings_seen: int = 0
    new_listings: int = 0
    new_deals: int = 0
    budget_used: int = 0
    budget_limit: int = 0
    errors: list[str] = field(default_factory=list)
    note: str = ""


DISCOGS_KINDS = (deals_catalogue.KIND_LOOKUP, deals_worth.KIND_WORTH)


def poll_round(engine: Engine, runner: Runner, *, discogs: bool = False) -> PollSummary:
    """Every search once, now; with `discogs` (a token), the catno look-ups and worths the new
    listings need; then the Telegram alerts due. Errors are collected, one sentence each, and
    the searches they stopped are tried again by the next round."""
    if engine.ebay is None:
        raise EbayNoCredentials("the data directory")
    if all_searches():
        engine.ebay.check_credentials()  # one sentence now, not one per search
    summary = PollSummary(note=plan(engine).note)
    calls_before = engine.ebay.calls_made
    seen_before = _seen_counts.get(id(engine), 0)
    alerted_before = store.alerted_items()
    started = engine.clock()
    keys = enqueue_due(engine, force=True)
    summary.searches = len(keys)
    while runner.run_once(EBAY_KINDS + DISCOGS_KINDS if discogs else EBAY_KINDS):
        pass
    summary.calls = engine.ebay.calls_made - calls_before
    for key in keys:
        task = engine.queue.latest_task(f"deals:{key}")
        if task is not None and task.state != TaskState.DONE and task.last_error:
            summary.errors.append(f"{key}: {task.last_error}")
    summary.new_listings = (
        EbayListingRow.select().where(EbayListingRow.first_seen >= started).count()
    )
    summary.listings_seen = _seen_counts.get(id(engine), 0) - seen_before
    summary.new_deals = len(store.alerted_items() - alerted_before)
    summary.budget_used = engine.ebay.budget.used
    summary.budget_limit = engine.ebay.budget.limit
    return summary


HANDLERS: dict[str, Handler] = {
    KIND_SEARCH: handle_search,
    deals_worth.KIND_WORTH: deals_worth.handle_worth,
    deals_catalogue.KIND_LOOKUP: deals_catalogue.handle_lookup,
    deals_alerts.KIND_SEND: deals_alerts.handle_send,
}
