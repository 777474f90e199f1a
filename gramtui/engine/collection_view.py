"""The collection as the Shelves list shows it: paged from SQLite, never all loaded.

The view reads the ordered instance ids once (one sorted query of integers), then fetches the
rows of a page by id. Scrolling anywhere in 50,000 records is then one small indexed query per
page instead of a sort per page; a small page cache keeps it smooth.

The store (peewee, the models) is imported by the first query, not with this module: the app's
first frame holds an empty view, drawn before the store is even open.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import peewee

PAGE = 200

SORTS = ("artist", "title", "label", "added", "folder")


def _order(sort: str) -> tuple[object, ...]:
    """The ORDER BY of a sort in SQL (the artist sort files names in Python: _ids_by_artist)."""
    from gramtui.store.models import FolderRow, InstanceRow, ReleaseRow

    return {
        "artist": (ReleaseRow.artist, ReleaseRow.title, InstanceRow.id),
        "title": (ReleaseRow.title, InstanceRow.id),
        "label": (ReleaseRow.label, ReleaseRow.catno, InstanceRow.id),
        "added": (InstanceRow.date_added.desc(), InstanceRow.id),
        "folder": (FolderRow.name, ReleaseRow.artist, InstanceRow.id),
    }[sort]


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
        self._ids: list[int] | None = None

    def _query(self) -> peewee.ModelSelect:
        import peewee

        from gramtui.store.models import FolderRow, InstanceRow, ReleaseRow

        query = (
            InstanceRow.select(
                InstanceRow.id,
                ReleaseRow.id,
                ReleaseRow.artist,
                ReleaseRow.title,
                ReleaseRow.label,
                ReleaseRow.catno,
                ReleaseRow.format,
                FolderRow.name,
                ReleaseRow.year,
                InstanceRow.size,
            )
            .join(ReleaseRow)
            .switch(InstanceRow)
            .join(FolderRow, peewee.JOIN.LEFT_OUTER, on=(InstanceRow.folder_id == FolderRow.id))
        )
        if self.search:
            for word in self.search.split():
                like = f"%{word}%"
                query = query.where(
                    ReleaseRow.artist**like
                    | ReleaseRow.title**like
                    | ReleaseRow.catno**like
                    | ReleaseRow.label**like
                )
        return query

    @classmethod
    def empty(cls, sort: str = "artist") -> CollectionView:
        """A view with no rows, shown until the first read (in a worker) brings the real one."""
        view = cls(sort=sort)
        view._ids = []
        return view

    @classmethod
    def of_instances(cls, ids: list[int]) -> CollectionView:
        """A view of these instances in this order (the records behind a bar of a chart)."""
        view = cls()
        view._ids = list(ids)
        return view

    def prepare(self, index: int = 0) -> None:
        """Read the ordered ids and the page holding row `index` now (a worker's job), so the
        UI thread then draws from memory."""
        self.row(index)

    @property
    def ids(self) -> list[int]:
        if self._ids is None:
            if self.sort == "artist":
                self._ids = self._ids_by_artist()
            else:
                from gramtui.store.models import InstanceRow

                query = self._query().select(InstanceRow.id).order_by(*_order(self.sort)).tuples()
                self._ids = [i for (i,) in query]
        return self._ids

    def _ids_by_artist(self) -> list[int]:
        """By the artist's filing name, as the organisations file them ("The Beatles" under
        B, as "Beatles, The"), case and accents aside; SQLite cannot order so. Each artist's
        name is folded once, and a stable sort keeps SQLite's title order within an artist."""
        from gramtui.domain.sortkeys import artist_sort_name, natural_key
        from gramtui.store.models import InstanceRow, ReleaseRow

        query = (
            self._query()
            .select(InstanceRow.id, ReleaseRow.artist)
            .order_by(ReleaseRow.title, InstanceRow.id)
        )
        rows: list[tuple[int, str | None]] = list(query.tuples())
        names = {a: natural_key(artist_sort_name(a or "")) for a in {artist for _, artist in rows}}
        rows.sort(key=lambda row: names[row[1]])
        return [instance_id for instance_id, _ in rows]

    def count(self) -> int:
        return len(self.ids)

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

    def page_of(self, index: int) -> int:
        return index // PAGE

    def peek(self, index: int) -> Row | None:
        """Row `index` if its page is read already (no SQL: what the UI thread draws)."""
        if index < 0 or index >= self.count():
            return None
        page = self._pages.get(index // PAGE)
        offset = index % PAGE
        return page[offset] if page is not None and offset < len(page) else None

    def has_page(self, index: int) -> bool:
        return not 0 <= index < self.count() or index // PAGE in self._pages

    def read_page(self, page_no: int) -> list[Row]:
        """The rows of a page, read now (a worker's job); `keep_page` then keeps them."""
        return self._load(page_no)

    def keep_page(self, page_no: int, rows: list[Row]) -> None:
        self._pages[page_no] = rows
        if len(self._pages) > 20:
            self._pages.popitem(last=False)

    def _load(self, page_no: int) -> list[Row]:
        from gramtui.store.models import InstanceRow

        wanted = self.ids[page_no * PAGE : (page_no + 1) * PAGE]
        rows = self._query().where(InstanceRow.id.in_(wanted)).tuples()
        found = {
            r[0]: Row(i, rid, a or "", t or "", lb or "", c or "", f or "", fo or "?", y, s)
            for r in rows
            for (i, rid, a, t, lb, c, f, fo, y, s) in (r,)
        }
        return [found[i] for i in wanted if i in found]
