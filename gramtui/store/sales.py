"""Reading and writing the sales ladder: states, overrides, the change log, sales, and the few
changes the ladder makes to the synced listings (a new price, a fresh read, a new listing)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

import peewee

from gramtui.domain.ladder import LadderOverride, LadderState
from gramtui.domain.marketplace import Listing
from gramtui.domain.money import Money
from gramtui.store import marketplace
from gramtui.store.db import db
from gramtui.store.models import ListingRow
from gramtui.store.models_sales import (
    LadderOverrideRow,
    LadderStateRow,
    PriceChangeRow,
    SaleRow,
)

Outcome = Literal["applied", "adopted", "dry-run", "failed", "skipped", "held"]


@dataclass(frozen=True, slots=True)
class PriceChange:
    """One line of the change log: what the ladder set, tried, or would set (dry run), the
    prices the user set on Discogs that the ladder adopted, and holds on a refused market figure
    (logged when the reason changes)."""

    at: datetime
    listing_id: int
    old_price: Money
    new_price: Money | None
    phase: str
    reason: str
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class Sale:
    listing_id: int
    release_id: int
    instance_id: int | None
    price: Money
    noticed_at: datetime


# -- ladder states ---------------------------------------------------------------------------


def load_states() -> dict[int, LadderState]:
    return {
        lid: LadderState.from_dict(data)
        for lid, data in LadderStateRow.select(
            LadderStateRow.listing_id, LadderStateRow.state
        ).tuples()
    }


def load_state(listing_id: int) -> LadderState | None:
    row = LadderStateRow.get_or_none(LadderStateRow.listing_id == listing_id)
    return LadderState.from_dict(row.state) if row else None


def save_state(state: LadderState, now: datetime) -> None:
    LadderStateRow.replace(
        listing_id=state.listing_id, state=state.to_dict(), updated_at=now
    ).execute()


def save_states(states: list[LadderState], now: datetime) -> None:
    with db.atomic():
        for state in states:
            save_state(state, now)


# -- overrides -------------------------------------------------------------------------------


def load_overrides() -> dict[int, LadderOverride]:
    return {
        lid: LadderOverride.from_dict(data)
        for lid, data in LadderOverrideRow.select(
            LadderOverrideRow.listing_id, LadderOverrideRow.override
        ).tuples()
    }


def load_override(listing_id: int) -> LadderOverride | None:
    row = LadderOverrideRow.get_or_none(LadderOverrideRow.listing_id == listing_id)
    return LadderOverride.from_dict(row.override) if row else None


def save_override(listing_id: int, override: LadderOverride, now: datetime) -> None:
    """An override with nothing set is removed rather than stored empty."""
    data = override.to_dict()
    if not data:
        LadderOverrideRow.delete().where(LadderOverrideRow.listing_id == listing_id).execute()
        return
    LadderOverrideRow.replace(listing_id=listing_id, override=data, updated_at=now).execute()


# -- the change log --------------------------------------------------------------------------


def log_change(change: PriceChange) -> None:
    PriceChangeRow.create(
        at=change.at,
        listing_id=change.listing_id,
        old_cents=change.old_price.cents,
        new_cents=change.new_price.cents if change.new_price is not None else None,
        currency=change.old_price.currency,
        phase=change.phase,
        reason=change.reason,
        outcome=change.outcome,
    )


def load_log(
    listing_id: int | None = None, *, outcomes: tuple[str, ...] | None = None, limit: int = 500
) -> list[PriceChange]:
    """Newest first."""
    query = PriceChangeRow.select()
    if listing_id is not None:
        query = query.where(PriceChangeRow.listing_id == listing_id)
    if outcomes is not None:
        query = query.where(PriceChangeRow.outcome.in_(list(outcomes)))
    rows = query.order_by(PriceChangeRow.at.desc(), PriceChangeRow.id.desc()).limit(limit)
    return [
        PriceChange(
            at=r.at,
            listing_id=r.listing_id,
            old_price=Money(r.old_cents, r.currency),
            new_price=Money(r.new_cents, r.currency) if r.new_cents is not None else None,
            phase=r.phase,
            reason=r.reason,
            outcome=cast(Outcome, r.outcome),
        )
        for r in rows
    ]


def latest_reasons(listing_ids: list[int], outcome: str) -> dict[int, str]:
    """The newest logged reason with `outcome` for each listing that has one."""
    newest = (
        PriceChangeRow.select(PriceChangeRow.listing_id, peewee.fn.MAX(PriceChangeRow.id))
        .where(PriceChangeRow.listing_id.in_(listing_ids) & (PriceChangeRow.outcome == outcome))
        .group_by(PriceChangeRow.listing_id)
    )
    ids = [row_id for _, row_id in newest.tuples()]
    rows = PriceChangeRow.select(PriceChangeRow.listing_id, PriceChangeRow.reason).where(
        PriceChangeRow.id.in_(ids)
    )
    return dict(rows.tuples())


def first_logged_prices(listing_ids: list[int]) -> dict[int, Money]:
    """The price each listing had before its oldest applied or adopted change, when it has one."""
    oldest = (
        PriceChangeRow.select(peewee.fn.MIN(PriceChangeRow.id))
        .where(
            PriceChangeRow.listing_id.in_(listing_ids)
            & PriceChangeRow.outcome.in_(["applied", "adopted"])
        )
        .group_by(PriceChangeRow.listing_id)
    )
    rows = PriceChangeRow.select().where(PriceChangeRow.id.in_(oldest))
    return {r.listing_id: Money(r.old_cents, r.currency) for r in rows}


# -- sales -----------------------------------------------------------------------------------


def record_sale(listing: Listing, now: datetime) -> bool:
    """Remember a sold listing once; False when it was recorded already."""
    if SaleRow.get_or_none(SaleRow.listing_id == listing.listing_id) is not None:
        return False
    SaleRow.create(
        listing_id=listing.listing_id,
        release_id=listing.release_id,
        instance_id=listing.instance_id,
        price_cents=listing.price.cents,
        currency=listing.price.currency,
        noticed_at=now,
    )
    return True


def load_sales() -> list[Sale]:
    return [
        Sale(
            r.listing_id,
            r.release_id,
            r.instance_id,
            Money(r.price_cents, r.currency),
            r.noticed_at,
        )
        for r in SaleRow.select().order_by(SaleRow.noticed_at.desc(), SaleRow.listing_id)
    ]


def unrecorded_sold_listings() -> list[Listing]:
    query = ListingRow.select().where(
        (ListingRow.status == "Sold") & ListingRow.id.not_in(SaleRow.select(SaleRow.listing_id))
    )
    return [marketplace.listing_from_row(r) for r in query]


# -- the synced listings, as the ladder changes them -----------------------------------------


def load_listing(listing_id: int) -> Listing | None:
    row = ListingRow.get_or_none(ListingRow.id == listing_id)
    return marketplace.listing_from_row(row) if row else None


def set_listing_price(listing_id: int, price: Money) -> None:
    ListingRow.update(price_cents=price.cents, currency=price.currency).where(
        ListingRow.id == listing_id
    ).execute()


def refresh_listing(fresh: Listing) -> Listing:
    """The stored listing updated from a fresh read of Discogs; keeps its link to the copy."""
    ListingRow.update(
        status=fresh.status,
        price_cents=fresh.price.cents,
        currency=fresh.price.currency,
        condition=fresh.condition,
        sleeve_condition=fresh.sleeve_condition,
        comments=fresh.comments,
    ).where(ListingRow.id == fresh.listing_id).execute()
    stored = load_listing(fresh.listing_id)
    return stored if stored is not None else fresh


def mark_listing_gone(listing_id: int) -> None:
    """Discogs no longer has the listing (404); the next full sync removes it."""
    ListingRow.update(status="Deleted").where(ListingRow.id == listing_id).execute()


def save_new_listing(listing: Listing, instance_id: int, run_id: int) -> None:
    """A listing the app just created, tied to the copy it sells."""
    with db.atomic():
        marketplace.save_listings([listing], run_id)
        ListingRow.update(instance_id=instance_id).where(
            ListingRow.id == listing.listing_id
        ).execute()


def listing_of_instance(instance_id: int) -> Listing | None:
    """The copy's listing that is For Sale, if any."""
    row = ListingRow.get_or_none(
        (ListingRow.instance_id == instance_id) & (ListingRow.status == "For Sale")
    )
    return marketplace.listing_from_row(row) if row else None
