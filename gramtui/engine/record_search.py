"""Find a copy, a release or a master by part of its artist, title, label or catalogue number
(or by its id), for the pickers that stand where the app used to ask for an id.

Copies come from the collection; releases from the collection, the wantlist, the listings and,
when a dump was loaded, the catalogue (its full-text index); masters from the same places. Read
only; call off the UI thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

import peewee

from gramtui.store.catalogue import raw_connection
from gramtui.store.models import FolderRow, InstanceRow, ListingRow, ReleaseRow, WantRow

Kind = Literal["instance", "release", "master"]
KINDS: tuple[Kind, ...] = ("instance", "release", "master")
LIMIT = 50
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Found:
    """One match: `id` is an instance, release or master id as `kind` says."""

    kind: Kind
    id: int
    artist: str
    title: str
    label: str = ""
    catno: str = ""
    format: str = ""
    year: int | None = None
    where: str = ""  # "in Shelf A", "wanted", "listed", "catalogue"


def find(kind: Kind, query: str, limit: int = LIMIT) -> list[Found]:
    """Matches of every word of `query` (case ignored), and the id when the query is a number;
    an exact id comes first."""
    words = query.split()
    if not words:
        return []
    number = int(query.strip()) if query.strip().isdigit() else None
    if kind == "instance":
        found = _instances(words, number, limit)
    elif kind == "release":
        found = _releases(words, number, limit)
    else:
        found = _masters(words, number, limit)
    return sorted(found, key=lambda f: f.id != number)[:limit]


def _tuples(query: peewee.ModelSelect[Any]) -> list[Sequence[Any]]:
    """The rows of a query as tuples (peewee's stubs type them as models)."""
    return list(cast("Iterable[Sequence[Any]]", query.tuples()))


def _matches(words: list[str], *columns: peewee.Field) -> peewee.Expression:
    """Every word in one of the columns (`words` is not empty)."""
    condition: peewee.Expression | None = None
    for word in words:
        like = f"%{word}%"
        any_column = columns[0] ** like
        for column in columns[1:]:
            any_column = any_column | (column**like)
        condition = any_column if condition is None else condition & any_column
    assert condition is not None
    return condition


def _instances(words: list[str], number: int | None, limit: int) -> list[Found]:
    base = (
        InstanceRow.select(
            InstanceRow.id,
            ReleaseRow.artist,
            ReleaseRow.title,
            ReleaseRow.label,
            ReleaseRow.catno,
            ReleaseRow.format,
            ReleaseRow.year,
            FolderRow.name,
        )
        .join(ReleaseRow)
        .switch(InstanceRow)
        .join(FolderRow, peewee.JOIN.LEFT_OUTER, on=(InstanceRow.folder_id == FolderRow.id))
    )
    text = _matches(words, ReleaseRow.artist, ReleaseRow.title, ReleaseRow.label, ReleaseRow.catno)
    condition = text
    if number is not None:
        condition = text | (InstanceRow.id == number) | (ReleaseRow.id == number)
    rows = base.where(condition).order_by(ReleaseRow.artist, ReleaseRow.title, InstanceRow.id)
    return [
        Found("instance", i, a, t, lb, c, f, y, f"in {folder or '?'}")
        for (i, a, t, lb, c, f, y, folder) in _tuples(rows.limit(limit))
    ]


def _releases(words: list[str], number: int | None, limit: int) -> list[Found]:
    out: dict[int, Found] = {}

    def add(found: Found) -> None:
        out.setdefault(found.id, found)

    columns = (ReleaseRow.artist, ReleaseRow.title, ReleaseRow.label, ReleaseRow.catno)
    condition = _matches(words, *columns)
    if number is not None:
        condition = (ReleaseRow.id == number) | condition
    owned = {row[0] for row in _tuples(InstanceRow.select(InstanceRow.release).distinct())}
    query = ReleaseRow.select(
        ReleaseRow.id, ReleaseRow.artist, ReleaseRow.title, ReleaseRow.label, ReleaseRow.catno,
        ReleaseRow.format, ReleaseRow.year,
    ).where(condition)  # fmt: skip
    for rid, a, t, lb, c, f, y in _tuples(query.order_by(ReleaseRow.artist).limit(limit)):
        add(Found("release", rid, a, t, lb, c, f, y, "in the collection" if rid in owned else ""))
    want_condition = _matches(words, WantRow.artist, WantRow.title)
    if number is not None:
        want_condition = (WantRow.release_id == number) | want_condition
    wants = WantRow.select(
        WantRow.release_id, WantRow.artist, WantRow.title, WantRow.format, WantRow.year
    ).where(want_condition)
    for rid, a, t, f, y in _tuples(wants.limit(limit)):
        add(Found("release", rid, a, t, "", "", f, y, "wanted"))
    listing_condition = _matches(words, ListingRow.artist, ListingRow.title, ListingRow.catno)
    if number is not None:
        listing_condition = (ListingRow.release_id == number) | listing_condition
    listed = ListingRow.select(
        ListingRow.release_id, ListingRow.artist, ListingRow.title, ListingRow.catno,
        ListingRow.format,
    ).where(listing_condition)  # fmt: skip
    for rid, a, t, c, f in _tuples(listed.limit(limit)):
        add(Found("release", rid, a, t, "", c, f, None, "listed"))
    if len(out) < limit:
        for found in _catalogue_releases(words, number, limit - len(out)):
            add(found)
    return list(out.values())


def _has_table(name: str) -> bool:
    row = raw_connection().execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    )
    return row.fetchone() is not None


def _fts_query(words: list[str]) -> str:
    """Every word as a prefix, quoted: typed punctuation cannot become FTS5 syntax."""
    tokens = [t for w in words for t in _WORD.findall(w)]
    return " ".join(f'"{t}"*' for t in tokens)


def _catalogue_releases(words: list[str], number: int | None, limit: int) -> list[Found]:
    if not _has_table("cat_release"):
        return []
    db = raw_connection()
    ids: list[int] = []
    if number is not None:
        ids.append(number)
    match = _fts_query(words)
    if match and _has_table("cat_fts"):
        rows = db.execute(
            "SELECT rowid FROM cat_fts WHERE cat_fts MATCH ? LIMIT ?", (match, limit)
        ).fetchall()
        ids.extend(int(r[0]) for r in rows)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"SELECT r.id, r.artist, r.title, r.catno, r.year, "  # noqa: S608 - marks are '?'
        f"(SELECT name FROM cat_release_label l WHERE l.release_id = r.id ORDER BY position "
        f"LIMIT 1), (SELECT name FROM cat_release_format f WHERE f.release_id = r.id ORDER BY "
        f"position LIMIT 1), r.country FROM cat_release r WHERE r.id IN ({marks})",
        ids,
    ).fetchall()
    return [
        Found("release", rid, a, t, lb or "", c, f or "", y, f"catalogue {country}".strip())
        for (rid, a, t, c, y, lb, f, country) in rows
    ]


def _masters(words: list[str], number: int | None, limit: int) -> list[Found]:
    out: dict[int, Found] = {}
    columns = (ReleaseRow.artist, ReleaseRow.title, ReleaseRow.label, ReleaseRow.catno)
    condition = _matches(words, *columns)
    if number is not None:
        condition = (ReleaseRow.master_id == number) | condition
    query = (
        ReleaseRow.select(
            ReleaseRow.master_id, ReleaseRow.artist, ReleaseRow.title, ReleaseRow.master_year
        )
        .where(ReleaseRow.master_id.is_null(False) & condition)
        .order_by(ReleaseRow.artist, ReleaseRow.title)
    )
    for mid, a, t, y in _tuples(query.limit(limit * 2)):
        out.setdefault(mid, Found("master", mid, a, t, year=y, where="of a record you have"))
    want_condition = _matches(words, WantRow.artist, WantRow.title)
    if number is not None:
        want_condition = (WantRow.master_id == number) | want_condition
    wants = WantRow.select(WantRow.master_id, WantRow.artist, WantRow.title).where(
        WantRow.master_id.is_null(False) & want_condition
    )
    for mid, a, t in _tuples(wants.limit(limit)):
        out.setdefault(mid, Found("master", mid, a, t, where="of a want"))
    if len(out) < limit and _has_table("cat_master"):
        clauses = " AND ".join("(artist LIKE ? OR title LIKE ?)" for _ in words)
        params: list[object] = [p for w in words for p in (f"%{w}%", f"%{w}%")]
        sql = f"SELECT id, artist, title, year FROM cat_master WHERE ({clauses})"  # noqa: S608
        if number is not None:
            sql += " OR id = ?"
            params.append(number)
        rows = raw_connection().execute(sql + " LIMIT ?", [*params, limit - len(out)])
        for mid, a, t, y in rows.fetchall():
            out.setdefault(mid, Found("master", mid, a, t, year=y, where="catalogue"))
    return list(out.values())[:limit]
