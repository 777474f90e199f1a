"""An eBay listing as the deals engine sees it (parsed from the Browse API's item summary)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gramtui.domain.money import Money


@dataclass(frozen=True, slots=True)
class EbayListing:
    item_id: str
    title: str
    price: Money
    shipping: Money | None  # None: calculated at checkout, or pickup only
    url: str
    condition: str = ""
    condition_id: str = ""
    seller: str = ""
    feedback_percent: str = ""
    feedback_score: int | None = None
    image: str = ""
    buying_options: tuple[str, ...] = ()
    country: str = ""
    created: datetime | None = None
    category_id: str = ""
