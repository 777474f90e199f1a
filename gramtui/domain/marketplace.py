"""Marketplace facts: listings in the user's inventory, wants, and market figures per release."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from gramtui.domain.money import Money

CONDITIONS: tuple[str, ...] = (
    "Mint (M)",
    "Near Mint (NM or M-)",
    "Very Good Plus (VG+)",
    "Very Good (VG)",
    "Good Plus (G+)",
    "Good (G)",
    "Fair (F)",
    "Poor (P)",
)
SLEEVE_CONDITIONS: tuple[str, ...] = (*CONDITIONS, "Generic", "Not Graded", "No Cover")
LISTING_STATUSES: tuple[str, ...] = (
    "For Sale",
    "Draft",
    "Expired",
    "Sold",
    "Deleted",
    "Suspended",
    "Violation",
)


@dataclass(frozen=True, slots=True)
class Listing:
    listing_id: int
    release_id: int
    status: str
    price: Money
    condition: str = ""
    sleeve_condition: str = ""
    posted: datetime | None = None
    comments: str = ""
    instance_id: int | None = None  # the collection instance this copy is, when one matches
    artist: str = ""
    title: str = ""
    format: str = ""
    catno: str = ""


@dataclass(frozen=True, slots=True)
class Want:
    release_id: int
    date_added: datetime | None = None
    notes: str = ""
    rating: int = 0
    title: str = ""
    artist: str = ""
    year: int | None = None
    format: str = ""
    master_id: int | None = None


@dataclass(frozen=True, slots=True)
class MarketData:
    """What the API tells about a release's market. `suggestions` is empty when Discogs has none."""

    release_id: int
    fetched_at: datetime
    suggestions: dict[str, Money] = field(default_factory=dict, compare=False, hash=False)
    lowest: Money | None = None
    num_for_sale: int | None = None
    suggestions_available: bool = True  # False after a 403 (no seller settings) or an empty `{}`
