"""The sales service: the ladder's plan for every listing, applying it through the queue, and
the user's controls (pause, floor, market overrides, the stop switch, putting a copy up for sale).

The pure ladder lives in gramtui.domain.ladder. Here a plan joins the synced listings and market
figures with the stored states, overrides and settings. `apply` queues one `price.set` task per
change, keyed `price:<listing>`, only when `automation.sales` is on and the stop switch is off;
a dry run queues nothing and logs what it would do. A step's new state is stored only once its
change is applied (a state ahead of the listing would read as the user's own edit); a hold or a
stop stores its state at once, so tracking, adoption of the user's price and phase changes last.

The task handler reads the listing again first: one that is no longer For Sale (sold), gone
(404) or refused (422) is refreshed and recorded, never edited or retried.

Bad market data never moves a price: every Discogs figure passes `gramtui.domain.figures` (a
refused one holds the listing, the reason logged once), a floor always exists, and one apply
changing more than `apply_max_share` % or `apply_max_count` listings queues nothing unless
confirmed. Figures older than `sync.market_max_age_days` hold their listing while they are
refreshed through the queue, followed by a `sales.replan` task that plans again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from gramtui.discogs.errors import Forbidden, NotFound, Unprocessable
from gramtui.domain.figures import FigureBounds, Refusal, check_figure
from gramtui.domain.ladder import (
    FOR_SALE,
    LadderConfig,
    LadderConfigError,
    LadderOverride,
    LadderState,
    MarketInputs,
    PathPoint,
    Phase,
    Step,
    market_inputs,
    plan,
    simulate_all,
    start_price,
)
from gramtui.domain.ladder import simulate as simulate_one
from gramtui.domain.ladder.floor import Floor, base_floor
from gramtui.domain.ladder.market import condition_short
from gramtui.domain.marketplace import CONDITIONS, SLEEVE_CONDITIONS, Listing
from gramtui.domain.money import Money
from gramtui.domain.records import Record
from gramtui.domain.tasks import Priority, TaskState
from gramtui.engine import once
from gramtui.engine.context import Engine
from gramtui.engine.queue import Task
from gramtui.engine.runner import Handler
from gramtui.engine.sales_config import config_from_settings as config_from_settings
from gramtui.engine.sync import completed
from gramtui.settings.config import SalesSection
from gramtui.store import calls, collection, marketplace, meta
from gramtui.store import sales as store
from gramtui.store.db import db
from gramtui.store.models import SyncRun
from gramtui.store.sales import PriceChange as PriceChange  # the UI names it through here
from gramtui.store.sales import Sale

_log = logging.getLogger("gramtui.sales")

PRICE_KIND = "price.set"
CREATE_KIND = "listing.create"
REPLAN_KIND = "sales.replan"
REPLAN_KEY = "sales:replan"
CREATE_CALL = "POST /marketplace/listings"
CLOCK_SKEW = timedelta(minutes=5)  # Discogs' clock against ours, when adopting after a crash
ADOPT_PER_PAGE = 50
ADOPT_MAX_PAGES = 4  # a crash is recent: its listing is among the newest
STOPPED_KEY = "sales_stopped"
BOUND_KEY = "sales_bound_held"  # why the last automatic apply held its changes ("" or absent)


class SalesError(Exception):
    """A sales action cannot be done; the message says why and what to do instead."""


def price_key(listing_id: int) -> str:
    return f"price:{listing_id}"


def create_key(instance_id: int) -> str:
    return f"create-listing:{instance_id}"


# -- settings ----------------------------------------------------------------------------------


SalesSettings = SalesSection  # the `[sales]` section of the config file


SALES_DEFAULTS = SalesSettings()


def settings(engine: Engine) -> SalesSettings:
    return engine.config.sales


def ladder_config(engine: Engine) -> LadderConfig:
    return config_from_settings(settings(engine))


def figure_bounds(s: SalesSettings) -> FigureBounds:
    """How far from a listing's price a market figure may be (`[sales] figure_*`)."""
    try:
        return FigureBounds(s.figure_min_fraction, s.figure_max_multiple)
    except ValueError as e:
        raise LadderConfigError(f"sales.figure_min_fraction / figure_max_multiple: {e}") from None


def market_max_age(engine: Engine) -> timedelta | None:
    """Market figures older than this hold their listing (None: no limit, for 0 days)."""
    days = engine.config.sync.market_max_age_days
    return timedelta(days=days) if days > 0 else None


def is_stopped() -> bool:
    return meta.get(STOPPED_KEY) == "1"


def refusal(engine: Engine) -> str:
    """Why no change may be sent now ("" when changes may go)."""
    if is_stopped():
        return "the stop switch is on: no price is changed (`gramtui sales resume` to go on)"
    if not engine.config.automation.sales:
        return "sales automation is off: set automation.sales = true in the config to apply"
    return ""


# -- planning ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """One listing's step now, with everything it was planned from."""

    listing: Listing
    state: LadderState | None  # as stored before this plan
    override: LadderOverride | None
    market: MarketInputs
    config: LadderConfig  # with the listing's override applied
    step: Step
    now: datetime  # when it was planned

    @property
    def next_at(self) -> datetime | None:
        """When the price next changes: now for a change that is due, else the step's forecast."""
        return self.now if self.step.action == "change" else self.step.next_at

    @property
    def next_price(self) -> Money | None:
        return self.step.new_price if self.step.action == "change" else self.step.next_price

    @property
    def listing_id(self) -> int:
        return self.listing.listing_id

    @property
    def phase(self) -> Phase:
        return self.step.phase

    @property
    def paused(self) -> bool:
        return self.state is not None and self.state.paused

    @property
    def floor(self) -> Floor:
        """The floor before the market low's fraction, and where it comes from."""
        state = self.step.new_state
        first = state.first_price or state.last_price
        found = base_floor(self.config, first, self.listing.price.currency)
        if self.override is not None and self.override.floor is not None:
            return Floor(found.price, "yours")
        return found


def plan_all(engine: Engine) -> list[PlannedStep]:
    """The ladder's step for every For Sale listing and every listing it still tracks.

    Reads only: nothing is stored or queued.
    """
    now = engine.clock()
    base = ladder_config(engine)
    bounds = figure_bounds(settings(engine))
    max_age = market_max_age(engine)
    states = _with_first_prices(store.load_states())
    overrides = store.load_overrides()
    listings = [
        x
        for x in marketplace.load_listings()
        if x.status == FOR_SALE
        or (x.listing_id in states and states[x.listing_id].phase != "stopped")
    ]
    market = marketplace.load_market({x.release_id for x in listings})
    planned = []
    for listing in listings:
        state = states.get(listing.listing_id)
        override = overrides.get(listing.listing_id)
        inputs = market_inputs(
            listing, market.get(listing.release_id), override, bounds, now=now, max_age=max_age
        )
        config = base.merged(override)
        step = plan(listing, state, inputs, config, now)
        planned.append(PlannedStep(listing, state, override, inputs, config, step, now))
    return planned


def _with_first_prices(states: dict[int, LadderState]) -> dict[int, LadderState]:
    """States stored before first prices were kept take the oldest price in their change log
    (the plan falls back to the last price); stored with the next apply."""
    missing = [lid for lid, s in states.items() if s.first_price is None]
    if not missing:
        return states
    firsts = store.first_logged_prices(missing)
    return {
        lid: replace(s, first_price=firsts[lid]) if lid in firsts else s
        for lid, s in states.items()
    }


def simulate(engine: Engine, weeks: int) -> dict[int, list[PathPoint]]:
    """The projected path of every planned listing over `weeks`, the market held still."""
    if weeks < 1:
        raise SalesError(f"Simulate at least one week ahead, not {weeks}.")
    items = [(p.listing, p.state, p.market, p.config) for p in plan_all(engine)]
    return simulate_all(items, engine.clock(), weeks)


def projection(p: PlannedStep, weeks: int) -> list[PathPoint]:
    """One planned listing's projected path over `weeks` (for its ladder plot)."""
    return simulate_one(p.listing, p.state, p.market, p.config, p.now, weeks)


def history(listing_id: int) -> list[PriceChange]:
    """The prices a listing was given (by the ladder, or by the user and adopted), oldest first:
    the past of its ladder plot."""
    return list(reversed(store.load_log(listing_id, outcomes=("applied", "adopted"))))


def change_log(listing_id: int | None = None, limit: int = 500) -> list[PriceChange]:
    return store.load_log(listing_id, limit=limit)


def sales() -> list[Sale]:
    return store.load_sales()


# -- applying ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApplyReport:
    dry_run: bool
    refused: str  # why nothing was done; "" when the plan was applied
    changes: list[PlannedStep]  # queued, or logged as dry-run
    busy: list[int]  # listings whose earlier change is being sent right now
    held: int
    stopped: int
    bound: str = ""  # why the due changes were not queued: too many at once, confirm first
    unconfirmed: list[PlannedStep] = field(default_factory=list)  # the changes `bound` held
    refreshing: list[int] = field(default_factory=list)  # releases whose stale figures are read


def over_bound(engine: Engine, changes: int, listings: int) -> str:
    """Why `changes` price changes among `listings` need confirmation ("" when they do not)."""
    s = settings(engine)
    share = s.apply_max_share
    if changes > s.apply_max_count or Decimal(changes) * 100 > share * listings:
        return (
            f"{changes} of {listings} listings would change at once, more than the "
            f"{share.normalize():f} % or {s.apply_max_count} listings one apply may change "
            "without confirmation"
        )
    return ""


def apply(
    engine: Engine,
    dry_run: bool | None = None,
    *,
    confirmed: bool = False,
    refresh_stale: bool = True,
) -> ApplyReport:
    """Plan every listing and queue its change (or, in a dry run, log it and send nothing).

    `dry_run` None follows `sales.dry_run` in the config. Unless `confirmed`, more changes than
    the apply bound queue nothing (holds and adoptions are still stored): the report's `bound`
    says why. With `refresh_stale`, listings held on stale market figures get them re-read
    through the queue, then a replan task that applies again (with the same confirmation).
    """
    dry = settings(engine).dry_run if dry_run is None else dry_run
    if not dry and (why := refusal(engine)):
        return ApplyReport(False, why, [], [], 0, 0)
    now = engine.clock()
    planned = plan_all(engine)
    running = engine.queue.keys(PRICE_KIND, TaskState.RUNNING)
    keep: list[LadderState] = []
    adopted: list[PriceChange] = []
    changes: list[PlannedStep] = []
    busy: list[int] = []
    refused = [p for p in planned if p.step.action == "hold" and p.market.refused]
    logged = store.latest_reasons([p.listing_id for p in refused], "held")
    holds = [
        PriceChange(now, p.listing_id, p.listing.price, None, p.step.phase, p.step.reason, "held")
        for p in refused
        if logged.get(p.listing_id) != p.step.reason
    ]
    stale = sorted(
        {p.listing.release_id for p in refused if any(r.kind == "stale" for r in p.market.refused)}
    )
    for p in planned:
        if p.step.action != "change":
            if p.state != p.step.new_state:
                keep.append(p.step.new_state)
            if _adopts(p):
                assert p.state is not None
                adopted.append(
                    PriceChange(
                        now,
                        p.listing_id,
                        p.state.last_price,
                        p.listing.price,
                        p.step.phase,
                        p.step.reason,
                        "adopted",
                    )
                )
        elif price_key(p.listing_id) in running:
            busy.append(p.listing_id)
        else:
            changes.append(p)
    listings = sum(p.listing.status == FOR_SALE for p in planned)
    bound = "" if dry or confirmed else over_bound(engine, len(changes), listings)
    unconfirmed: list[PlannedStep] = []
    if bound:
        changes, unconfirmed = [], changes
    refreshing = stale if refresh_stale and not dry else []
    with db.atomic():
        store.save_states(keep, now)
        for change in [*adopted, *holds]:
            store.log_change(change)
        for p in changes:
            if dry:
                store.log_change(_change(p, now, "dry-run"))
            else:
                _enqueue_change(engine, p, now)
        if refreshing:
            _refresh_market(engine, refreshing, confirmed)
        if not dry:
            meta.put(BOUND_KEY, bound)
    return ApplyReport(
        dry,
        "",
        changes,
        busy,
        held=sum(p.step.action == "hold" for p in planned),
        stopped=sum(p.step.action == "stop" for p in planned),
        bound=bound,
        unconfirmed=unconfirmed,
        refreshing=refreshing,
    )


def bound_note() -> str:
    """Why the last apply held its changes for confirmation ("" when it did not)."""
    return meta.get(BOUND_KEY, "") or ""


def _refresh_market(engine: Engine, release_ids: list[int], confirmed: bool) -> None:
    """Re-read stale market figures ahead of a replan: the market tasks first (SYNC priority,
    keyed like the sync's own, whose pending payload is kept), the replan after them."""
    latest = engine.queue.latest_sync()
    if latest is None:
        return  # no sync ever ran: the first one reads every figure
    for release in release_ids:
        for kind, key in (
            ("market.suggestions", f"market:s{release}"),
            ("market.stats", f"market:t{release}"),
        ):
            pending = engine.queue.pending_payload(key)
            payload = pending if pending is not None else {"run": latest.id, "release": release}
            engine.queue.enqueue(kind, key, payload, priority=Priority.SYNC)
    engine.queue.enqueue(REPLAN_KIND, REPLAN_KEY, {"confirmed": confirmed}, priority=Priority.SYNC)


def handle_replan(task: Task, engine: Engine) -> None:
    """Fresh market figures are in: plan and apply again (no further refresh, so a figure that
    cannot be read holds its listing instead of looping)."""
    if not refusal(engine):
        apply(engine, confirmed=bool(task.payload.get("confirmed")), refresh_stale=False)


def _adopts(p: PlannedStep) -> bool:
    """The step takes over a price the user set on Discogs."""
    return (
        p.step.action == "hold"
        and p.state is not None
        and p.state.phase != "stopped"
        and not p.state.paused
        and p.listing.price != p.state.last_price
    )


def _change(p: PlannedStep, now: datetime, outcome: store.Outcome) -> PriceChange:
    return PriceChange(
        now, p.listing_id, p.listing.price, p.step.new_price, p.step.phase, p.step.reason, outcome
    )


def _enqueue_change(engine: Engine, p: PlannedStep, now: datetime) -> None:
    assert p.step.new_price is not None
    engine.queue.enqueue(
        PRICE_KIND,
        price_key(p.listing_id),
        {
            "listing_id": p.listing_id,
            "old": [p.listing.price.cents, p.listing.price.currency],
            "new": [p.step.new_price.cents, p.step.new_price.currency],
            "phase": p.step.phase,
            "reason": p.step.reason,
            "state": p.step.new_state.to_dict(),
            "planned_at": now.isoformat(),
        },
        priority=Priority.SYNC,
    )


def _drop_pending(engine: Engine, listing_id: int | None = None) -> int:
    key = None if listing_id is None else price_key(listing_id)
    return engine.queue.drop_pending(PRICE_KIND, key=key)


def handle_price_set(task: Task, engine: Engine) -> None:
    """Send one planned change, unless the listing moved on since it was planned."""
    p = task.payload
    listing_id = int(p["listing_id"])
    old, new = Money(*p["old"]), Money(*p["new"])
    now = engine.clock()

    def log(outcome: store.Outcome, reason: str, new_price: Money | None = None) -> None:
        store.log_change(PriceChange(now, listing_id, old, new_price, p["phase"], reason, outcome))
        logging.getLogger("gramtui.sales").info(
            "price of listing %d %s: %s -> %s (%s)", listing_id, outcome, old, new_price, reason
        )

    if why := refusal(engine):
        log("skipped", f"not sent: {why}")
        return
    try:
        fresh = engine.client.get_listing(listing_id, priority=Priority.SYNC)
    except (NotFound, Unprocessable) as e:
        store.mark_listing_gone(listing_id)
        log("skipped", f"not edited: Discogs no longer has the listing ({e})")
        return
    if fresh.status != FOR_SALE:
        _refresh(fresh, now)
        log("skipped", f"not edited: the listing is {fresh.status} on Discogs")
        return
    state = LadderState.from_dict(p["state"])
    if fresh.price == new:  # a crash after an earlier run of this task sent the change
        if store.load_state(listing_id) != state:
            _applied(
                listing_id,
                new,
                state,
                PriceChange(now, listing_id, old, new, p["phase"], p["reason"], "applied"),
            )
        return
    if fresh.price != old:
        _refresh(fresh, now)
        log(
            "skipped",
            f"not edited: the price was changed on Discogs to {fresh.price}; "
            "the ladder continues from it",
        )
        return
    try:  # a POST, but it sets absolute values: sent twice it changes nothing more (once.py)
        engine.client.edit_listing(
            listing_id,
            release_id=fresh.release_id,
            condition=fresh.condition,
            price=new,
            status=FOR_SALE,
            sleeve_condition=fresh.sleeve_condition or None,
            comments=fresh.comments,
            priority=Priority.SYNC,
        )
    except (NotFound, Unprocessable) as e:
        seen = _reread(engine, listing_id, now)
        log(
            "failed",
            f"Discogs refused the edit ({e}); listing refreshed ({seen}), not retried",
            new,
        )
        return
    _applied(
        listing_id,
        new,
        state,
        PriceChange(now, listing_id, old, new, p["phase"], p["reason"], "applied"),
    )


def _applied(listing_id: int, price: Money, state: LadderState, change: PriceChange) -> None:
    with db.atomic():
        store.set_listing_price(listing_id, price)
        store.save_state(state, change.at)
        store.log_change(change)


def _refresh(fresh: Listing, now: datetime) -> None:
    stored = store.refresh_listing(fresh)
    if fresh.status == "Sold":
        store.record_sale(stored, now)


def _reread(engine: Engine, listing_id: int, now: datetime) -> str:
    """The listing as Discogs has it after a refused edit; what it was found to be."""
    try:
        fresh = engine.client.get_listing(listing_id, priority=Priority.SYNC)
    except (NotFound, Unprocessable):
        store.mark_listing_gone(listing_id)
        return "gone"
    _refresh(fresh, now)
    return f"{fresh.status} at {fresh.price}"


def after_sync(engine: Engine, run: SyncRun) -> None:
    """Fresh data: record sales, then apply the ladder when automated (or dry-run it).

    Only after an inventory read in full: a listing left unread could hide the user's edit
    (the task handler would still catch it, but the plan would be wrong)."""
    now = engine.clock()
    for listing in store.unrecorded_sold_listings():
        store.record_sale(listing, now)
    if completed(run, "inventory") and not refusal(engine):
        report = apply(engine)
        if report.bound:  # never more than the bound unasked: held, and said in the Sales pane
            _log.warning("sales: automatic apply held: %s", report.bound)


# -- the user's controls ------------------------------------------------------------------------


def stop(engine: Engine) -> int:
    """The global stop switch: nothing is sent until `resume`. Returns how many queued changes
    were dropped (a resumed apply plans them afresh)."""
    meta.put(STOPPED_KEY, "1")
    return _drop_pending(engine)


def resume(engine: Engine) -> None:
    meta.delete(STOPPED_KEY)


def set_paused(engine: Engine, listing_id: int, paused: bool) -> LadderState:
    """Pause a listing where it stands on its ladder (or resume it from there)."""
    now = engine.clock()
    listing = _listing(listing_id)
    state = store.load_state(listing_id)
    if state is None:
        state = LadderState(listing_id, "start", now, now, listing.price)
    state = replace(state, paused=paused)
    with db.atomic():
        store.save_state(state, now)
        if paused:
            _drop_pending(engine, listing_id)
    return state


def set_floor(engine: Engine, listing_id: int, floor: Money | None) -> LadderOverride:
    """The listing's own floor (None: the configured one)."""
    _listing(listing_id)
    override = store.load_override(listing_id) or LadderOverride()
    override = replace(override, floor=floor)
    store.save_override(listing_id, override, engine.clock())
    return override


def set_market(
    engine: Engine, listing_id: int, median: Money | None, low: Money | None
) -> LadderOverride:
    """The listing's own market median and low, replacing Discogs's (None: Discogs's figure)."""
    _listing(listing_id)
    now = engine.clock()
    override = store.load_override(listing_id) or LadderOverride()
    override = replace(
        override,
        median=median,
        median_at=(override.median_at if median == override.median else now) if median else None,
        low=low,
        low_at=(override.low_at if low == override.low else now) if low else None,
    )
    store.save_override(listing_id, override, now)
    return override


def override_of(listing_id: int) -> LadderOverride | None:
    return store.load_override(listing_id)


def _listing(listing_id: int) -> Listing:
    listing = store.load_listing(listing_id)
    if listing is None:
        raise SalesError(f"Listing {listing_id} is not in the synced inventory; sync, then retry.")
    return listing


# -- putting a copy up for sale -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartPrice:
    """The ladder's start price for a copy, or why there is none (then the user types one)."""

    price: Money | None
    why: str
    copy: str = ""  # "Artist — Title" of the copy, so the user sees the id was the right one


def start_price_for(
    engine: Engine, instance_id: int, condition: str, *, fetch: bool = False
) -> StartPrice:
    """The top of the ladder for this copy in `condition`: the suggestion times the premium.

    With `fetch`, missing suggestions are asked of Discogs first (one request).
    """
    record = _record(instance_id)
    release_id = record.release.id
    found = marketplace.load_market([release_id]).get(release_id)
    if fetch and (found is None or not found.suggestions):
        try:
            suggestions = engine.client.price_suggestions(release_id, priority=Priority.USER)
        except Forbidden:
            suggestions = None
        marketplace.save_suggestions(release_id, suggestions, engine.clock())
        found = marketplace.load_market([release_id]).get(release_id)
    config = ladder_config(engine)
    suggestions = found.suggestions if found is not None else {}
    currency = settings(engine).currency
    price = start_price(condition, suggestions, config, currency)
    grade = condition_short(condition)
    copy = f"{record.release.artist} — {record.release.title}"
    verdict = check_figure("price suggestion", suggestions.get(condition), None, currency, None)
    if isinstance(verdict, Refusal):
        return StartPrice(None, f"the {verdict.reason}: type a price", copy)
    if price is None:
        why = (
            "no market data for this release yet"
            if found is None
            else f"Discogs has no price suggestion for {grade}"
        )
        return StartPrice(None, f"{why}: type a price", copy)
    premium = f"{config.start_premium.normalize():f}"
    return StartPrice(price, f"suggestion for {grade} {suggestions[condition]} × {premium}", copy)


def list_for_sale(
    engine: Engine,
    instance_id: int,
    condition: str,
    sleeve_condition: str | None,
    price: Money | None,
) -> Money:
    """Queue a new listing for a copy in the collection; the price defaults to the ladder's
    start price. Returns the price it will be listed at."""
    if condition not in CONDITIONS:
        raise SalesError(f"{condition!r} is not a media condition; choose one of {CONDITIONS}.")
    if sleeve_condition is not None and sleeve_condition not in SLEEVE_CONDITIONS:
        raise SalesError(
            f"{sleeve_condition!r} is not a sleeve condition; choose one of {SLEEVE_CONDITIONS}."
        )
    record = _record(instance_id)
    listed = store.listing_of_instance(instance_id)
    if listed is not None:
        raise SalesError(
            f"Copy {instance_id} is listed for sale already (listing {listed.listing_id})."
        )
    if price is None:
        price = start_price_for(engine, instance_id, condition).price
        if price is None:
            raise SalesError(
                f"There is no price suggestion for copy {instance_id} in {condition}; give a price."
            )
    if price.cents <= 0:
        raise SalesError(f"A price must be above zero, not {price}.")
    release = record.release
    engine.queue.enqueue(
        CREATE_KIND,
        create_key(instance_id),
        {
            "instance_id": instance_id,
            "release_id": release.id,
            "condition": condition,
            "sleeve_condition": sleeve_condition,
            "price": [price.cents, price.currency],
            "artist": release.artist,
            "title": release.title,
            "format": release.format_summary,
            "catno": release.catno,
        },
        priority=Priority.USER,
    )
    return price


def handle_create_listing(task: Task, engine: Engine) -> None:
    """List the copy on Discogs, at most once even if the app is killed mid-call (engine/once.py):
    after a crash, a listing of the release in the condition posted since the intent is adopted."""
    p = task.payload
    instance_id = int(p["instance_id"])
    key = create_key(instance_id)
    stored = store.listing_of_instance(instance_id)
    if stored is not None:  # an earlier run of this task listed it (or a sync found it)
        intent = calls.open_intent(key)
        if intent is not None:
            once.finish(
                engine, once.CallResult({"listing_id": stored.listing_id}, "adopted", intent.id)
            )
        return
    release_id = int(p["release_id"])
    price = Money(*p["price"])

    def send() -> dict[str, Any]:
        listing_id = engine.client.create_listing(
            release_id,
            p["condition"],
            price,
            FOR_SALE,
            p["sleeve_condition"],
            priority=Priority.USER,
        )
        return {"listing_id": listing_id}

    def find(since: datetime) -> dict[str, Any] | None:
        found = find_created_listing(engine, release_id, p["condition"], since)
        return None if found is None else {"listing_id": found.listing_id}

    done = once.call_once(
        engine,
        key=key,
        call=CREATE_CALL,
        payload={
            "instance_id": instance_id,
            "release_id": release_id,
            "condition": p["condition"],
            "price": p["price"],
        },
        send=send,
        find=find,
    )
    now = engine.clock()
    listing = Listing(
        listing_id=int(done.result["listing_id"]),
        release_id=release_id,
        status=FOR_SALE,
        price=price,
        condition=p["condition"],
        sleeve_condition=p["sleeve_condition"] or "",
        posted=now,
        instance_id=instance_id,
        artist=p["artist"],
        title=p["title"],
        format=p["format"],
        catno=p["catno"],
    )
    with db.atomic():
        store.save_new_listing(listing, instance_id, int(meta.get("last_full_run", "0")))
        store.save_state(LadderState(listing.listing_id, "start", now, now, price), now)
        once.finish(engine, done)


def find_created_listing(
    engine: Engine, release_id: int, condition: str, since: datetime
) -> Listing | None:
    """A listing of `release_id` in `condition` posted since `since` (less the clock skew) that no
    other create call has claimed: the inventory newest first, stopping at older listings."""
    claimed = calls.claimed_results(CREATE_CALL, "listing_id")
    oldest = since - CLOCK_SKEW
    for number in range(1, ADOPT_MAX_PAGES + 1):
        page = engine.client.inventory_page(
            engine.username(),
            page=number,
            per_page=ADOPT_PER_PAGE,
            sort="listed",
            sort_order="desc",
            priority=Priority.USER,
        )
        for x in page.items:
            if x.posted is not None and x.posted < oldest:
                return None  # newest first: everything after this is older still
            if (
                x.release_id == release_id
                and x.condition == condition
                and x.listing_id not in claimed
            ):
                return x
        if page.next_page is None:
            return None
    return None


def _record(instance_id: int) -> Record:
    record = collection.load_record(instance_id)
    if record is None:
        raise SalesError(
            f"Copy {instance_id} is not in the synced collection; check the instance id or sync."
        )
    return record


HANDLERS: dict[str, Handler] = {
    PRICE_KIND: handle_price_set,
    CREATE_KIND: handle_create_listing,
    REPLAN_KIND: handle_replan,
}
