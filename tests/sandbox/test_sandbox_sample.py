"""The bundled sample account, its scaling, and the state's "user edits on Discogs" helpers."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest

from gramtui.sandbox import Sandbox, SandboxError, build_state
from gramtui.sandbox.sample import format_kind


def kinds(state) -> Counter[str]:
    return Counter(
        format_kind(state.releases[i.release_id].formats) for i in state.instances.values()
    )


def test_bundled_account_composition():
    state = build_state()
    assert len(state.instances) == 400
    mix = kinds(state)
    assert set(mix) == {"lp", "7", "10", "cd", "cassette", "box"}
    assert 0.03 <= mix["box"] / 400 <= 0.07
    assert 8 <= len(state.folders) <= 12
    names = {f.name for f in state.folders.values()}
    assert {"12s", "7s", "CDs", "Boxsets", "Uncategorized", "For Sale", "Cleaning Pile"} <= names
    assert {f.name: f.type for f in state.fields.values()} == {
        "Media Condition": "dropdown",
        "Sleeve Condition": "dropdown",
        "Notes": "textarea",
        "Cleaned": "dropdown",
        "Width": "textarea",
    }
    assert Counter(x.status for x in state.listings.values()) == {
        "For Sale": 48,
        "Draft": 5,
        "Expired": 4,
        "Sold": 3,
    }
    owned = {i.release_id for i in state.instances.values()}
    assert 10 <= sum(x.release_id in owned for x in state.listings.values()) < 60
    assert len(state.wants) == 40 and not set(state.wants) & owned
    widths = [i.notes[5] for i in state.instances.values() if 5 in i.notes]
    assert widths and all(float(w) > 0 for w in widths)
    assert any(i.notes.get(4) == "No" for i in state.instances.values())


def test_bundled_account_has_the_awkward_strings():
    state = build_state()
    releases = [state.releases[i.release_id] for i in state.instances.values()]
    artists = {a.name for r in releases for a in r.artists}
    titles = {r.title for r in releases}
    catnos = {lab.catno for r in releases for lab in r.labels}
    assert "AC/DC [/live]" in artists and "[dub] mix" in titles
    assert {"MPI/LP - 512", "MPI/LP 521", "MPI/LP-519", "ABC-9", "ABC-10"} <= catnos
    assert any(any("\u3040" <= ch <= "\u9fff" for ch in t) for t in titles)  # Japanese
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in t) for t in titles)  # Cyrillic
    assert any(not r.labels for r in releases)
    assert any(f.descriptions is None for r in releases for f in r.formats)


def test_same_arguments_same_account():
    a, b = build_state(1000, seed=3), build_state(1000, seed=3)
    assert [(i.instance_id, i.release_id, i.folder_id, i.added) for i in a.instances.values()] == [
        (i.instance_id, i.release_id, i.folder_id, i.added) for i in b.instances.values()
    ]
    listed = sorted(x.release_id for x in a.listings.values())
    assert [a.suggestions_for(r) for r in listed] == [b.suggestions_for(r) for r in listed]
    assert [a.stats_for(r) for r in listed] == [b.stats_for(r) for r in listed]
    c = build_state(1000, seed=4)
    assert [a.releases[i.release_id].title for i in a.instances.values()] != [
        c.releases[i.release_id].title for i in c.instances.values()
    ]


def test_scaled_to_the_real_account_size():
    state = build_state(3104, listings=322, wants=286)
    assert (len(state.instances), len(state.listings), len(state.wants)) == (3104, 322, 286)
    assert len({i.instance_id for i in state.instances.values()}) == 3104
    assert all(i.release_id in state.releases for i in state.instances.values())
    owned = {i.release_id for i in state.instances.values()}
    assert not set(state.wants) & owned
    mix = kinds(state)
    assert 0.03 <= mix["box"] / 3104 <= 0.07 and mix["cassette"] > 50
    small = build_state(100)
    assert len(small.instances) == 100 and len(small.listings) == 15


@pytest.mark.slow
def test_scaling_to_50000_is_servable():
    # How fast it builds is measured by tests/bench, not asserted here.
    state = build_state(50_000)
    assert len(state.instances) == 50_000
    sandbox = Sandbox(state)
    with httpx.Client(
        transport=httpx.MockTransport(sandbox.handle),
        base_url="https://x",
        headers={"User-Agent": "t/1", "Authorization": "Discogs token=sandbox-token"},
    ) as c:
        last = c.get(
            "/users/demo/collection/folders/0/releases",
            params={"per_page": 100, "page": 500, "sort": "added"},
        ).json()
        again = c.get(
            "/users/demo/collection/folders/0/releases",
            params={"per_page": 100, "page": 499, "sort": "added"},
        )
        assert again.status_code == 200
    assert last["pagination"]["pages"] == 500 and len(last["releases"]) == 100


def test_state_helpers_show_through_the_api(api: httpx.Client, sandbox: Sandbox):
    state = sandbox.state
    inst = next(iter(state.instances.values()))
    state.move_instance(inst.instance_id, 1281013)
    state.set_rating(inst.instance_id, 2)
    seen = api.get(f"/users/demo/collection/releases/{inst.release_id}").json()["releases"]
    mine = next(i for i in seen if i["instance_id"] == inst.instance_id)
    assert (mine["folder_id"], mine["rating"]) == (1281013, 2)
    new = state.add_instance(39000003, 1, added=1_787_500_000)
    newest = api.get(
        "/users/demo/collection/folders/0/releases", params={"sort": "added", "sort_order": "desc"}
    ).json()["releases"][0]
    assert newest["instance_id"] == new.instance_id
    state.delete_instance(inst.instance_id)
    folders = api.get("/users/demo/collection/folders").json()["folders"]
    assert folders[0]["count"] == 400
    with pytest.raises(SandboxError, match="does not exist in this user's collection"):
        state.move_instance(inst.instance_id, 1)
    with pytest.raises(SandboxError, match="Invalid folder_id"):
        state.move_instance(new.instance_id, 424242)
