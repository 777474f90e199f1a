"""GET /database/search in Discogs' shape: `{"pagination": …, "results": [{id, type, master_id,
title: "Artist - Title", catno, format, label, barcode, year, country, …}]}`; authentication
required. Searched by `q` (every word somewhere in artist, title, label or catno), `artist`,
`title`, `catno`, `barcode`, `format`, `year`, and `type` release or master (a master is found
through its pressings and answered once, as Discogs does)."""

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


def _master_result(r: ReleaseData, base: str) -> dict[str, Any]:
    out = _result(r, base)
    out.update(
        id=r.master_id,
        type="master",
        uri=f"/master/{r.master_id}",
        resource_url=f"{base}/masters/{r.master_id}",
    )
    return out


def _words(r: ReleaseData) -> str:
    labels = " ".join(f"{lab.name} {lab.catno}" for lab in r.labels)
    return f"{r.artist_credit} {r.title} {labels}".casefold()


def _matches(r: ReleaseData, ask: dict[str, str]) -> bool:
    if ask["q"] and not all(w in _words(r) for w in ask["q"].casefold().split()):
        return False
    if ask["artist"] and ask["artist"].casefold() not in r.artist_credit.casefold():
        return False
    if ask["title"] and ask["title"].casefold() not in r.title.casefold():
        return False
    if ask["catno"] and not any(_norm(lab.catno) == _norm(ask["catno"]) for lab in r.labels):
        return False
    if ask["format"]:
        names = {n.casefold() for f in r.formats for n in (f.name, *(f.descriptions or ()))}
        if ask["format"].casefold() not in names:
            return False
    if ask["year"] and str(r.year) != ask["year"]:
        return False
    return not ask["barcode"]  # the sample's releases carry no barcodes


def database_search(c: Call) -> SandboxReply:
    if c.auth != "valid":
        raise UnauthorizedError(MSG_AUTHENTICATE)
    names = ("q", "artist", "title", "catno", "barcode", "format", "year")
    ask = {name: (c.request.param(name) or "").strip() for name in names}
    kind = c.request.param("type", "release") or "release"
    with c.state.lock:
        releases = sorted(c.state.releases.values(), key=lambda r: r.id)
        found = [r for r in releases if kind in ("release", "master") and _matches(r, ask)]
    if kind == "master":
        firsts: dict[int, ReleaseData] = {}
        for r in found:
            if r.master_id:
                firsts.setdefault(r.master_id, r)
        return c.paged("results", list(firsts.values()), lambda r: _master_result(r, c.base))
    return c.paged("results", found, lambda r: _result(r, c.base))
