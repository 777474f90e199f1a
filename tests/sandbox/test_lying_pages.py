"""The sandbox's hostile pagination modes lie exactly as documented (sandbox/lying_pages.py)."""

from __future__ import annotations

import pytest
from helpers.clock import FakeClock
from sandbox_testkit import client

from gramtui.sandbox import Sandbox, SandboxConfig, SandboxConfigError, build_state

PATH = "/users/demo/collection/folders/0/releases"


def _pages(mode: str, *pages: int) -> list[dict]:
    clock = FakeClock()
    sandbox = Sandbox(
        build_state(instances=250),
        SandboxConfig(rate_limit=10_000, pagination_lie=mode),
        clock=clock.monotonic,
        sleep=clock.sleep,
    )
    with client(sandbox) as c:
        out = []
        for n in pages:
            r = c.get(PATH, params={"per_page": 100, "page": n})
            assert r.status_code == 200, r.text
            out.append(r.json())
        return out


def _ids(body: dict) -> list[int]:
    return [x["instance_id"] for x in body["releases"]]


def test_pages_one_claims_one_page_of_what_it_holds() -> None:
    first, second = _pages("pages_one", 1, 2)
    assert (first["pagination"]["pages"], first["pagination"]["items"]) == (1, 100)
    assert len(_ids(second)) == 100 and set(_ids(second)).isdisjoint(_ids(first))


def test_negative_figures() -> None:
    [negative] = _pages("pages_negative", 1)
    assert (negative["pagination"]["pages"], negative["pagination"]["items"]) == (-5, -1)
    [items] = _pages("items_negative", 1)
    assert (items["pagination"]["pages"], items["pagination"]["items"]) == (3, -1)


def test_huge_page_counts_serve_empty_pages_past_the_end() -> None:
    first, past = _pages("pages_huge", 1, 4)
    assert first["pagination"]["pages"] == 10**9 and first["pagination"]["items"] == 250
    assert past["releases"] == []


def test_repeat_and_cycle() -> None:
    one, two, three = _pages("repeat", 1, 2, 3)
    assert _ids(one) == _ids(two) == _ids(three) and one["pagination"]["items"] == 10**11
    one, two, three = _pages("cycle", 1, 2, 3)
    assert _ids(one) == _ids(three) != _ids(two)


def test_an_unknown_mode_is_refused_with_the_known_ones() -> None:
    with pytest.raises(SandboxConfigError, match="pagination_lie is 'sometimes'; known: pages_one"):
        SandboxConfig(pagination_lie="sometimes")
