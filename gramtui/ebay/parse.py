"""eBay JSON -> domain objects. A wrong shape raises EbayBadResponse saying what was wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import InvalidOperation
from typing import Any

from gramtui.domain.deals.listing import EbayListing
from gramtui.domain.money import Money
from gramtui.ebay.errors import EbayBadResponse


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    offset: int
    limit: int
    has_next: bool
    items: list[EbayListing]
    skipped: int = 0  # items of a shape we cannot read (kept out, counted)


def _money(value: Any, where: str) -> Money:
    if not isinstance(value, dict) or not isinstance(value.get("value"), str | int | float):
        raise EbayBadResponse(f"{where} is not an amount")
    currency = value.get("currency")
    if not isinstance(currency, str) or len(currency) != 3:
        raise EbayBadResponse(f"{where} has no currency")
    try:
        return Money.from_value(str(value["value"]), currency)
    except InvalidOperation:
        raise EbayBadResponse(f"{where} is not a number") from None


def _when(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _object(item: dict[str, Any], key: str) -> dict[str, Any]:
    """item[key] when it is a JSON object, else an empty one."""
    value = item.get(key)
    return value if isinstance(value, dict) else {}


def parse_item(item: Any) -> EbayListing:
    if not isinstance(item, dict):
        raise EbayBadResponse("an item summary is not an object")
    item_id, title, url = item.get("itemId"), item.get("title"), item.get("itemWebUrl")
    if not isinstance(item_id, str) or not isinstance(title, str):
        raise EbayBadResponse("an item summary has no itemId or title")
    price = _money(item.get("price"), "price")
    shipping = None
    for option in item.get("shippingOptions") or []:
        if isinstance(option, dict) and isinstance(option.get("shippingCost"), dict):
            cost = _money(option["shippingCost"], "shippingCost")
            shipping = cost if shipping is None or cost.cents < shipping.cents else shipping
    seller, image, location = (
        _object(item, "seller"),
        _object(item, "image"),
        _object(item, "itemLocation"),
    )
    categories = item.get("categories") if isinstance(item.get("categories"), list) else []
    score = seller.get("feedbackScore")
    return EbayListing(
        item_id=item_id,
        title=title,
        price=price,
        shipping=shipping,
        url=url if isinstance(url, str) else "",
        condition=str(item.get("condition") or ""),
        condition_id=str(item.get("conditionId") or ""),
        seller=str(seller.get("username") or ""),
        feedback_percent=str(seller.get("feedbackPercentage") or ""),
        feedback_score=score if isinstance(score, int) else None,
        image=str(image.get("imageUrl") or ""),
        buying_options=tuple(str(b) for b in item.get("buyingOptions") or ()),
        country=str(location.get("country") or ""),
        created=_when(item.get("itemCreationDate")),
        category_id=str(categories[0].get("categoryId") or "")
        if categories and isinstance(categories[0], dict)
        else "",
    )


def parse_search(data: Any) -> SearchPage:
    if not isinstance(data, dict) or not isinstance(data.get("total"), int):
        raise EbayBadResponse("the search answer has no total")
    summaries = data.get("itemSummaries", [])
    if not isinstance(summaries, list):
        raise EbayBadResponse("itemSummaries is not a list")
    items: list[EbayListing] = []
    skipped = 0
    for raw in summaries:
        try:
            items.append(parse_item(raw))
        except EbayBadResponse:
            skipped += 1
    if summaries and not items:
        raise EbayBadResponse("no item summary could be read")
    return SearchPage(
        total=data["total"],
        offset=int(data.get("offset") or 0),
        limit=int(data.get("limit") or 0),
        has_next=isinstance(data.get("next"), str),
        items=items,
        skipped=skipped,
    )


def parse_token(data: Any) -> tuple[str, int]:
    if not isinstance(data, dict) or not isinstance(data.get("access_token"), str):
        raise EbayBadResponse("the token answer has no access_token")
    expires = data.get("expires_in")
    return data["access_token"], expires if isinstance(expires, int) and expires > 0 else 7200
