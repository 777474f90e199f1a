"""Paging and sorting as Discogs does them."""

from __future__ import annotations

from datetime import datetime

import httpx

from gramtui.sandbox import Sandbox, SandboxServer
from gramtui.sandbox.collation import collation_key

RELEASES = "/users/demo/collection/folders/0/releases"


def walk(c: httpx.Client, url: str, key: str, **params: object) -> tuple[list[dict], int]:
    """Follow `urls.next` as a client should; returns the items and the number of requests."""
    items: list[dict] = []
    body = c.get(url, params={"per_page": 100, **params}).json()
    requests = 1
    items += body[key]
    while "next" in body["pagination"]["urls"]:
        body = c.get(body["pagination"]["urls"]["next"]).json()
        requests += 1
        items += body[key]
    return items, requests


def test_walk_returns_every_instance_once(
    loopback: tuple[SandboxServer, httpx.Client], sandbox: Sandbox
):
    _, c = loopback
    items, requests = walk(c, RELEASES, "releases")
    ids = [i["instance_id"] for i in items]
    assert len(ids) == len(set(ids)) == len(sandbox.state.instances) == 400
    assert requests == 4


def test_added_desc_is_newest_first(api: httpx.Client):
    items, _ = walk(api, RELEASES, "releases", sort="added", sort_order="desc")
    stamps = [datetime.fromisoformat(i["date_added"]) for i in items]
    assert stamps == sorted(stamps, reverse=True)
    assert stamps[0] > stamps[-1]


def test_default_sort_is_label_in_discogs_collation(api: httpx.Client):
    items, _ = walk(api, RELEASES, "releases")
    labels = [", ".join(lab["name"] for lab in i["basic_information"]["labels"]) for i in items]
    assert labels == sorted(labels, key=collation_key)
    assert labels[0] == ""  # the release without labels
    # Punctuation before digits before letters, as in the recorded pages.
    firsts = [lab for lab in labels if lab]
    assert firsts[0][0] in "([" and any(lab[0].isdigit() for lab in firsts[:40])
    mpi = [
        i["basic_information"]["labels"][0]["catno"]
        for i, lab in zip(items, labels, strict=True)
        if lab == "Musique Pour L'Image"
    ]
    assert mpi == sorted(mpi, key=collation_key) and len(mpi) == 3


def test_per_page_clamped_and_defaulted(api: httpx.Client):
    assert api.get(RELEASES, params={"per_page": 500}).json()["pagination"]["per_page"] == 100
    assert len(api.get(RELEASES, params={"per_page": 500}).json()["releases"]) == 100
    assert api.get(RELEASES).json()["pagination"]["per_page"] == 50
    assert api.get(RELEASES, params={"per_page": 0}).json()["pagination"]["per_page"] == 1
    page = api.get(RELEASES, params={"per_page": 500})
    assert "per_page=100" in page.json()["pagination"]["urls"]["next"]


def test_urls_only_for_existing_neighbours_and_link_header(api: httpx.Client):
    first = api.get(RELEASES, params={"per_page": 100})
    assert set(first.json()["pagination"]["urls"]) == {"next", "last"}
    assert 'rel="next"' in first.headers["link"] and 'rel="prev"' not in first.headers["link"]
    middle = api.get(RELEASES, params={"per_page": 100, "page": 2}).json()["pagination"]
    assert set(middle["urls"]) == {"first", "prev", "next", "last"}
    last = api.get(RELEASES, params={"per_page": 100, "page": 4})
    assert set(last.json()["pagination"]["urls"]) == {"first", "prev"}
    single = api.get("/users/demo/collection/folders/753688/releases")
    assert single.json()["pagination"] == {
        "page": 1,
        "pages": 1,
        "per_page": 50,
        "items": 0,
        "urls": {},
    }
    assert "link" not in single.headers


def test_page_outside_range_is_404_with_the_real_message(api: httpx.Client):
    r = api.get("/users/demo/wants", params={"per_page": 100, "page": 4})
    assert r.status_code == 404
    assert r.json() == {"message": "Page 4 is outside of valid range [1, 1]."}


def test_sorts_by_each_key_in_both_orders(api: httpx.Client):
    for sort in ("label", "artist", "title", "catno", "format", "rating", "added", "year"):
        asc = [i["instance_id"] for i in walk(api, RELEASES, "releases", sort=sort)[0]]
        desc = [
            i["instance_id"]
            for i in walk(api, RELEASES, "releases", sort=sort, sort_order="desc")[0]
        ]
        assert asc == desc[::-1] and len(set(asc)) == 400
    years = [
        i["basic_information"]["year"] for i in walk(api, RELEASES, "releases", sort="year")[0]
    ]
    assert years == sorted(years)


def test_folder_pages_hold_only_that_folder(api: httpx.Client):
    folders = api.get("/users/demo/collection/folders").json()["folders"]
    for f in folders[1:]:
        items, _ = walk(api, f"/users/demo/collection/folders/{f['id']}/releases", "releases")
        assert len(items) == f["count"]
        assert all(i["folder_id"] == f["id"] for i in items)


def test_inventory_and_wants_paging(api: httpx.Client, sandbox: Sandbox):
    listings, _ = walk(api, "/users/demo/inventory", "listings")
    assert len({x["id"] for x in listings}) == 60
    wants, _ = walk(api, "/users/demo/wants", "wants")
    assert [w["id"] for w in wants] == [w.release_id for w in sandbox.state.wants_sorted()]
    posted = [
        x["posted"]
        for x in walk(api, "/users/demo/inventory", "listings", sort="price", sort_order="desc")[0]
    ]
    prices = [
        x["price"]["value"]
        for x in walk(api, "/users/demo/inventory", "listings", sort="price", sort_order="desc")[0]
    ]
    assert prices == sorted(prices, reverse=True) and len(posted) == 60
