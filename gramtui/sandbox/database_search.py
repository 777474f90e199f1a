"""GET /database/search by catno or barcode (the deals matcher's fallback), in Discogs' shape:
`{"pagination": …, "results": [{id, type, master_id, title: "Artist - Title", catno, format,
label, barcode, year, country, …}]}`; authentication required."""

from __future__ import annotations

import re
from typing import Any

from gramtui.sandbox.endpoints import MSG_AUTHENTICATE, Call
from gramtui.sandbox.errors import UnauthorizedError
from gramtui.sandbox.model import ReleaseData
from gramtui.sandbox.wire import SandboxReply


def _norm(catno: str) -> str:
    return re.sub(r"[\s\-./_]+", "", catno).casefold()


def _result(r: ReleaseData, base: str) -> dict[str, Any]:
    formats: list[str] = []
    for f in r.formats:
        formats += [f.name, *(f.descriptions or ())]
    return {
        "id": r.id,
        "type": "release",
        "master_id": r.master_id or 0,
        "master_url": f"{base}/masters/{r.master_id}" if r.master_id else None,
        "title": f"{r.artist_credit} - {r.title}",
        "catno": r.labels[0].catno if r.labels else "",
        "format": formats,
        "label": [lab.name for lab in r.labels],
        "barcode": [],
        "year": str(r.year) if r.year else "",
        "country": r.country,
        "genre": list(r.genres),
        "style": list(r.styles),
        "uri": f"/release/{r.id}",
        "resource_url": f"{base}/releases/{r.id}",
        "thumb": r.thumb,
        "cover_image": r.cover_image,
        "community": {"want": 10 + r.id % 300, "have": 100 + r.id % 900},
    }


def database_search(c: Call) -> SandboxReply:
    if c.auth != "valid":
        raise UnauthorizedError(MSG_AUTHENTICATE)
    catno = c.request.param("catno")
    barcode = c.request.param("barcode")
    kind = c.request.param("type", "release")
    with c.state.lock:
        releases = sorted(c.state.releases.values(), key=lambda r: r.id)
        found = [
            r
            for r in releases
            if kind in ("release", "")
            and (not catno or any(_norm(lab.catno) == _norm(catno) for lab in r.labels))
            and not barcode
        ]  # the sample's releases carry no barcodes
    return c.paged("results", found, lambda r: _result(r, c.base))
