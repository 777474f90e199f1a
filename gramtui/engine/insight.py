"""What the Insight pane and `gramtui stats` / `gramtui release` ask for: one function each,
returning plain dataclasses (store/stats.py, store/catalogue_read.py). Call them off the UI
thread: they run SQL."""

from __future__ import annotations

from gramtui.domain.charts import BY
from gramtui.store import catalogue_read, stats
from gramtui.store.catalogue_read import ReleaseDetail
from gramtui.store.stats import Chart, Headline

__all__ = ["BY", "Chart", "Headline", "ReleaseDetail", "chart", "headline", "release_detail"]


def headline(folder: int | None = None) -> Headline:
    return stats.headline(folder)


def chart(by: str, folder: int | None = None) -> Chart:
    """One chart of `BY`; raises KeyError for another name."""
    return stats.CHARTS[by](folder)


def release_detail(release_id: int) -> ReleaseDetail | None:
    return catalogue_read.release_detail(release_id)


def styles_within(genre: str, folder: int | None = None) -> Chart:
    return stats.styles(folder, genre)


def most_valuable(folder: int | None = None) -> Chart:
    return stats.most_valuable(folder)
