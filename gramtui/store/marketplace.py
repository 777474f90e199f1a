"""Reading and writing what Discogs knows of the market: listings, the wantlist, market figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from gramtui.domain.marketplace import Listing, MarketData, Want
from gramtui.domain.money import Money
from gramtui.store.db import db
from gramtui.store.models import InstanceRow, ListingRow, MarketRow, WantRow

_BATCH = 200


def save_listings(listings: Sequence[Listing], run_id: int) -> None:
    rows = [
        {
            "id": x.listing_id,
            "release_id": x.release_id,
            "status": x.status,
            "price_cents": x.price.cents,
            "currency": x.price.currency,
            "condition": x.condition,
            "sleeve_condition": x.sleeve_condition,
            "posted": x.posted,
            "comments": x.comments,
            "artist": x.artist,
            "title": x.title,
            "format": x.format,
            "catno": x.catno,
            "seen_run": run_id,
        }
        for x in listings
    ]
    with db.atomic():
        for start in range(0, len(rows), _BATCH):
            ListingRow.insert_many(rows[start : start + _BATCH]).on_conflict(
                conflict_target=[ListingRow.id],
                preserve=[getattr(ListingRow, k) for k in rows[0] if k != "id"],
            ).execute()


def known_listings(ids: Iterable[int]) -> set[int]:
    return {
        r[0] for r in ListingRow.select(ListingRow.id).where(ListingRow.id.in_(list(ids))).tuples()
    }


def remove_unseen_listings(run_id: int) -> int:
    return int(ListingRow.delete().where(ListingRow.seen_run != run_id).execute())


def count_unseen_listings(run_id: int) -> int:
    return int(ListingRow.select().where(ListingRow.seen_run != run_id).count())


def count_seen_listings(run_id: int) -> int:
    return int(ListingRow.select().where(ListingRow.seen_run == run_id).count())


def link_listings() -> int:
    """Tie each listing to a collection instance of its release, one listing per instance."""
    with db.atomic():
        ListingRow.update(instance_id=None).where(
            ListingRow.instance_id.is_null(False)
            & ~ListingRow.instance_id.in_(InstanceRow.select(InstanceRow.id))
        ).execute()
        taken = {
            r[0]
            for r in ListingRow.select(ListingRow.instance_id)
            .where(ListingRow.instance_id.is_null(False))
            .tuples()
        }
        linked = 0
        unlinked = list(
            ListingRow.select().where(ListingRow.instance_id.is_null()).order_by(ListingRow.id)
        )
        if not unlinked:
            return 0
        by_release: dict[int, list[int]] = {}
        for iid, rid in (
            InstanceRow.select(InstanceRow.id, InstanceRow.release)
            .where(InstanceRow.release.in_([x.release_id for x in unlinked]))
            .order_by(InstanceRow.id)
            .tuples()
        ):
            by_release.setdefault(rid, []).append(iid)
        for listing in unlinked:
            free = [i for i in by_release.get(listing.release_id, []) if i not in taken]
            if free:
                taken.add(free[0])
                ListingRow.update(instance_id=free[0]).where(ListingRow.id == listing.id).execute()
                linked += 1
    return linked


def listing_from_row(r: ListingRow) -> Listing:
    return Listing(
        listing_id=r.id,
        release_id=r.release_id,
        status=r.status,
        price=Money(r.price_cents, r.currency),
        condition=r.condition,
        sleeve_condition=r.sleeve_condition,
        posted=r.posted,
        comments=r.comments,
        instance_id=r.instance_id,
        artist=r.artist,
        title=r.title,
        format=r.format,
        catno=r.catno,
    )


def load_listings(status: str | None = None) -> list[Listing]:
    query = ListingRow.select()
    if status:
        query = query.where(ListingRow.status == status)
    return [listing_from_row(r) for r in query.order_by(ListingRow.posted.desc(), ListingRow.id)]


def count_listings() -> int:
    return int(ListingRow.select().count())


def save_wants(wants: Sequence[Want], run_id: int) -> None:
    rows = [
        {
            "release_id": w.release_id,
            "date_added": w.date_added,
            "notes": w.notes,
            "rating": w.rating,
            "title": w.title,
            "artist": w.artist,
            "year": w.year,
            "format": w.format,
            "master_id": w.master_id,
            "seen_run": run_id,
        }
        for w in wants
    ]
    with db.atomic():
        for start in range(0, len(rows), _BATCH):
            WantRow.insert_many(rows[start : start + _BATCH]).on_conflict(
                conflict_target=[WantRow.release_id],
                preserve=[getattr(WantRow, k) for k in rows[0] if k != "release_id"],
            ).execute()


def known_wants(ids: Iterable[int]) -> set[int]:
    return {
        r[0]
        for r in WantRow.select(WantRow.release_id)
        .where(WantRow.release_id.in_(list(ids)))
        .tuples()
    }


def remove_unseen_wants(run_id: int) -> int:
    return int(WantRow.delete().where(WantRow.seen_run != run_id).execute())


def count_unseen_wants(run_id: int) -> int:
    return int(WantRow.select().where(WantRow.seen_run != run_id).count())


def count_seen_wants(run_id: int) -> int:
    return int(WantRow.select().where(WantRow.seen_run == run_id).count())


def load_wants() -> list[Want]:
    return [
        Want(
            r.release_id,
            r.date_added,
            r.notes,
            r.rating,
            r.title,
            r.artist,
            r.year,
            r.format,
            r.master_id,
        )
        for r in WantRow.select().order_by(WantRow.date_added.desc(), WantRow.release_id)
    ]


def count_wants() -> int:
    return int(WantRow.select().count())


def releases_needing_market() -> list[int]:
    """Releases whose market the app uses: those listed For Sale and those wanted."""
    listed = {
        r[0]
        for r in ListingRow.select(ListingRow.release_id)
        .where(ListingRow.status == "For Sale")
        .tuples()
    }
    wanted = {r[0] for r in WantRow.select(WantRow.release_id).tuples()}
    return sorted(listed | wanted)


def stale_market(
    release_ids: Iterable[int], *, now: datetime, max_age: timedelta
) -> tuple[list[int], list[int]]:
    """(releases whose suggestions are missing or old, releases whose stats are missing or old)."""
    ids = list(release_ids)
    cutoff = now - max_age
    rows = {r.release_id: r for r in MarketRow.select().where(MarketRow.release_id.in_(ids))}
    sugg = [
        i for i in ids if i not in rows or rows[i].fetched_at is None or rows[i].fetched_at < cutoff
    ]
    stats = [
        i for i in ids if i not in rows or rows[i].stats_at is None or rows[i].stats_at < cutoff
    ]
    return sugg, stats


def save_suggestions(release_id: int, suggestions: dict[str, Money] | None, now: datetime) -> None:
    """None (a 403: no seller settings) and {} (Discogs has none) are both recorded as "none"."""
    data = {k: [v.cents, v.currency] for k, v in (suggestions or {}).items()}
    MarketRow.insert(
        release_id=release_id, fetched_at=now, suggestions=data, suggestions_available=bool(data)
    ).on_conflict(
        conflict_target=[MarketRow.release_id],
        update={
            MarketRow.fetched_at: now,
            MarketRow.suggestions: data,
            MarketRow.suggestions_available: bool(data),
        },
    ).execute()


def save_stats(
    release_id: int, lowest: Money | None, num_for_sale: int | None, now: datetime
) -> None:
    values = {
        MarketRow.stats_at: now,
        MarketRow.lowest_cents: lowest.cents if lowest else None,
        MarketRow.lowest_currency: lowest.currency if lowest else None,
        MarketRow.num_for_sale: num_for_sale,
    }
    MarketRow.insert(release_id=release_id, **{f.name: v for f, v in values.items()}).on_conflict(
        conflict_target=[MarketRow.release_id], update=values
    ).execute()


def load_market(release_ids: Iterable[int] | None = None) -> dict[int, MarketData]:
    query = MarketRow.select()
    if release_ids is not None:
        query = query.where(MarketRow.release_id.in_(list(release_ids)))
    out = {}
    for r in query:
        lowest = Money(r.lowest_cents, r.lowest_currency) if r.lowest_cents is not None else None
        out[r.release_id] = MarketData(
            release_id=r.release_id,
            fetched_at=r.fetched_at or r.stats_at,
            suggestions={k: Money(v[0], v[1]) for k, v in r.suggestions.items()},
            lowest=lowest,
            num_for_sale=r.num_for_sale,
            suggestions_available=r.suggestions_available,
        )
    return out


def count_market() -> int:
    return int(
        MarketRow.select()
        .where(MarketRow.fetched_at.is_null(False) & MarketRow.stats_at.is_null(False))
        .count()
    )
