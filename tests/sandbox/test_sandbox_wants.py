"""The wantlist: PUT adds (201), POST edits (200), DELETE removes (204, also when absent)."""

from __future__ import annotations

import httpx
from sandbox_testkit import recorded

from gramtui.sandbox import Sandbox

W = "/users/demo/wants"


def test_add_edit_remove(api: httpx.Client, sandbox: Sandbox):
    assert 39000005 not in sandbox.state.wants
    put = api.put(f"{W}/39000005", json={"notes": "the MPI one"})
    assert put.status_code == 201
    assert put.json()["notes"] == "the MPI one" and put.json()["rating"] == 0
    again = api.put(f"{W}/39000005")
    assert again.status_code == 201 and again.json()["notes"] == "the MPI one"
    edit = api.post(f"{W}/39000005", json={"rating": 4})
    assert edit.status_code == 200 and edit.json()["rating"] == 4
    assert 39000005 in {w["id"] for w in api.get(W, params={"per_page": 100}).json()["wants"]}
    assert api.delete(f"{W}/39000005").status_code == 204
    assert api.delete(f"{W}/39000005").status_code == 204  # idempotent
    assert 39000005 not in sandbox.state.wants


def test_errors(api: httpx.Client):
    unknown = api.put(f"{W}/2147483647")
    assert unknown.status_code == 404
    assert unknown.json() == {"message": "That release does not exist in the user's wantlist."}
    assert api.post(f"{W}/39000006", json={"notes": "x"}).status_code == 404
    assert api.put(f"{W}/39000006", json={"rating": 8}).status_code == 422


def test_user_edits_on_discogs_show_through(api: httpx.Client, sandbox: Sandbox):
    gone = next(iter(sandbox.state.wants))
    assert sandbox.state.remove_want(gone) is True
    assert sandbox.state.remove_want(gone) is False
    sandbox.state.add_want(39000007, notes="from the site", added=1_787_000_000)
    ids = [w["id"] for w in api.get(W, params={"per_page": 100}).json()["wants"]]
    assert gone not in ids and ids[0] == 39000007  # newest first
    assert set(recorded("want_put_2026.json")) == set(api.put(f"{W}/39000006").json())
