"""A small stateful Discogs for the wantlist: what the app adds and removes really changes it.

Answers follow the recordings (tests/fixtures/discogs/damidhagor wantlist tests): PUT answers 201
with the want object, DELETE answers 204 whether or not the want was there, an unknown release
answers 404 with Discogs' message. Masters answer with their main release.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import httpx

_WANT = re.compile(r"^/users/([^/]+)/wants/(\d+)$")
_MASTER = re.compile(r"^/masters/(\d+)$")


@dataclass
class FakeDiscogs:
    wants: set[int] = field(default_factory=set)
    masters: dict[int, int] = field(default_factory=dict)  # master id -> main release
    missing_releases: set[int] = field(default_factory=set)
    calls: list[tuple[str, int]] = field(default_factory=list)  # (method, id) in order

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if (want := _WANT.match(path)) is not None:
            release_id = int(want.group(2))
            self.calls.append((request.method, release_id))
            if request.method == "PUT":
                if release_id in self.missing_releases:
                    return _json(
                        404, {"message": "That release does not exist in the user's wantlist."}
                    )
                self.wants.add(release_id)
                return _json(201, _want_object(want.group(1), release_id))
            if request.method == "DELETE":
                self.wants.discard(release_id)
                return httpx.Response(204)
        if (master := _MASTER.match(path)) is not None and request.method == "GET":
            master_id = int(master.group(1))
            self.calls.append(("GET master", master_id))
            if master_id not in self.masters:
                return _json(404, {"message": "Master Release not found."})
            return _json(
                200,
                {
                    "id": master_id,
                    "main_release": self.masters[master_id],
                    "title": f"Master {master_id}",
                    "year": 1970,
                },
            )
        return _json(404, {"message": "The requested resource was not found."})


def _want_object(username: str, release_id: int) -> dict[str, object]:
    return {
        "id": release_id,
        "resource_url": f"https://api.discogs.com/users/{username}/wants/{release_id}",
        "date_added": "2026-06-13T15:55:13-07:00",
        "rating": 0,
        "notes": "",
        "basic_information": {
            "id": release_id,
            "title": f"Release {release_id}",
            "year": 1997,
            "formats": [{"name": "CD", "qty": "1", "descriptions": ["Album"]}],
            "artists": [{"name": "HammerFall", "anv": "", "join": ""}],
            "labels": [{"name": "Nuclear Blast", "catno": "NB 265-2"}],
        },
    }


def _json(status: int, body: object) -> httpx.Response:
    return httpx.Response(
        status, content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
