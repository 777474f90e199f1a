"""The collection as the Shelves list shows it: counted and paged from SQLite, never all loaded.

With 50,000 records the list asks only for the rows on screen; a small page cache keeps
scrolling smooth without holding the collection in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import peewee

from gramtui.store.models import FolderRow, InstanceRow, ReleaseRow

PAGE = 200

SORTS = {
    "artist": (ReleaseRow.artist, ReleaseRow.title, InstanceRow.id),
    "title": (ReleaseRow.title, InstanceRow.id),
    "label": (ReleaseRow.label, ReleaseRow.catno, InstanceRow.id),
    "added": (InstanceRow.date_added.desc(), InstanceRow.id),
    "folder": (FolderRow.name, ReleaseRow.artist, InstanceRow.id),
}


@dataclass(frozen=True, slots=True)
class Row:
    instance_id: int
    release_id: int
    artist: str
    title: str
    label: str
    catno: str
    format: str
    folder: str
    year: int | None
    size: str


class CollectionView:
    def __init__(self, search: str = "", sort: str = "artist") -> None:
        self.search = search.strip()
        self.sort = sort if sort in SORTS else "artist"
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._count: int | None = None

    def _query(self) -> peewee.ModelSelect:
        query = (
            InstanceRow.select(
                InstanceRow.id, ReleaseRow.id, ReleaseRow.artist, ReleaseRow.title,
                ReleaseRow.label, ReleaseRow.catno, ReleaseRow.format, FolderRow.name,
                ReleaseRow.year, InstanceRow.size,
            )
            .join(ReleaseRow)
            .switch(InstanceRow)
            .join(FolderRow, peewee.JOIN.LEFT_OUTER, on=(InstanceRow.folder_id == FolderRow.id))
        )
        if self.search:
            for word in self.search.split():
                like = f"%{word}%"
                query = query.where(
                    ReleaseRow.artist ** like | ReleaseRow.title ** like
                    | ReleaseRow.catno ** like | ReleaseRow.label ** like
                )
        return query

    def count(self) -> int:
        if self._count is None:
            self._count = self._query().count()
        return self._count

    def row(self, index: int) -> Row | None:
        if index < 0 or index >= self.count():
            return None
        page_no = index // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = self._load(page_no)
            self._pages[page_no] = page
            if len(self._pages) > 20:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = index - page_no * PAGE
        return page[offset] if offset < len(page) else None

    def _load(self, page_no: int) -> list[Row]:
        rows = (
            self._query().order_by(*SORTS[self.sort]).limit(PAGE).offset(page_no * PAGE).tuples()
        )
        return [
            Row(i, r, a or "", t or "", lb or "", c or "", f or "", fo or "?", y, s)
            for i, r, a, t, lb, c, f, fo, y, s in rows
        ]

    def index_of(self, instance_id: int) -> int | None:
        """Where a record is in this view (for jumping to it); a scan of ids only."""
        ids = self._query().select(InstanceRow.id).order_by(*SORTS[self.sort]).tuples()
        for n, (i,) in enumerate(ids):
            if i == instance_id:
                return n
        return None
