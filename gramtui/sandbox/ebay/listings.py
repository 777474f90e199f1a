"""The sandbox's eBay listings: for every wanted release a bargain, a fair price, an overpriced
copy, another pressing, another format, a junk lot and an unrelated record, priced against the
Discogs sandbox's own price suggestions so the deals come out as intended."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from gramtui.sandbox import market
from gramtui.sandbox.model import ReleaseData
from gramtui.sandbox.state import SandboxState

CATEGORY = {"Vinyl": "176985", "CD": "176984", "Cassette": "176983"}
NEWEST = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
SELLERS = (
    ("crate_digger_nyc", "99.6", 4312),
    ("vinylwarehouse", "98.9", 25110),
    ("estate_sales_oh", "100.0", 87),
    ("discland_de", "99.1", 1532),
    ("recordroom_uk", "97.4", 640),
)


@dataclass
class SandboxListing:
    item_id: str
    title: str
    price: Decimal
    category_id: str
    created: datetime
    currency: str = "USD"
    shipping: Decimal | None = Decimal("5.00")
    condition_id: str = "3000"
    buying_options: tuple[str, ...] = ("FIXED_PRICE",)
    seller: tuple[str, str, int] = SELLERS[0]
    kind: str = ""  # bargain | fair | overpriced | pressing | format | lot | unrelated | hostile
    extra: dict[str, Any] = field(default_factory=dict)

    def summary(self, base: str) -> dict[str, Any]:
        legacy = self.item_id.split("|")[1]
        out: dict[str, Any] = {
            "itemId": self.item_id,
            "legacyItemId": legacy,
            "title": self.title,
            "price": {"value": f"{self.price:.2f}", "currency": self.currency},
            "condition": {"1000": "New", "1500": "New other (see details)"}.get(
                self.condition_id, "Used"
            ),
            "conditionId": self.condition_id,
            "buyingOptions": list(self.buying_options),
            "seller": {
                "username": self.seller[0],
                "feedbackPercentage": self.seller[1],
                "feedbackScore": self.seller[2],
            },
            "image": {"imageUrl": f"https://i.ebayimg.com/images/g/{legacy}/s-l225.jpg"},
            "itemWebUrl": f"https://www.ebay.com/itm/{legacy}",
            "itemLocation": {"postalCode": "112**", "country": "US"},
            "categories": [{"categoryId": self.category_id, "categoryName": "Records"}],
            "itemCreationDate": self.created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        }
        if self.shipping is None:
            out["shippingOptions"] = [{"shippingCostType": "CALCULATED"}]
        else:
            out["shippingOptions"] = [
                {
                    "shippingCostType": "FIXED",
                    "shippingCost": {"value": f"{self.shipping:.2f}", "currency": self.currency},
                }
            ]
        if "AUCTION" in self.buying_options:
            out["currentBidPrice"] = out["price"]
            out["bidCount"] = 3
        return out


def _family(r: ReleaseData) -> str:
    names = {f.name for f in r.formats}
    for name in ("Vinyl", "CD", "Cassette"):
        if name in names:
            return name
    return "Vinyl"


def _artist(r: ReleaseData) -> str:
    import re

    return re.sub(r"\s*\(\d+\)", "", r.artist_credit)


def _money(value: float) -> Decimal:
    return Decimal(str(round(max(1.0, value), 2))).quantize(Decimal("0.01"))


def seed_listings(
    state: SandboxState, extra_release_ids: tuple[int, ...] = (), seed: int = 12
) -> list[SandboxListing]:
    """Listings for the state's wants and `extra_release_ids` (the want lists' releases)."""
    rng = random.Random(seed)
    ids = list(dict.fromkeys([*sorted(state.wants), *extra_release_ids]))
    out: list[SandboxListing] = []
    minutes = 0

    def add(r_title: str, price: float, category: str, kind: str, **kw: Any) -> None:
        nonlocal minutes
        minutes += rng.randint(3, 40)
        legacy = 296500000000 + len(out) * 7919
        out.append(
            SandboxListing(
                item_id=f"v1|{legacy}|0",
                title=r_title[:80],
                price=_money(price),
                category_id=category,
                created=NEWEST - timedelta(minutes=minutes),
                kind=kind,
                seller=SELLERS[len(out) % len(SELLERS)],
                **kw,
            )
        )

    for rid in ids:
        r = state.releases.get(rid)
        if r is None:
            continue
        family = _family(r)
        category = CATEGORY[family]
        word = {"Vinyl": "LP Vinyl", "CD": "CD", "Cassette": "Cassette Tape"}[family]
        vg_plus = (market.mint_value(rid) or 20.0) * 13 / 19
        catno = r.labels[0].catno if r.labels else ""
        label = r.labels[0].name if r.labels else ""
        artist = _artist(r)
        year = f" {r.year}" if r.year else ""
        add(
            f"{artist} - {r.title} {word} {label} {catno} VG+",
            vg_plus * 0.35,
            category,
            "bargain",
            shipping=_money(min(4.0, vg_plus * 0.1)),
        )
        add(
            f"{artist.upper()} {r.title} {word}{year} VG+ RARE L@@K",
            vg_plus * 1.0,
            category,
            "fair",
        )
        add(f"{r.title} by {artist} {word} NM", vg_plus * 2.2, category, "overpriced")
        heavy = " 180g" if family == "Vinyl" else ""
        add(
            f"{artist} - {r.title} {word} reissue{heavy} NEW SEALED",
            vg_plus * 0.8,
            category,
            "pressing",
            condition_id="1000",
            shipping=None,
        )
        other = "CD" if family != "CD" else "LP Vinyl"
        add(
            f"{artist} {r.title} {other}",
            vg_plus * 0.3,
            CATEGORY["CD" if other == "CD" else "Vinyl"],
            "format",
        )
        add(f"Lot of 25 {word} records incl. {artist}", 40.0, category, "lot")
    for title, price in (
        ("Unknown Band - Nobody Heard This LP VG", 9.0),
        ("Various - Bargain Bin Sampler Cassette", 2.0),
    ):
        add(title, price, CATEGORY["Vinyl"], "unrelated")
    add(
        "[bold]Not[/bold] a \x1b[31mrecord\x1b[0m [link=https://evil.example]click[/link] LP",
        1.0,
        CATEGORY["Vinyl"],
        "hostile",
    )
    out.sort(key=lambda x: x.created, reverse=True)
    return out
