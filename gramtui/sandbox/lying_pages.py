"""Hostile pagination: a server whose page figures lie, for tests that a sync trusts nothing.

Each mode serves the real items of a page (or, for `repeat`, always the first page's) under a
pagination header that is wrong in one way. A sync must lose nothing to any of them and stop in
bounded time.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from gramtui.sandbox.wire import Page, SandboxRequest, _int, paginate

HUGE_PAGES = 10**9

MODES: dict[str, str] = {
    "pages_one": "every page claims to be the only one, holding all the items there are",
    "pages_negative": "every page claims -5 pages of -1 items",
    "items_negative": "every page claims -1 items (the page count is right)",
    "pages_huge": "every page claims 10^9 pages; pages past the real end come back empty",
    "repeat": "10^9 pages of 10^11 items, every one of them the first page again",
    "cycle": "10^9 pages of 10^11 items, going round the first two pages",
}


def lying_page(mode: str, request: SandboxRequest, base: str, total: int) -> Page:
    """The page `request` asks for, with the pagination figures `mode` lies about."""
    asked = _int(request.param("page"), 1)
    if mode in ("pages_huge", "repeat", "cycle") and asked > 1:
        # Past the real end (or always, for `repeat`) serve a page instead of the 404 Discogs sends.
        real = paginate(_with_page(request, 1), base, total)
        per_page = real.pagination["per_page"]
        if mode == "repeat":
            start, end = real.start, real.end
        elif mode == "cycle":
            start = min(total, ((asked - 1) % 2) * per_page)
            end = min(total, start + per_page)
        else:
            start = min(total, (asked - 1) * per_page)
            end = min(total, start + per_page)
        pagination: dict[str, Any] = {**real.pagination, "page": asked, "urls": {}}
        page = Page(start, end, pagination, "")
    else:
        page = paginate(request, base, total)
    figures = dict(page.pagination)
    if mode == "pages_one":
        figures.update(pages=1, items=page.end - page.start, urls={})
    elif mode == "pages_negative":
        figures.update(pages=-5, items=-1, urls={})
    elif mode == "items_negative":
        figures.update(items=-1)
    elif mode == "pages_huge":
        figures.update(pages=HUGE_PAGES)
    elif mode in ("repeat", "cycle"):
        figures.update(pages=HUGE_PAGES, items=HUGE_PAGES * figures["per_page"])
    return Page(page.start, page.end, figures, "")


def _with_page(request: SandboxRequest, page: int) -> SandboxRequest:
    query = [(k, v) for k, v in request.query if k != "page"] + [("page", str(page))]
    return dataclasses.replace(request, query=query)
