"""Auth, user agent, unknown paths and verbs, 204s, and the recorded error bodies."""

from __future__ import annotations

import httpx
from sandbox_testkit import UA, client, recorded

from gramtui.sandbox import Sandbox

U = "/users/demo"
MSG_AUTH = {"message": "You must authenticate to access this resource."}


def test_wrong_token_is_401_on_owner_endpoints(sandbox: Sandbox):
    with client(sandbox, token="not-the-token") as c:
        for method, url in (
            ("GET", "/oauth/identity"),
            ("GET", f"{U}/collection/folders"),
            ("GET", f"{U}/collection/folders/0/releases"),
            ("GET", f"{U}/wants"),
            ("GET", f"{U}/inventory"),
            ("POST", f"{U}/collection/folders"),
            ("GET", "/marketplace/price_suggestions/39000001"),
        ):
            r = c.request(method, url)
            assert r.status_code == 401, url
            assert r.json() == MSG_AUTH
            assert r.headers["www-authenticate"].startswith("OAuth realm=")


def test_token_in_query_works(sandbox: Sandbox):
    with client(sandbox, token=None) as c:
        assert c.get("/oauth/identity", params={"token": "sandbox-token"}).status_code == 200
        assert c.get("/oauth/identity", params={"token": "nope"}).status_code == 401


def test_no_token(sandbox: Sandbox):
    with client(sandbox, token=None) as c:
        assert c.get("/oauth/identity").json() == MSG_AUTH
        folders = c.get(f"{U}/collection/folders")
        assert folders.status_code == 403  # as recorded: 403 for reads, not 401
        assert folders.json()["message"].startswith("You are not allowed to view this resource.")
        assert c.get("/releases/39000001").status_code == 200
        public = c.get(f"{U}/inventory").json()["listings"]
        assert public and all(x["status"] == "For Sale" and "weight" not in x for x in public)
        assert c.put(f"{U}/wants/39000001").status_code == 401


def test_missing_user_agent_gets_an_empty_response(sandbox: Sandbox):
    transport = httpx.MockTransport(sandbox.handle)
    with httpx.Client(transport=transport, base_url="https://api.discogs.com") as c:
        r = c.get(
            "/oauth/identity",
            headers={"User-Agent": "", "Authorization": "Discogs token=sandbox-token"},
        )
    assert r.status_code == 403 and r.content == b""
    with httpx.Client(transport=transport, base_url="https://api.discogs.com") as c:
        assert c.get("/oauth/identity", headers={"User-Agent": UA}).status_code == 401


def test_unknown_path_and_wrong_verb(api: httpx.Client):
    r = api.get("/users/demo/collection/nothing")
    assert r.status_code == 404 and r.json() == {"message": "The requested resource was not found."}
    r = api.get(f"{U}/wants/39000001")
    assert r.status_code == 405 and set(r.headers["allow"].split(", ")) == {"PUT", "POST", "DELETE"}
    assert api.get("/users/someone-else/collection/folders").status_code == 404


def test_204_bodies_are_empty(api: httpx.Client, sandbox: Sandbox):
    inst = next(i for i in sandbox.state.instances.values() if i.folder_id == 242017)
    base = (
        f"{U}/collection/folders/{inst.folder_id}/releases/{inst.release_id}/instances/"
        f"{inst.instance_id}"
    )
    answers = [
        api.post(f"{base}/fields/3", json={"value": "Ring wear"}),
        api.post(base, json={"rating": 4, "folder_id": 1}),
        api.delete(f"{U}/wants/2147483647"),
        api.post(
            f"/marketplace/listings/{next(iter(sandbox.state.listings))}", json={"price": 9.99}
        ),
        api.delete(base),
    ]
    for a in answers:
        assert a.status_code == 204 and a.content == b"" and "content-type" not in a.headers
    assert inst.instance_id not in sandbox.state.instances


def test_instance_edits_and_their_errors(api: httpx.Client, sandbox: Sandbox):
    inst = next(i for i in sandbox.state.instances.values() if i.folder_id == 267116)
    base = f"{U}/collection/folders/267116/releases/{inst.release_id}/instances/{inst.instance_id}"
    r = api.post(base, json={"folder_id": 999999999})
    assert r.status_code == 422
    assert r.json() == {"message": "Invalid folder_id: folder does not exist."}
    r = api.post(base, json={"rating": 9, "folder_id": 1})
    assert r.status_code == 422 and inst.folder_id == 267116  # nothing half-done
    assert api.post(base, json={"rating": 5, "folder_id": 1281013}).status_code == 204
    assert (inst.rating, inst.folder_id) == (5, 1281013)
    missing = api.post(
        f"{U}/collection/folders/1/releases/{inst.release_id}/instances/1", json={"rating": 3}
    )
    assert missing.status_code == 404
    assert missing.json() == {
        "message": "The requested collection item does not exist in this user's collection."
    }
    bad = api.post(f"{base}/fields/1", json={"value": "API_TEST_NOT_A_REAL_OPTION"})
    assert bad.status_code == 422 and bad.json() == recorded("field_invalid_422_2026.json")
    assert api.post(f"{base}/fields/77", json={"value": "x"}).status_code == 422
    assert api.post(f"{base}/fields/1", params={"value": "Mint (M)"}).status_code == 204
    page = api.get(f"{U}/collection/releases/{inst.release_id}").json()
    mine = next(i for i in page["releases"] if i["instance_id"] == inst.instance_id)
    assert {"field_id": 1, "value": "Mint (M)"} in mine["notes"]


def test_folder_rules(api: httpx.Client):
    assert api.get(f"{U}/collection/folders/42").json() == {
        "message": "The requested folder does not exist."
    }
    made = api.post(f"{U}/collection/folders", json={"name": "Keepers"}).json()
    renamed = api.post(f"{U}/collection/folders/{made['id']}", json={"name": "Keep"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Keep"
    assert api.post(f"{U}/collection/folders/1", json={"name": "x"}).status_code == 403
    assert api.delete(f"{U}/collection/folders/1").status_code == 403
    assert api.delete(f"{U}/collection/folders/242017").status_code == 422  # not empty
    assert api.post(f"{U}/collection/folders/0/releases/39000001").status_code == 422
    added = api.post(f"{U}/collection/folders/{made['id']}/releases/39000001")
    assert added.status_code == 201 and added.json()["folder_id"] == made["id"]
    assert api.delete(f"{U}/collection/folders/{made['id']}").status_code == 422
    item = added.json()
    assert (
        api.delete(
            f"{U}/collection/folders/{made['id']}/releases/39000001/instances/{item['instance_id']}"
        ).status_code
        == 204
    )
    assert api.delete(f"{U}/collection/folders/{made['id']}").status_code == 204
    assert api.get(f"{U}/collection/folders/{made['id']}").status_code == 404
    assert api.post(f"{U}/collection/folders/1/releases/2147483647").json() == {
        "message": "Release not found."
    }


def test_database_not_found_messages(api: httpx.Client):
    assert api.get("/releases/2147483647").json() == {"message": "Release not found."}
    assert api.get("/masters/2147483647").json() == {"message": "Master Release not found."}
    assert api.get("/marketplace/stats/2147483647").status_code == 404
