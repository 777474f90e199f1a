"""Page figures are checked against each other before a sync believes them."""

from __future__ import annotations

import pytest

from gramtui.domain.paging import MARGIN_PAGES, PageFigures, signature


def test_figures_that_agree_are_trusted_to_the_announced_last_page() -> None:
    figures = PageFigures(items=612, pages=7, per_page=100)
    assert figures.doubt == ""
    assert figures.last_page == 7
    assert PageFigures(items=0, pages=1, per_page=100).doubt == ""
    assert PageFigures(items=100, pages=1, per_page=100).last_page == 1


@pytest.mark.parametrize(
    ("items", "pages", "last"),
    [
        (612, 1, 7 + MARGIN_PAGES),  # one page for 612 items
        (612, -5, 7 + MARGIN_PAGES),
        (612, 10**9, 7 + MARGIN_PAGES),  # a page count of 10^9 is capped by what items justify
        (-1, 7, 1 + MARGIN_PAGES),
    ],
)
def test_figures_that_disagree_are_doubted_and_capped_by_items(
    items: int, pages: int, last: int
) -> None:
    figures = PageFigures(items=items, pages=pages, per_page=100)
    assert figures.doubt
    assert figures.last_page == last


def test_the_doubt_names_the_figures() -> None:
    assert "612 items at 100 a page need 7 pages, not 1" in PageFigures(612, 1, 100).doubt
    assert "impossible" in PageFigures(-1, 7, 100).doubt


def test_signature_tells_pages_apart_and_repeats_alike() -> None:
    assert signature([1, 2, 3]) == signature([1, 2, 3])
    assert signature([1, 2, 3]) != signature([1, 2, 4])
    assert signature([12, 3]) != signature([1, 23])
