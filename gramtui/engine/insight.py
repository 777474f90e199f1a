"""What the Insight pane and `gramtui stats` / `gramtui release` ask for: one function each,
returning plain dataclasses (store/stats.py, store/catalogue_read.py). Call them off the UI
thread: they run SQL."""

from __future__ import annotations

from gramtui.domain.charts import BY
from gramtui.domain.organisation import ALL_FOLDER_ID
from gramtui.domain.records import Folder
from gramtui.engine.collection_view import CollectionView
from gramtui.store import catalogue, catalogue_read, collection, stats, stats_records
from gramtui.store.catalogue_read import ReleaseDetail
from gramtui.store.stats import Bar, Chart, Headline, ValueSnapshot

__all__ = [
    "BY",
    "Bar",
    "Chart",
    "Headline",
    "ReleaseDetail",
    "ValueSnapshot",
    "chart",
    "headline",
    "release_detail",
]


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


def added(folder: int | None = None, period: str = "month") -> Chart:
    """Growth: records added per "month" or per "year"."""
    return stats.added(folder, period)


def folders() -> list[Folder]:
    """The folders a chart can be narrowed to (not Discogs' "All", which holds every record)."""
    return [f for f in collection.folders() if f.id != ALL_FOLDER_ID]


def dump_loaded() -> bool:
    """Whether a Discogs data dump is loaded (else master years arrive at the API's pace)."""
    return bool(catalogue.loaded_dumps())


def records_of_bar(
    by: str,
    key: str,
    folder: int | None = None,
    *,
    genre: str | None = None,
    period: str = "month",
    release_id: int | None = None,
) -> CollectionView:
    """The records one bar counts, as a list the Shelves' record list can show (its first page
    read here, off the UI thread)."""
    ids = stats_records.instances_of_bar(
        by, key, folder, genre=genre, period=period, release_id=release_id
    )
    view = CollectionView.of_instances(ids)
    view.prepare()
    return view
