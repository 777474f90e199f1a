"""Inventory, listing edits and their rules, price suggestions and stats."""

from __future__ import annotations

import httpx
import pytest
from helpers.clock import FakeClock
from sandbox_testkit import client

from gramtui.sandbox import Sandbox, SandboxConfig, build_state


def listing_with(sandbox: Sandbox, status: str) -> int:
    return next(x.id for x in sandbox.state.listings.values() if x.status == status)


def test_inventory_status_filter_and_invalid_status(api: httpx.Client, sandbox: Sandbox):
    for status, n in (("For Sale", 48), ("Draft", 5), ("Expired", 4), ("Sold", 3), ("All", 60)):
        page = api.get("/users/demo/inventory", params={"status": status, "per_page": 100})
        assert page.json()["pagination"]["items"] == n
        assert status == "All" or {x["status"] for x in page.json()["listings"]} == {status}
    bad = api.get("/users/demo/inventory", params={"status": "Gone"})
    assert bad.status_code == 422
    assert bad.json() == {
        "message": "Invalid status: expected one of All, Deleted, Draft, "
        "Expired, For Sale, Sold, Suspended, Violation."
    }


def test_edit_accepts_a_partial_body(api: httpx.Client, sandbox: Sandbox):
    lid = listing_with(sandbox, "For Sale")
    before = api.get(f"/marketplace/listings/{lid}").json()
    assert api.post(f"/marketplace/listings/{lid}", json={"price": 21.0}).status_code == 204
    after = api.get(f"/marketplace/listings/{lid}").json()
    assert after["price"] == {"currency": "USD", "value": 21.0}
    assert (after["condition"], after["status"]) == (before["condition"], before["status"])
    full = {
        "listing_id": lid,
        "release_id": before["release"]["id"],
        "condition": "Mint (M)",
        "price": 30,
        "status": "Draft",
    }
    assert api.post(f"/marketplace/listings/{lid}", json=full).status_code == 204
    assert sandbox.state.listings[lid].status == "Draft"


def test_only_for_sale_draft_expired_are_editable(api: httpx.Client, sandbox: Sandbox):
    expired = listing_with(sandbox, "Expired")
    assert api.post(f"/marketplace/listings/{expired}", json={"price": 5}).status_code == 204
    sold = listing_with(sandbox, "Sold")
    r = api.post(f"/marketplace/listings/{sold}", json={"price": 5})
    assert r.status_code == 422 and "Sold" in r.json()["message"]
    assert api.post("/marketplace/listings/1", json={"price": 5}).status_code == 404
    lid = listing_with(sandbox, "For Sale")
    price = sandbox.state.listings[lid].price
    for body in (
        {"price": -1},
        {"price": "cheap"},
        {"condition": "Great"},
        {"status": "Sold"},
        {"price": 3, "sleeve_condition": "Shiny"},
    ):
        assert api.post(f"/marketplace/listings/{lid}", json=body).status_code == 422, body
    assert sandbox.state.listings[lid].price == price  # a refused edit changes nothing


def test_user_edits_on_discogs_show_through(api: httpx.Client, sandbox: Sandbox):
    lid = listing_with(sandbox, "For Sale")
    sandbox.state.set_listing_price(lid, "7.77")
    assert api.get(f"/marketplace/listings/{lid}").json()["price"]["value"] == 7.77
    sandbox.state.set_listing_status(lid, "Sold")
    assert api.post(f"/marketplace/listings/{lid}", json={"price": 8}).status_code == 422
    sold = api.get("/users/demo/inventory", params={"status": "Sold"}).json()
    assert lid in {x["id"] for x in sold["listings"]}


def test_create_and_delete(api: httpx.Client, sandbox: Sandbox):
    missing = api.post("/marketplace/listings", json={"release_id": 39000001, "price": 5})
    assert missing.status_code == 422 and "condition" in missing.json()["message"]
    made = api.post(
        "/marketplace/listings",
        json={
            "release_id": 39000001,
            "condition": "Very Good Plus (VG+)",
            "price": "14.50",
            "sleeve_condition": "Generic",
            "comments": "Plays great.",
        },
    )
    assert made.status_code == 201
    lid = made.json()["listing_id"]
    assert made.json()["resource_url"] == f"https://api.discogs.com/marketplace/listings/{lid}"
    shown = api.get(f"/marketplace/listings/{lid}").json()
    assert (shown["status"], shown["price"]["value"], shown["comments"]) == (
        "For Sale",
        14.5,
        "Plays great.",
    )
    assert api.delete(f"/marketplace/listings/{lid}").status_code == 204
    assert api.get(f"/marketplace/listings/{lid}").json()["status"] == "Deleted"
    assert api.delete(f"/marketplace/listings/{lid}").status_code == 404
    assert lid not in {
        x["id"]
        for x in api.get("/users/demo/inventory", params={"per_page": 100}).json()["listings"]
    }


def test_suggestions_and_stats(api: httpx.Client, sandbox: Sandbox, clock: FakeClock):
    listed = {x.release_id for x in sandbox.state.listings.values()}
    wanted = set(sandbox.state.wants)
    bodies = {
        rid: api.get(f"/marketplace/price_suggestions/{rid}").json() for rid in listed | wanted
    }
    empty = [rid for rid, b in bodies.items() if b == {}]
    assert 0 < len(empty) < len(bodies) / 4
    some = next(b for b in bodies.values() if b)
    assert (
        some["Mint (M)"]["value"]
        > some["Near Mint (NM or M-)"]["value"]
        > some["Poor (P)"]["value"]
    )
    stats = [api.get(f"/marketplace/stats/{rid}").json() for rid in listed | wanted]
    assert any(s["lowest_price"] is None for s in stats)
    assert any(s["lowest_price"] and s["num_for_sale"] > 0 for s in stats)
    no_seller = Sandbox(build_state(), SandboxConfig(seller_settings=False), clock=clock.monotonic)
    with client(no_seller) as c:
        r = c.get(f"/marketplace/price_suggestions/{next(iter(listed))}")
    assert r.status_code == 403
    with client(no_seller, token=None) as c:
        assert c.get(f"/marketplace/stats/{next(iter(listed))}").status_code == 200


def test_bad_market_serves_odd_figures_and_refuses_an_unknown_mode() -> None:
    from gramtui.sandbox.errors import SandboxConfigError
    from gramtui.sandbox.market import spoiled

    assert spoiled(12.5, "USD", "zero") == (0.0, "USD")
    assert spoiled(12.5, "USD", "negative") == (-12.5, "USD")
    assert spoiled(12.5, "USD", "huge") == (1e9, "USD")
    assert spoiled(12.5, "USD", "currency") == (12.5, "EUR")
    assert spoiled(12.5, "USD", "") == (12.5, "USD")
    with pytest.raises(SandboxConfigError, match="bad_market is 'silly'"):
        SandboxConfig(bad_market="silly")
