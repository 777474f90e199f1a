"""Worth and score of a matched listing, with the Discogs price suggestions fetched through the
queue when missing or stale; then the alert, once, when the deal is good enough."""

from __future__ import annotations

from datetime import timedelta

from gramtui.domain.deals import worth as w
from gramtui.domain.money import Money
from gramtui.domain.tasks import Priority
from gramtui.engine.context import Engine
from gramtui.engine.queue import Task
from gramtui.store import deals as store
from gramtui.store.models_deals import EbayListingRow

KIND_WORTH = "deals.worth"
MAX_PRESSINGS = 8  # of a master, valued (and fetched) at most


def _queue_worth(engine: Engine, release_ids: list[int]) -> None:
    for rid in release_ids:
        engine.queue.enqueue(
            KIND_WORTH, f"deals:worth:{rid}", {"release": rid}, priority=Priority.BACKGROUND
        )


def value(engine: Engine, row: EbayListingRow) -> str:
    """Worth, score and band of a matched listing, saved; returns its band."""
    config = engine.config.deals
    grade = w.discogs_condition(row.condition_id, row.title)
    now = engine.clock()
    max_age = timedelta(days=config.worth_max_age_days)
    if row.release_id is not None:
        ids = [row.release_id]
    elif row.master_id is not None:
        ids = sorted(store.pressings_of(row.master_id))[:MAX_PRESSINGS]
    else:
        return ""
    known = store.suggestions(ids)
    stale: list[int] = []
    for i in ids:
        fetched_at = known[i][0] if i in known else None
        if fetched_at is None or fetched_at < now - max_age:
            stale.append(i)
    _queue_worth(engine, stale)
    figures = {i: known[i][1].get(grade) for i in ids if i in known}
    if row.release_id is not None:
        worth = w.worth_of_release(known.get(row.release_id, (None, {}))[1], grade)
        source = f"Discogs suggestion for {grade}" if worth else "waiting for Discogs"
    else:
        worth = w.worth_of_master([f for f in figures.values() if f is not None])
        n = sum(1 for f in figures.values() if f is not None)
        source = f"median of {n} pressings for {grade}" if worth else "waiting for Discogs"
    rates = w.parse_rates(config.rates)
    price = Money(row.price_cents, row.currency)
    shipping = (
        Money(row.shipping_cents, row.shipping_currency or row.currency)
        if row.shipping_cents is not None
        else None
    )
    scored = w.score(worth, price, shipping, rates)
    band = w.band(scored.value, config.high, config.good)
    store.save_worth(row.item_id, grade, worth, source, scored.value, scored.note, band)
    return band


def handle_worth(task: Task, engine: Engine) -> None:
    from gramtui.engine.deals import revalue
    from gramtui.engine.sync import fetch_suggestions

    release = int(task.payload["release"])
    fetch_suggestions(engine, release)
    for row in store.listings_matching([release], store.masters_of(release)):
        revalue(engine, row.item_id)
