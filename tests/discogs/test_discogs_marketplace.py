"""Inventory, listings, price suggestions and market stats, against recorded Discogs answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from gramtui.domain.marketplace import CONDITIONS
from gramtui.domain.money import Money

INVENTORY = "users/brotherlogic/inventory_status=For%20Sale_per_page=100_token=token"
LISTINGS = "marketplace/listings"


def test_inventory_page_of_322_listings(make_client, rec):
    client, server = make_client(rec.brotherlogic(INVENTORY))
    page = client.inventory_page("brotherlogic", status="For Sale")
    params = server.requests[0].url.params
    assert params["status"] == "For Sale" and params["per_page"] == "100" and params["page"] == "1"
    assert (page.page, page.pages, page.per_page, page.total, len(page.items)) == (
        1,
        4,
        100,
        322,
        100,
    )
    first = page.items[0]
    assert (first.listing_id, first.release_id, first.status) == (891183783, 551582, "For Sale")
    assert first.price == Money(1035, "USD")
    assert (
        first.condition == "Near Mint (NM or M-)"
        and first.sleeve_condition == "Near Mint (NM or M-)"
    )
    assert first.posted == datetime(2020, 3, 11, 12, 41, 34, tzinfo=UTC)
    assert (first.artist, first.title, first.format, first.catno) == (
        "John Cameron (2)",
        "Kes",
        "CD",
        "KES 001 CD",
    )
    assert first.instance_id is None  # matched to the collection by the engine, not by Discogs
    assert {item.price.currency for item in page.items} == {"USD"}
    assert all(item.condition in CONDITIONS for item in page.items)


def test_inventory_without_status_and_other_eras(make_client, rec):
    client, server = make_client(
        rec.body_only(
            "joalla/users/example/inventory_per_page=50&page=1.json", "/users/example/inventory"
        ),
        rec.raw_http("ricbra/get_inventory.http", "/users/360vinyl/inventory"),
    )
    page = client.inventory_page("example", per_page=50)
    assert "status" not in server.requests[0].url.params
    rome = page.items[0]
    assert (rome.listing_id, rome.price, rome.catno) == (
        150899904,
        Money(14999, "USD"),
        "509990292346, TMR092",
    )
    assert rome.comments == "Includes promotional booklet from original purchase!"
    public = client.inventory_page("360vinyl", per_page=50, sort="price", sort_order="asc")
    assert (public.total, public.pages, len(public.items)) == (479, 10, 50)


@pytest.mark.parametrize(
    ("file", "listing_id", "status", "cents", "catno"),
    [
        ("647415422_curr_abbr=USD_token=token", 647415422, "Deleted", 1500, "etat04"),
        ("805377156_curr_abbr=USD_token=token", 805377159, "Expired", 975, "NA-5127-CD, NA-5127"),
        ("885335204_curr_abbr=USD_token=token", 885335204, "Sold", 1065, "ASP39"),
    ],
)
def test_get_listing(make_client, rec, file, listing_id, status, cents, catno):
    client, server = make_client(rec.brotherlogic(f"{LISTINGS}/{file}"))
    asked = int(file.split("_")[0])
    listing = client.get_listing(asked, currency="USD")
    assert server.requests[0].url.params["curr_abbr"] == "USD"
    assert (listing.listing_id, listing.status, listing.price, listing.catno) == (
        listing_id,
        status,
        Money(cents, "USD"),
        catno,
    )
    assert listing.posted is not None and listing.posted.tzinfo is UTC


def test_edit_listing_is_a_204_with_the_documented_body(make_client, rec):
    edit = rec.brotherlogic(
        f"{LISTINGS}/805055435_curr_abr=USD_token=token", method="POST", query={}
    )
    assert edit.status == 204
    client, server = make_client(edit)
    result = client.edit_listing(
        805055435,
        release_id=1067263,
        condition="Very Good Plus (VG+)",
        price=Money(1250, "USD"),
        sleeve_condition="Generic",
        comments="Plays well",
    )
    assert result is None
    body = json.loads(server.requests[0].content)
    assert body == {
        "release_id": 1067263,
        "condition": "Very Good Plus (VG+)",
        "price": 12.5,
        "status": "For Sale",
        "sleeve_condition": "Generic",
        "comments": "Plays well",
    }


def test_edit_listing_refuses_an_unknown_condition_before_any_request(make_client, rec):
    client, server = make_client()
    with pytest.raises(ValueError, match="media condition"):
        client.edit_listing(1, release_id=2, condition="VG+", price=Money(100))
    assert server.requests == [] and client.requests_made == 0


def test_create_listing_returns_the_new_id(make_client, rec):
    client, server = make_client(
        rec.brotherlogic("marketplace/listings_token=token", method="POST")
    )
    listing_id = client.create_listing(249504, "Mint (M)", Money(2000, "USD"), status="Draft")
    assert listing_id == 2375135419
    assert json.loads(server.requests[0].content)["status"] == "Draft"


def test_delete_listing_never_parses_the_204_body(make_client, rec):
    # a docs-derived answer: "204" with a "{}" body, which must not be read
    client, server = make_client(
        rec.raw_http("ricbra/delete_listing.http", "/marketplace/listings/7", method="DELETE")
    )
    assert client.delete_listing(7) is None
    assert server.requests[0].method == "DELETE"


@pytest.mark.parametrize(
    ("file", "currency", "mint", "poor"),
    [
        ("brotherlogic/marketplace/price_suggestions/1215019_token=token", "USD", 1875, 99),
        ("brotherlogic/marketplace/price_suggestions/2576104_token=token", "USD", 716, 38),
        ("irlndts/marketplace_price_suggestions_EUR.json", "EUR", 1663, 88),
    ],
)
def test_price_suggestions(make_client, rec, file, currency, mint, poor):
    client, server = make_client(rec.body_only(file, "/marketplace/price_suggestions/42"))
    suggestions = client.price_suggestions(42)
    assert set(suggestions) == set(CONDITIONS)
    assert suggestions["Mint (M)"] == Money(mint, currency)
    assert suggestions["Poor (P)"] == Money(poor, currency)


def test_no_price_suggestion_is_an_empty_dict(make_client, rec):
    client, _ = make_client(rec.brotherlogic("marketplace/price_suggestions/2576105_token=token"))
    assert client.price_suggestions(2576105) == {}


def test_market_stats(make_client, rec):
    client, server = make_client(
        rec.body_only(
            "irlndts/marketplace_stats.json", "/marketplace/stats/1", query={"curr_abbr": "USD"}
        ),
        rec.body_only("joalla/marketplace/stats/1.json", "/marketplace/stats/1"),
    )
    assert client.market_stats(1, currency="USD") == (Money(1807, "USD"), 4)
    assert client.market_stats(1) == (Money(10000, "EUR"), 10)  # no blocked_from_sale key
    assert "curr_abbr" not in server.requests[1].url.params


def test_market_stats_with_nothing_for_sale(make_client, rec):
    # the documented shape when nothing is for sale (no recording of it exists)
    body = b'{"lowest_price": null, "num_for_sale": null, "blocked_from_sale": false}'
    client, _ = make_client(rec.Recorded("GET", "/marketplace/stats/9", {}, 200, [], body))
    assert client.market_stats(9) == (None, None)
