"""The sandbox answers with the shapes of the recorded real responses (over loopback HTTP)."""

from __future__ import annotations

import httpx
from sandbox_testkit import recorded

from gramtui.domain.marketplace import CONDITIONS
from gramtui.sandbox import SandboxServer

U = "/users/demo"


def keys_of(items: list[dict]) -> set[str]:
    out: set[str] = set()
    for item in items:
        out |= set(item)
    return out


def test_collection_item_has_every_recorded_key(loopback: tuple[SandboxServer, httpx.Client]):
    _, c = loopback
    body = c.get(f"{U}/collection/folders/0/releases", params={"per_page": 100}).json()
    ours = body["releases"]
    for name in ("collection_page_2017.json", "collection_page_2026.json"):
        real = recorded(name)["releases"][0]
        assert set(real) - {"notes"} <= keys_of(ours)
        assert set(real["basic_information"]) <= set(ours[0]["basic_information"])
        real_fmt = real["basic_information"]["formats"][0]
        assert set(real_fmt) <= keys_of(
            [f for i in ours for f in i["basic_information"]["formats"]]
        )
        assert set(real["basic_information"]["labels"][0]) == set(
            next(i for i in ours if i["basic_information"]["labels"])["basic_information"][
                "labels"
            ][0]
        )
        assert set(real["basic_information"]["artists"][0]) == set(
            ours[0]["basic_information"]["artists"][0]
        )
    assert set(body["pagination"]) == set(recorded("collection_page_2017.json")["pagination"])
    noted = [i for i in ours if "notes" in i]
    assert noted and set(noted[0]["notes"][0]) == {"field_id", "value"}
    assert all(isinstance(f["qty"], str) for i in ours for f in i["basic_information"]["formats"])
    assert all(i["date_added"][-6:] in ("-07:00", "-08:00") for i in ours)


def test_folders_fields_identity_and_create_shapes(loopback: tuple[SandboxServer, httpx.Client]):
    _, c = loopback
    folders = c.get(f"{U}/collection/folders").json()["folders"]
    assert set(folders[0]) == set(recorded("folders_2017.json")["folders"][0])
    assert folders[0]["name"] == "All" and folders[0]["id"] == 0
    assert folders[0]["count"] == sum(f["count"] for f in folders[1:])
    names = [f["name"] for f in folders[1:]]
    assert names == sorted(names, key=str.casefold)
    fields = c.get(f"{U}/collection/fields").json()["fields"]
    real = {f["type"]: set(f) for f in recorded("fields_2026.json")["fields"]}
    assert all(set(f) == real[f["type"]] for f in fields)
    assert set(c.get("/oauth/identity").json()) == set(recorded("identity.json"))
    created = c.post(f"{U}/collection/folders", json={"name": "x" * 57})
    assert created.status_code == 201
    assert set(created.json()) == set(recorded("folder_create_2026.json"))
    assert len(created.json()["name"]) == 50  # real: names are cut to 50 characters


def test_inventory_listing_has_every_recorded_key(loopback: tuple[SandboxServer, httpx.Client]):
    _, c = loopback
    ours = c.get(f"{U}/inventory", params={"per_page": 100}).json()["listings"]
    real = recorded("inventory_page_2020.json")["listings"][0]
    assert set(real) == set(ours[0])
    assert set(real["release"]) == set(ours[0]["release"])
    assert set(real["seller"]) == set(ours[0]["seller"])
    assert set(real["price"]) == set(ours[0]["price"])
    assert set(real["original_price"]) == set(ours[0]["original_price"])
    created = c.post(
        "/marketplace/listings",
        json={
            "release_id": ours[0]["release"]["id"],
            "condition": "Mint (M)",
            "price": 12.5,
            "status": "Draft",
        },
    )
    assert created.status_code == 201
    assert set(created.json()) == set(recorded("listing_create_2023.json"))


def test_want_suggestion_stats_and_version_shapes(loopback: tuple[SandboxServer, httpx.Client]):
    server, c = loopback
    wants = c.get(f"{U}/wants").json()["wants"]
    for name in ("wants_page_2020.json",):
        real = recorded(name)["wants"][0]
        assert set(real) == set(wants[0])
        assert set(real["basic_information"]) == set(wants[0]["basic_information"])
    put = c.put(f"{U}/wants/39000004")
    assert put.status_code == 201
    assert set(put.json()) == set(recorded("want_put_2026.json"))
    listed = c.get(f"{U}/inventory").json()["listings"]
    suggestions = [
        c.get(f"/marketplace/price_suggestions/{x['release']['id']}").json() for x in listed
    ]
    full = [s for s in suggestions if s]
    assert full and all(set(s) == set(recorded("price_suggestions_2020.json")) for s in full)
    assert set(full[0]) == set(CONDITIONS)
    assert any(s == recorded("price_suggestions_none_2020.json") for s in suggestions)
    stats = c.get(f"/marketplace/stats/{listed[0]['release']['id']}").json()
    assert set(stats) == set(recorded("marketplace_stats.json"))
    versions = c.get("/masters/38998/versions").json()
    real_version = recorded("versions_page.json")["versions"][0]
    assert set(real_version) <= set(versions["versions"][0])
    assert versions["pagination"]["items"] == 16
    assert versions["versions"][0]["resource_url"].startswith(server.url)


def test_add_to_folder_answers_the_2026_item(loopback: tuple[SandboxServer, httpx.Client]):
    server, c = loopback
    made = c.post(f"{U}/collection/folders/1/releases/39000002")
    real = recorded("add_to_folder_2026.json")
    assert made.status_code == 201
    body = made.json()
    assert set(real) == set(body)
    assert set(real["basic_information"]) <= set(body["basic_information"])
    assert body["resource_url"] == (
        f"{server.url}/users/demo/collection/folders/1/releases/"
        f"39000002?instance_id={body['instance_id']}"
    )


def test_resource_urls_use_the_servers_own_base(loopback: tuple[SandboxServer, httpx.Client]):
    server, c = loopback
    page = c.get(f"{U}/collection/folders/0/releases").json()
    assert page["pagination"]["urls"]["next"].startswith(f"{server.url}{U}/collection/")
    item = page["releases"][0]
    assert item["basic_information"]["resource_url"].startswith(server.url)
    assert "api.discogs.com" not in c.get(f"{U}/inventory").text
