"""Reading and writing the collection: folders, custom fields, releases, instances."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

import peewee

from gramtui.domain.frozen_maker import maker
from gramtui.domain.records import (
    Artist,
    CustomField,
    Folder,
    Format,
    Label,
    Record,
    Release,
    ShelfKeys,
)
from gramtui.domain.sortkeys import shelf_keys_maker
from gramtui.store import retained
from gramtui.store.db import db
from gramtui.store.gc_pause import gc_paused
from gramtui.store.models import FieldRow, FolderRow, InstanceRow, ReleaseRow
from gramtui.store.shelf_keys import COLUMNS as SHELF_KEY_COLUMNS


class InstanceData(Protocol):
    """What a sync hands the store for one instance (the Discogs client's CollectionItem fits)."""

    instance_id: int
    folder_id: int
    date_added: datetime | None
    rating: int
    notes: dict[int, str]
    release: Release


def save_folders(folders: Sequence[Folder]) -> None:
    with db.atomic():
        FolderRow.delete().where(FolderRow.id.not_in([f.id for f in folders])).execute()
        for f in folders:
            FolderRow.replace(id=f.id, name=f.name, count=f.count).execute()


def save_fields(fields: Sequence[CustomField]) -> None:
    with db.atomic():
        FieldRow.delete().where(FieldRow.id.not_in([f.id for f in fields])).execute()
        for f in fields:
            FieldRow.replace(
                id=f.id,
                name=f.name,
                type=f.type,
                options=list(f.options),
                position=f.position,
                public=f.public,
            ).execute()


def folders() -> list[Folder]:
    return [Folder(r.id, r.name, r.count) for r in FolderRow.select().order_by(FolderRow.id)]


def folder_ids() -> set[int]:
    """The ids of the folders known (a sync asks for every page it stores)."""
    return {folder_id for (folder_id,) in db.execute_sql("SELECT id FROM folder")}


def fields() -> list[CustomField]:
    return [
        CustomField(r.id, r.name, r.type, tuple(r.options), r.position, r.public)
        for r in FieldRow.select().order_by(FieldRow.position, FieldRow.id)
    ]


# The JSON columns go through SQLite as peewee's JSONField sends them (json() of json.dumps), so
# the stored text is the same whichever path wrote it; a release's five lists travel as one JSON
# parameter (?3) that json_extract takes apart: one encode a release instead of five.
_JSON_RELEASE_COLUMNS = ("artists", "labels", "formats", "genres", "styles")
_RELEASE_COLUMNS = (
    "id",
    "title",
    *_JSON_RELEASE_COLUMNS,
    "year",
    "master_id",
    "master_year",
    "thumb",
    "artist",
    "label",
    "catno",
    "format",
    *SHELF_KEY_COLUMNS,
)
_UPSERT_RELEASE = (
    f"INSERT INTO release ({', '.join(_RELEASE_COLUMNS)}) VALUES (?1, ?2, "
    + ", ".join(f"json_extract(?3, '$[{n}]')" for n in range(len(_JSON_RELEASE_COLUMNS)))
    + ", ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT (id) DO UPDATE SET "
    # master_year is learned separately (from masters); a sync must not erase it.
    + ", ".join(f"{c} = excluded.{c}" for c in _RELEASE_COLUMNS if c not in ("id", "master_year"))
)
_UPSERT_INSTANCE = (
    "INSERT INTO instance (id, release_id, folder_id, date_added, rating, notes, size, width,"
    " seen_run) VALUES (?, ?, ?, ?, ?, json(?), 'regular', NULL, ?)"
    # size and width are set in the app, not on Discogs: a sync keeps them.
    " ON CONFLICT (id) DO UPDATE SET release_id = excluded.release_id,"
    " folder_id = excluded.folder_id, date_added = excluded.date_added,"
    " rating = excluded.rating, notes = excluded.notes, seen_run = excluded.seen_run"
)
_encode = json.JSONEncoder().encode  # json.dumps' defaults, without building an encoder a call


def _release_values(rel: Release, keys_of: Callable[[Release], ShelfKeys]) -> tuple[object, ...]:
    """The parameters of _UPSERT_RELEASE: every column a release row stores."""
    lists = [
        [[a.name, a.anv, a.join] for a in rel.artists],
        [[lb.name, lb.catno] for lb in rel.labels],
        [[f.name, f.qty, list(f.descriptions), f.text] for f in rel.formats],
        list(rel.genres),
        list(rel.styles),
    ]
    keys = keys_of(rel)
    return (
        rel.id,
        rel.title,
        _encode(lists),
        rel.year,
        rel.master_id,
        rel.master_year,
        rel.thumb,
        rel.artist,
        rel.label,
        rel.catno,
        rel.format_summary,
        keys.label,
        keys.artist,
        keys.title,
    )


_db_stamp = InstanceRow.date_added.db_value


def _stamp(value: datetime | None) -> str | None:
    """What the date_added column's db_value stores, by isoformat (C) instead of strftime where
    the two agree: an aware time in a four-digit year."""
    if value is None or value.tzinfo is None:
        return _db_stamp(value)
    utc = value.astimezone(UTC)
    return utc.isoformat(timespec="microseconds") if utc.year >= 1000 else _db_stamp(value)


def save_instances(items: Iterable[InstanceData], run_id: int = 0) -> int:
    """Upsert instances and their releases; returns how many instances were new. One prepared
    statement per table, run with executemany on the raw connection: peewee's per-row insert
    generation cost nine times what SQLite itself did."""
    items = list(items)
    if not items:
        return 0
    ids = [i.instance_id for i in items]
    with db.atomic():
        known = known_instances(ids)
        releases = {i.release.id: i.release for i in items}
        connection = db.connection()
        keys_of = shelf_keys_maker()
        connection.executemany(
            _UPSERT_RELEASE, [_release_values(r, keys_of) for r in releases.values()]
        )
        connection.executemany(
            _UPSERT_INSTANCE,
            [
                (
                    i.instance_id,
                    i.release.id,
                    i.folder_id,
                    _stamp(i.date_added),
                    i.rating,
                    _encode({str(k): v for k, v in i.notes.items()}) if i.notes else "{}",
                    run_id,
                )
                for i in items
            ],
        )
        came_back = _ids_in("retained_instance", "instance_id", set(ids) - known)
        if came_back:
            retained.restore(came_back)  # a removed record came back: so does its width
    return len(set(ids) - known)


def _ids_in(table: str, column: str, ids: Iterable[int]) -> set[int]:
    """Which of these ids the table holds, by one plain query (no peewee expression per id)."""
    wanted = list(ids)
    found: set[int] = set()
    for at in range(0, len(wanted), _IDS_PER_QUERY):
        chunk = wanted[at : at + _IDS_PER_QUERY]
        found.update(
            r[0]
            for r in db.execute_sql(
                f"SELECT {column} FROM {table} WHERE {column} IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
        )
    return found


def known_instances(ids: Iterable[int]) -> set[int]:
    return _ids_in("instance", "id", ids)


def remove_unseen(run_id: int, now: datetime | None = None) -> int:
    """After a full sync saw everything: instances it did not see are gone from Discogs. What
    only the app knew of them is kept for a while (store/retained.py), when `now` is given."""
    with db.atomic():
        if now is not None:
            retained.keep(InstanceRow.select().where(InstanceRow.seen_run != run_id), now)
        n = InstanceRow.delete().where(InstanceRow.seen_run != run_id).execute()
        orphans = ReleaseRow.select(ReleaseRow.id).where(
            ~peewee.fn.EXISTS(InstanceRow.select().where(InstanceRow.release == ReleaseRow.id))
        )
        ReleaseRow.delete().where(ReleaseRow.id.in_(orphans)).execute()
    return int(n)


def remove_instance(instance_id: int) -> None:
    InstanceRow.delete().where(InstanceRow.id == instance_id).execute()


def set_folder(instance_id: int, folder_id: int) -> None:
    InstanceRow.update(folder_id=folder_id).where(InstanceRow.id == instance_id).execute()


def set_size(instance_id: int, size: str) -> bool:
    return bool(InstanceRow.update(size=size).where(InstanceRow.id == instance_id).execute() > 0)


def set_width(instance_id: int, width: float | None) -> bool:
    return bool(InstanceRow.update(width=width).where(InstanceRow.id == instance_id).execute() > 0)


def count_instances() -> int:
    return int(InstanceRow.select().count())


def release_from_row(r: ReleaseRow) -> Release:
    return Release(
        id=r.id,
        title=r.title,
        artists=tuple(Artist(*a) for a in r.artists),
        labels=tuple(Label(*lb) for lb in r.labels),
        formats=tuple(Format(f[0], int(f[1]), tuple(f[2]), f[3]) for f in r.formats),
        year=r.year,
        genres=tuple(r.genres),
        styles=tuple(r.styles),
        master_id=r.master_id,
        master_year=r.master_year,
        thumb=r.thumb,
    )


_ROW_SQL = (
    "SELECT i.id, i.folder_id, i.date_added, i.rating, i.size, i.width, i.notes,"
    " r.id, r.title, r.year, r.master_id, r.master_year, r.thumb,"
    " r.artists, r.labels, r.formats, r.genres, r.styles, {keys}"
    " FROM instance i JOIN release r ON r.id = i.release_id"
)
# What the rules look at and nothing more: every column costs each row a value (ten columns more
# were an eighth of the reading). The first label comes from the columns the upsert keeps (label,
# catno), not the JSON list.
_RULES_ROW_SQL = (
    "SELECT i.id, i.folder_id, i.date_added, i.rating, i.size, i.notes,"
    " r.id, r.title, r.year, r.label, r.catno, r.artists, r.formats"
    " FROM instance i JOIN release r ON r.id = i.release_id"
)
_KEYS_SQL = ", ".join(f"r.{c}" for c in SHELF_KEY_COLUMNS)
_NO_KEYS_SQL = "NULL, NULL, NULL"
_IDS_PER_QUERY = 900  # instance ids bound per query: under every SQLite's variable limit
_ROWS_PER_DECODE = 500
_MEMO = 20_000  # distinct list texts remembered while reading


def _artists(text: str) -> tuple[Artist, ...]:
    return tuple(Artist(*a) for a in json.loads(text))


def _formats(text: str) -> tuple[Format, ...]:
    return tuple(Format(f[0], int(f[1]), tuple(f[2]), f[3]) for f in json.loads(text))


def _strings(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


_make_record, _make_release, _make_label = maker(Record), maker(Release), maker(Label)


def iter_records(
    folder_ids: Iterable[int] | None = None,
    *,
    instance_ids: Iterable[int] | None = None,
    releases: dict[int, Release] | None = None,
    with_shelf_keys: bool = False,
    for_rules: bool = False,
) -> Iterator[Record]:
    """Instances as domain Records in instance-id order, read straight from the cursor (plain
    rows, no model objects): the one reader for every bulk read. A generator, so a caller that
    streams keeps memory flat; pass `releases` to share one Release between copies of it.

    The release's lists and the instance's notes are decoded once per distinct JSON text and the
    results shared: most records repeat an artist, format, genre, style or set of field values
    seen before, and a dictionary lookup costs a fraction of building the objects again (so two
    Records' `fields` may be one dict: read-only, like the rest of a frozen Record). The memo is
    bounded, so a streaming reader's memory stays flat. `with_shelf_keys` reads the releases'
    stored sort keys too (Release.shelf), for a layout. `for_rules` reads only what the rules
    look at: width, master id, master year, thumb, genres and styles stay at their defaults, and
    labels holds the first label only."""
    if for_rules:
        yield from _iter_for_rules(folder_ids, instance_ids, releases)
        return
    names = _field_names()
    # Decoded JSON by its text, one memo per kind, looked up inline (a call per list was a fifth
    # of the reading). Labels are left out: a catalogue number makes nearly every one unique.
    artists_seen: dict[str, tuple[Artist, ...]] = {}
    formats_seen: dict[str, tuple[Format, ...]] = {}
    strings_seen: dict[str, tuple[str, ...]] = {}
    notes_seen: dict[str, dict[str, str]] = {}
    fromisoformat, loads = datetime.fromisoformat, json.loads
    make_record, make_release, make_label = _make_record, _make_release, _make_label
    columns = _ROW_SQL.format(keys=_KEYS_SQL if with_shelf_keys else _NO_KEYS_SQL)
    for cursor in _cursors(columns, folder_ids, instance_ids):
        while batch := cursor.fetchmany(_ROWS_PER_DECODE):
            # every row's labels in one decode: per-call overhead dominates small texts
            lists = loads("[" + ",".join([row[14] for row in batch]) + "]")
            for n, (
                iid,
                folder_id,
                added,
                rating,
                size,
                width,
                notes,
                rid,
                title,
                year,
                master_id,
                master_year,
                thumb,
                artists,
                _,
                formats,
                genres,
                styles,
                sort_label,
                sort_artist,
                sort_title,
            ) in enumerate(batch):
                release = None if releases is None else releases.get(rid)
                if release is None:
                    if (artists_t := artists_seen.get(artists)) is None:
                        artists_t = _remember(artists_seen, artists, _artists(artists))
                    if (formats_t := formats_seen.get(formats)) is None:
                        formats_t = _remember(formats_seen, formats, _formats(formats))
                    if (genres_t := strings_seen.get(genres)) is None:
                        genres_t = _remember(strings_seen, genres, _strings(genres))
                    if (styles_t := strings_seen.get(styles)) is None:
                        styles_t = _remember(strings_seen, styles, _strings(styles))
                    release = make_release(
                        rid,
                        title,
                        artists_t,
                        tuple([make_label(*lb) for lb in lists[n]]),
                        formats_t,
                        year,
                        genres_t,
                        styles_t,
                        master_id,
                        master_year,
                        thumb,
                        None
                        if sort_title is None  # a release stored without keys: computed
                        else ShelfKeys(sort_label, sort_artist, sort_title),
                    )
                    if releases is not None:
                        releases[rid] = release
                if (fields := notes_seen.get(notes)) is None:
                    fields = _remember(notes_seen, notes, _fields(notes, names))
                yield make_record(
                    iid,
                    release,
                    folder_id,
                    None if added is None else fromisoformat(added),
                    rating,
                    fields,
                    size,
                    width,
                )


def _iter_for_rules(
    folder_ids: Iterable[int] | None,
    instance_ids: Iterable[int] | None,
    releases: dict[int, Release] | None,
) -> Iterator[Record]:
    """iter_records(for_rules=True): its loop over _RULES_ROW_SQL's fewer columns."""
    names = _field_names()
    artists_seen: dict[str, tuple[Artist, ...]] = {}
    formats_seen: dict[str, tuple[Format, ...]] = {}
    notes_seen: dict[str, dict[str, str]] = {}
    fromisoformat = datetime.fromisoformat
    make_record, make_release, make_label = _make_record, _make_release, _make_label
    for cursor in _cursors(_RULES_ROW_SQL, folder_ids, instance_ids):
        while batch := cursor.fetchmany(_ROWS_PER_DECODE):
            for (
                iid,
                folder_id,
                added,
                rating,
                size,
                notes,
                rid,
                title,
                year,
                label,
                catno,
                artists,
                formats,
            ) in batch:
                release = None if releases is None else releases.get(rid)
                if release is None:
                    if (artists_t := artists_seen.get(artists)) is None:
                        artists_t = _remember(artists_seen, artists, _artists(artists))
                    if (formats_t := formats_seen.get(formats)) is None:
                        formats_t = _remember(formats_seen, formats, _formats(formats))
                    release = make_release(
                        rid,
                        title,
                        artists_t,
                        (make_label(label, catno),) if label or catno else (),
                        formats_t,
                        year,
                        (),
                        (),
                        None,
                        None,
                        "",
                        None,
                    )
                    if releases is not None:
                        releases[rid] = release
                if (fields := notes_seen.get(notes)) is None:
                    fields = _remember(notes_seen, notes, _fields(notes, names))
                yield make_record(
                    iid,
                    release,
                    folder_id,
                    None if added is None else fromisoformat(added),
                    rating,
                    fields,
                    size,
                    None,
                )


def _field_names() -> dict[str, str]:
    """Custom field id (as the notes' JSON keys spell it) -> the field's name."""
    return {str(k): v for k, v in db.execute_sql("SELECT id, name FROM custom_field")}


def _fields(notes: str, names: dict[str, str]) -> dict[str, str]:
    """An instance's notes ({field id: value} as JSON) keyed by the custom fields' names."""
    return {names.get(k, k): v for k, v in json.loads(notes).items()}


T = TypeVar("T")


def _remember(seen: dict[str, T], text: str, decoded: T) -> T:
    """Keep `decoded` as the value of `text`; a full memo starts again (memory stays flat)."""
    if len(seen) >= _MEMO:
        seen.clear()
    seen[text] = decoded
    return decoded


def _cursors(
    columns: str, folder_ids: Iterable[int] | None, instance_ids: Iterable[int] | None
) -> Iterator[Any]:
    """Cursors over `columns` (a SELECT from instance i joined with release r) in instance-id
    order: one, or one per chunk of instance ids."""
    if instance_ids is None:
        yield _record_cursor(columns, folder_ids, None)
        return
    wanted = sorted(set(instance_ids))
    for at in range(0, len(wanted), _IDS_PER_QUERY):
        yield _record_cursor(columns, folder_ids, wanted[at : at + _IDS_PER_QUERY])


def _record_cursor(
    columns: str, folder_ids: Iterable[int] | None, instance_ids: list[int] | None
) -> Any:
    where: list[str] = []
    params: list[int] = []
    if folder_ids is not None:
        folders = sorted(set(folder_ids))
        where.append(f"i.folder_id IN ({', '.join('?' * len(folders))})")
        params += folders
    if instance_ids is not None:
        where.append(f"i.id IN ({', '.join('?' * len(instance_ids))})")
        params += instance_ids
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return db.execute_sql(f"{columns}{clause} ORDER BY i.id", params)


# What a listing of the collection shows of each instance, as plain values: instance id, release
# id, folder id, artist, title, year, date added (as stored), rating, master id, size, fields (by
# name), labels ([name, catno] each) and formats ([name, qty, descriptions, text] each).
ListingRow = tuple[
    int, int, int, str, str, int | None, str | None, int, int | None, str,
    dict[str, str], list[list[str]], list[list[Any]],
]  # fmt: skip
_LISTING_SQL = (
    "SELECT i.id, r.id, i.folder_id, r.artist, r.title, r.year, i.date_added, i.rating,"
    " r.master_id, i.size, i.notes, r.labels, r.formats"
    " FROM instance i JOIN release r ON r.id = i.release_id"
)


def iter_listing(folder_ids: Iterable[int] | None = None) -> Iterator[ListingRow]:
    """Instances in instance-id order as ListingRows, for printing a listing: no domain objects
    are built (a streamed `records --json` spent most of its time making Records it dropped)."""
    names = {str(k): v for k, v in db.execute_sql("SELECT id, name FROM custom_field")}
    where, params = "", []
    if folder_ids is not None:
        params = sorted(set(folder_ids))
        where = f" WHERE i.folder_id IN ({', '.join('?' * len(params))})"
    cursor = db.execute_sql(f"{_LISTING_SQL}{where} ORDER BY i.id", params)
    loads = json.loads
    while batch := cursor.fetchmany(_ROWS_PER_DECODE):
        # every row's three lists in one decode: per-call overhead dominates small texts
        lists = loads("[" + ",".join([f"{row[10]},{row[11]},{row[12]}" for row in batch]) + "]")
        for n, row in enumerate(batch):
            notes = lists[3 * n]
            yield (
                *row[:10],
                {names.get(k, k): v for k, v in notes.items()} if notes else {},
                lists[3 * n + 1],
                lists[3 * n + 2],
            )


def load_records(
    folder_ids: Iterable[int] | None = None,
    *,
    instance_ids: Iterable[int] | None = None,
    with_shelf_keys: bool = False,
    for_rules: bool = False,
) -> list[Record]:
    """Instances as domain Records (fields keyed by the custom field's name): all of them, those
    in some folders, or just these instances; with the releases' stored sort keys for a layout,
    or only what the rules look at (see iter_records)."""
    with gc_paused:  # a third of the time went to full collections walking the records
        return list(
            iter_records(
                folder_ids,
                instance_ids=instance_ids,
                releases={},
                with_shelf_keys=with_shelf_keys,
                for_rules=for_rules,
            )
        )


def load_record(instance_id: int) -> Record | None:
    found = load_records(instance_ids=[instance_id])
    return found[0] if found else None


def count_unseen(run_id: int) -> int:
    return int(InstanceRow.select().where(InstanceRow.seen_run != run_id).count())


def count_seen(run_id: int) -> int:
    return int(InstanceRow.select().where(InstanceRow.seen_run == run_id).count())
