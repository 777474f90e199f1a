"""Queries of the deals feature: the eBay call ledger, saved searches, listings with their match
and score, "not this record" pairs, the alert outbox, and the rows the matching catalogue is
built from."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import peewee

from gramtui.domain.deals import text
from gramtui.domain.deals.catalogue import CatalogueRelease
from gramtui.domain.deals.listing import EbayListing
from gramtui.domain.deals.searches import SavedSearch
from gramtui.domain.money import Money
from gramtui.store.db import db
from gramtui.store.models import ListingRow, MarketRow, ReleaseRow, WantRow
from gramtui.store.models_deals import (
    AlertRow,
    EbayBudgetRow,
    EbayListingRow,
    LookupDoneRow,
    LookupRow,
    RefusedMatchRow,
    SavedSearchRow,
    SearchStateRow,
)
from gramtui.store.models_wants import MasterReleaseRow, WantEntryRow

if TYPE_CHECKING:
    from gramtui.domain.deals.matching import Match  # a type only: matching loads rapidfuzz


# -- the eBay call ledger -------------------------------------------------------------------------


class BudgetLedger:
    """The day's eBay calls, counted in the database: one conditional UPDATE per call, so two
    processes (the app and a cron poll) can never pass the limit between them."""

    def take(self, day: str, limit: int) -> bool:
        with db.atomic():
            EbayBudgetRow.insert(day=day, used=0).on_conflict_ignore().execute()
            taken = (
                EbayBudgetRow.update(used=EbayBudgetRow.used + 1)
                .where((EbayBudgetRow.day == day) & (EbayBudgetRow.used < limit))
                .execute()
            )
        return bool(taken == 1)

    def used(self, day: str) -> int:
        row = EbayBudgetRow.get_or_none(EbayBudgetRow.day == day)
        return row.used if row else 0


# -- saved searches -------------------------------------------------------------------------------


def _saved(row: SavedSearchRow) -> SavedSearch:
    return SavedSearch(
        id=row.id,
        name=row.name,
        query=row.query,
        formats=tuple(row.formats),
        max_price=Decimal(row.max_price) if row.max_price else None,
        min_score=Decimal(row.min_score) if row.min_score else None,
        interval_minutes=row.interval_minutes,
        paused=row.paused,
    )


def saved_searches() -> list[SavedSearch]:
    return [_saved(r) for r in SavedSearchRow.select().order_by(SavedSearchRow.name)]


def saved_search(name: str) -> SavedSearch | None:
    row = SavedSearchRow.get_or_none(SavedSearchRow.name == name)
    return _saved(row) if row else None


def add_saved_search(search: SavedSearch, now: datetime) -> SavedSearch:
    row = SavedSearchRow.create(
        name=search.name,
        query=search.query,
        formats=list(search.formats),
        max_price=str(search.max_price) if search.max_price is not None else "",
        min_score=str(search.min_score) if search.min_score is not None else "",
        interval_minutes=search.interval_minutes,
        paused=search.paused,
        created_at=now,
    )
    return _saved(row)


def update_saved_search(old_name: str, search: SavedSearch) -> SavedSearch:
    """The saved search `old_name` takes `search`'s fields (its id, so its poll state, stays)."""
    row = SavedSearchRow.get(SavedSearchRow.name == old_name)
    row.name = search.name
    row.query = search.query
    row.formats = list(search.formats)
    row.max_price = str(search.max_price) if search.max_price is not None else ""
    row.min_score = str(search.min_score) if search.min_score is not None else ""
    row.interval_minutes = search.interval_minutes
    row.save()
    return _saved(row)


def delete_saved_search(name: str) -> bool:
    row = SavedSearchRow.get_or_none(SavedSearchRow.name == name)
    if row is None:
        return False
    SearchStateRow.delete().where(SearchStateRow.key == f"saved:{row.id}").execute()
    row.delete_instance()
    return True


def pause_saved_search(name: str, paused: bool) -> bool:
    return bool(
        SavedSearchRow.update(paused=paused).where(SavedSearchRow.name == name).execute() > 0
    )


# -- what to search for ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WantedRecord:
    key: str
    artist: str
    title: str
    formats: tuple[str, ...]
    release_id: int | None
    master_id: int | None
    catno: str = ""


def _families(format_text: str, formats_json: list[list[object]] | None = None) -> tuple[str, ...]:
    names = [str(f[0]) for f in formats_json or []] or [p.strip() for p in format_text.split(",")]
    return tuple(dict.fromkeys(text.format_family(n) for n in names if n))


def wanted_records() -> list[WantedRecord]:
    """Every live Discogs want, and every unfulfilled want-list entry (a master entry: any
    pressing passing its format filter)."""
    out: dict[str, WantedRecord] = {}
    releases = {r.id: r for r in ReleaseRow.select()}
    for w in WantRow.select():
        rel = releases.get(w.release_id)
        out[f"want:{w.release_id}"] = WantedRecord(
            f"want:{w.release_id}",
            w.artist or (rel.artist if rel else ""),
            w.title,
            _families(w.format, rel.formats if rel else None),
            w.release_id,
            w.master_id,
            rel.catno if rel else "",
        )
    wants = {w.release_id: w for w in WantRow.select()}
    masters = {m.master_id: m for m in MasterReleaseRow.select()}
    for e in WantEntryRow.select().where(WantEntryRow.state.in_(("pending", "live"))):
        if e.release_id:
            if f"want:{e.release_id}" in out:
                continue  # live on the wantlist already: one search
            rel, want = releases.get(e.release_id), wants.get(e.release_id)
            known = rel or want  # the catalogue's release, else the wantlist's copy of it
            if known is None:
                continue
            out[f"entry:{e.entry_id}"] = WantedRecord(
                f"entry:{e.entry_id}",
                known.artist,
                known.title,
                _families(want.format if want else "", rel.formats if rel else None),
                e.release_id,
                known.master_id,
                rel.catno if rel else "",
            )
        elif e.master_id:
            master = masters.get(e.master_id)
            main = releases.get(master.main_release) if master and master.main_release else None
            title = master.title if master and master.title else (main.title if main else "")
            if not title:
                continue
            formats = (text.format_family(e.format_filter),) if e.format_filter else ()
            out[f"entry:{e.entry_id}"] = WantedRecord(
                f"entry:{e.entry_id}",
                main.artist if main else "",
                title,
                formats,
                None,
                e.master_id,
            )
    return list(out.values())


def polled_at() -> dict[str, datetime | None]:
    return {r.key: r.polled_at for r in SearchStateRow.select()}


def search_states() -> dict[str, tuple[str, int]]:
    """Each search's last error ("" when its last poll went well) and its new listings then."""
    return {r.key: (r.last_error, r.last_new) for r in SearchStateRow.select()}


def record_poll(key: str, now: datetime, new: int, error: str = "") -> None:
    SearchStateRow.insert(key=key, polled_at=now, last_new=new, last_error=error).on_conflict(
        conflict_target=[SearchStateRow.key],
        update={
            SearchStateRow.polled_at: now,
            SearchStateRow.last_new: new,
            SearchStateRow.last_error: error,
        },
    ).execute()


def record_error(key: str, error: str) -> None:
    """A search that failed keeps its last good poll time: the next round runs it again."""
    SearchStateRow.insert(key=key, polled_at=None, last_error=error).on_conflict(
        conflict_target=[SearchStateRow.key],
        update={SearchStateRow.last_error: error},
    ).execute()


# -- listings -------------------------------------------------------------------------------------


def known_listing(item_id: str) -> bool:
    return bool(EbayListingRow.select().where(EbayListingRow.item_id == item_id).exists())


def save_listing(item: EbayListing, search_key: str, now: datetime) -> bool:
    """Store a listing seen by a search; True when it was new to every search."""
    with db.atomic():
        row = EbayListingRow.get_or_none(EbayListingRow.item_id == item.item_id)
        if row is not None:
            if search_key not in row.searches:
                row.searches = [*row.searches, search_key]
            row.price_cents, row.currency = item.price.cents, item.price.currency
            row.save()
            return False
        EbayListingRow.create(
            item_id=item.item_id,
            title=item.title,
            price_cents=item.price.cents,
            currency=item.price.currency,
            shipping_cents=item.shipping.cents if item.shipping else None,
            shipping_currency=item.shipping.currency if item.shipping else "",
            condition=item.condition,
            condition_id=item.condition_id,
            seller=item.seller,
            feedback_percent=item.feedback_percent,
            feedback_score=item.feedback_score,
            url=item.url,
            image=item.image,
            buying_options=list(item.buying_options),
            country=item.country,
            listed_at=item.created,
            category_id=item.category_id,
            first_seen=now,
            searches=[search_key],
        )
    return True


def listing(item_id: str) -> EbayListingRow | None:
    row: EbayListingRow | None = EbayListingRow.get_or_none(EbayListingRow.item_id == item_id)
    return row


def save_match(item_id: str, match: Match) -> None:
    EbayListingRow.update(
        release_id=match.release_id,
        master_id=match.master_id,
        method=match.method,
        confidence=match.confidence,
        reason=match.reason,
    ).where(EbayListingRow.item_id == item_id).execute()


def save_worth(
    item_id: str,
    grade: str,
    worth: Money | None,
    source: str,
    score: Decimal | None,
    note: str,
    band: str,
) -> None:
    EbayListingRow.update(
        grade=grade,
        worth_cents=worth.cents if worth else None,
        worth_currency=worth.currency if worth else "",
        worth_source=source,
        score=str(score) if score is not None else "",
        score_note=note,
        band=band,
    ).where(EbayListingRow.item_id == item_id).execute()


def listings_matching(
    release_ids: Iterable[int] = (),
    master_ids: Iterable[int] = (),
) -> list[EbayListingRow]:
    rids, mids = list(release_ids), list(master_ids)
    query = EbayListingRow.select().where(
        EbayListingRow.release_id.in_(rids) | EbayListingRow.master_id.in_(mids)
    )
    return list(query)


def unmatched_listings() -> list[EbayListingRow]:
    return list(EbayListingRow.select().where(EbayListingRow.method == "none"))


def deal_rows(*, include_dismissed: bool = False) -> list[EbayListingRow]:
    query = EbayListingRow.select().where(EbayListingRow.method != "none")
    if not include_dismissed:
        query = query.where(~EbayListingRow.dismissed)
    return list(query)


def set_flag(item_id: str, *, dismissed: bool | None = None, bought: bool | None = None) -> bool:
    values = {}
    if dismissed is not None:
        values[EbayListingRow.dismissed] = dismissed
    if bought is not None:
        values[EbayListingRow.bought] = bought
    return bool(
        EbayListingRow.update(values).where(EbayListingRow.item_id == item_id).execute() > 0
    )


def refuse(item_id: str, target_id: int) -> None:
    RefusedMatchRow.insert(item_id=item_id, target_id=target_id).on_conflict_ignore().execute()


def refused(item_id: str) -> set[int]:
    query = RefusedMatchRow.select(RefusedMatchRow.target_id).where(
        RefusedMatchRow.item_id == item_id
    )
    return {t for (t,) in query.tuples()}


# -- worth ----------------------------------------------------------------------------------------


def suggestions(release_ids: Iterable[int]) -> dict[int, tuple[datetime | None, dict[str, Money]]]:
    out: dict[int, tuple[datetime | None, dict[str, Money]]] = {}
    for r in MarketRow.select().where(MarketRow.release_id.in_(list(release_ids))):
        out[r.release_id] = (r.fetched_at, {k: Money(v[0], v[1]) for k, v in r.suggestions.items()})
    return out


def pressings_of(master_id: int) -> set[int]:
    ids = {
        i
        for (i,) in ReleaseRow.select(ReleaseRow.id)
        .where(ReleaseRow.master_id == master_id)
        .tuples()
    }
    ids |= {
        i
        for (i,) in WantRow.select(WantRow.release_id)
        .where(WantRow.master_id == master_id)
        .tuples()
    }
    ids |= {
        i
        for (i,) in LookupRow.select(LookupRow.release_id)
        .where(LookupRow.master_id == master_id)
        .tuples()
    }
    return ids


def masters_of(release_id: int) -> set[int]:
    found = {
        ReleaseRow.select(ReleaseRow.master_id).where(ReleaseRow.id == release_id).scalar(),
        WantRow.select(WantRow.master_id).where(WantRow.release_id == release_id).scalar(),
        LookupRow.select(LookupRow.master_id).where(LookupRow.release_id == release_id).scalar(),
    }
    return {m for m in found if m}


# -- the alert outbox -----------------------------------------------------------------------------


def add_alert(item_id: str, channel: str, message: str, now: datetime) -> bool:
    """Once per listing and channel, whatever happens: the unique index decides."""
    query = AlertRow.insert(
        item_id=item_id,
        channel=channel,
        text=message,
        not_before=now,
        created_at=now,
    ).on_conflict_ignore()
    return bool(db.execute(query).rowcount == 1)


def is_alerted(item_id: str) -> bool:
    return bool(AlertRow.select().where(AlertRow.item_id == item_id).exists())


def alerted_items() -> set[str]:
    return {i for (i,) in AlertRow.select(AlertRow.item_id).tuples()}


def due_alerts(channel: str, now: datetime) -> list[AlertRow]:
    return list(
        AlertRow.select()
        .where(
            (AlertRow.channel == channel)
            & (AlertRow.state == "pending")
            & (AlertRow.not_before <= now)
        )
        .order_by(AlertRow.id)
    )


def next_alert_due(channel: str) -> datetime | None:
    row = (
        AlertRow.select(peewee.fn.MIN(AlertRow.not_before))
        .where((AlertRow.channel == channel) & (AlertRow.state == "pending"))
        .scalar()
    )
    return datetime.fromisoformat(row) if isinstance(row, str) else row


def claim_alert(alert_id: int, now: datetime) -> bool:
    """pending -> sending, with one conditional UPDATE: two senders never send one alert."""
    return bool(
        AlertRow.update(state="sending", attempts=AlertRow.attempts + 1, not_before=now)
        .where((AlertRow.id == alert_id) & (AlertRow.state == "pending"))
        .execute()
        == 1
    )


def alert_sent(alert_id: int, now: datetime) -> None:
    AlertRow.update(state="sent", sent_at=now, last_error="").where(
        AlertRow.id == alert_id
    ).execute()


def alert_later(alert_id: int, at: datetime, error: str) -> None:
    AlertRow.update(state="pending", not_before=at, last_error=error).where(
        AlertRow.id == alert_id
    ).execute()


def hold_alerts(channel: str, until: datetime) -> None:
    """Every pending alert of the channel waits until `until` (the channel asked us to)."""
    AlertRow.update(not_before=until).where(
        (AlertRow.channel == channel)
        & (AlertRow.state == "pending")
        & (AlertRow.not_before < until)
    ).execute()


def alert_failed(alert_id: int, error: str) -> None:
    AlertRow.update(state="failed", last_error=error).where(AlertRow.id == alert_id).execute()


def recover_alerts(cutoff: datetime) -> int:
    """Alerts a crash cut off mid-send (claimed before `cutoff`) go out again. Telegram has no
    idempotency key: a crash in that very instant may repeat one message; an outage never does."""
    return int(
        AlertRow.update(state="pending")
        .where((AlertRow.state == "sending") & (AlertRow.not_before < cutoff))
        .execute()
    )


# -- the matching catalogue's rows ----------------------------------------------------------------


def catalogue_rows() -> Iterator[CatalogueRelease]:
    """The collection's releases, the wantlist, the inventory and releases Discogs named in
    look-ups, as catalogue rows: one per release, what each source knows of it merged."""
    merged: dict[int, CatalogueRelease] = {}
    for r in _catalogue_sources():
        known = merged.get(r.release_id)
        if known is None:
            merged[r.release_id] = r
            continue
        merged[r.release_id] = CatalogueRelease(
            r.release_id,
            known.artist or r.artist,
            known.title or r.title,
            known.master_id or r.master_id,
            tuple(dict.fromkeys(known.catnos + r.catnos)),
            tuple(dict.fromkeys(known.barcodes + r.barcodes)),
            known.formats or r.formats,
            tuple(dict.fromkeys(known.labels + r.labels)),
            known.year or r.year,
        )
    yield from merged.values()


def _catalogue_sources() -> Iterator[CatalogueRelease]:
    for r in ReleaseRow.select():
        yield CatalogueRelease(
            r.id,
            r.artist,
            r.title,
            r.master_id,
            catnos=tuple(str(lb[1]) for lb in r.labels if len(lb) > 1 and lb[1]),
            formats=_families("", r.formats),
            labels=tuple(str(lb[0]) for lb in r.labels),
            year=r.year,
        )
    for w in WantRow.select():
        yield CatalogueRelease(
            w.release_id, w.artist, w.title, w.master_id, formats=_families(w.format), year=w.year
        )
    for lk in LookupRow.select():
        yield CatalogueRelease(
            lk.release_id,
            lk.artist,
            lk.title,
            lk.master_id,
            tuple(lk.catnos),
            tuple(lk.barcodes),
            tuple(lk.formats),
            tuple(lk.labels),
            lk.year,
        )
    for li in ListingRow.select():
        yield CatalogueRelease(
            li.release_id,
            li.artist,
            li.title,
            None,
            catnos=(li.catno,) if li.catno else (),
            formats=_families(li.format),
        )


def catalogue_signature() -> tuple[int, ...]:
    """Changes whenever the rows above change in number (enough to rebuild a cached catalogue)."""
    return (
        ReleaseRow.select().count(),
        WantRow.select().count(),
        LookupRow.select().count(),
        ListingRow.select().count(),
    )


def lookup_asked(key: str) -> bool:
    return bool(LookupDoneRow.select().where(LookupDoneRow.key == key).exists())


def save_lookup(key: str, found: list[CatalogueRelease], now: datetime) -> None:
    with db.atomic():
        for r in found:
            LookupRow.insert(
                release_id=r.release_id,
                artist=r.artist,
                title=r.title,
                master_id=r.master_id,
                catnos=list(r.catnos),
                barcodes=list(r.barcodes),
                formats=list(r.formats),
                labels=list(r.labels),
                year=r.year,
            ).on_conflict_ignore().execute()
        LookupDoneRow.replace(key=key, asked_at=now, found=len(found)).execute()
