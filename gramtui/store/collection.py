"""Reading and writing the collection: folders, custom fields, releases, instances."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol

import peewee

from gramtui.domain.records import Artist, CustomField, Folder, Format, Label, Record, Release
from gramtui.store import retained
from gramtui.store.db import db
from gramtui.store.models import FieldRow, FolderRow, InstanceRow, ReleaseRow

_BATCH = 200  # rows per INSERT: well under SQLite's variable limit


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
                id=f.id, name=f.name, type=f.type, options=list(f.options),
                position=f.position, public=f.public,
            ).execute()


def folders() -> list[Folder]:
    return [Folder(r.id, r.name, r.count) for r in FolderRow.select().order_by(FolderRow.id)]


def fields() -> list[CustomField]:
    return [
        CustomField(r.id, r.name, r.type, tuple(r.options), r.position, r.public)
        for r in FieldRow.select().order_by(FieldRow.position, FieldRow.id)
    ]


def _release_row(rel: Release) -> dict[str, object]:
    return {
        "id": rel.id,
        "title": rel.title,
        "artists": [[a.name, a.anv, a.join] for a in rel.artists],
        "labels": [[lb.name, lb.catno] for lb in rel.labels],
        "formats": [[f.name, f.qty, list(f.descriptions), f.text] for f in rel.formats],
        "year": rel.year,
        "genres": list(rel.genres),
        "styles": list(rel.styles),
        "master_id": rel.master_id,
        "master_year": rel.master_year,
        "thumb": rel.thumb,
        "artist": rel.artist,
        "label": rel.label,
        "catno": rel.catno,
        "format": rel.format_summary,
    }


def save_instances(items: Iterable[InstanceData], run_id: int = 0) -> int:
    """Upsert instances and their releases; returns how many instances were new."""
    items = list(items)
    if not items:
        return 0
    ids = [i.instance_id for i in items]
    with db.atomic():
        known = {
            r[0] for r in InstanceRow.select(InstanceRow.id).where(InstanceRow.id.in_(ids)).tuples()
        }
        releases = {i.release.id: _release_row(i.release) for i in items}
        rows = list(releases.values())
        for start in range(0, len(rows), _BATCH):
            ReleaseRow.insert_many(rows[start : start + _BATCH]).on_conflict(
                conflict_target=[ReleaseRow.id],
                # master_year is learned separately (from masters); a sync must not erase it.
                preserve=[getattr(ReleaseRow, k) for k in rows[0] if k not in ("id", "master_year")],
            ).execute()
        inst = [
            {
                "id": i.instance_id,
                "release": i.release.id,
                "folder_id": i.folder_id,
                "date_added": i.date_added,
                "rating": i.rating,
                "notes": {str(k): v for k, v in i.notes.items()},
                "seen_run": run_id,
            }
            for i in items
        ]
        for start in range(0, len(inst), _BATCH):
            InstanceRow.insert_many(inst[start : start + _BATCH]).on_conflict(
                conflict_target=[InstanceRow.id],
                # size and width are set in the app, not on Discogs: a sync keeps them.
                preserve=[
                    InstanceRow.release, InstanceRow.folder_id, InstanceRow.date_added,
                    InstanceRow.rating, InstanceRow.notes, InstanceRow.seen_run,
                ],
            ).execute()
        retained.restore(set(ids) - known)  # a removed record came back: so does its width
    return len(set(ids) - known)


def known_instances(ids: Iterable[int]) -> set[int]:
    ids = list(ids)
    return {r[0] for r in InstanceRow.select(InstanceRow.id).where(InstanceRow.id.in_(ids)).tuples()}


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
    return n


def remove_instance(instance_id: int) -> None:
    InstanceRow.delete().where(InstanceRow.id == instance_id).execute()


def set_folder(instance_id: int, folder_id: int) -> None:
    InstanceRow.update(folder_id=folder_id).where(InstanceRow.id == instance_id).execute()


def set_size(instance_id: int, size: str) -> bool:
    return InstanceRow.update(size=size).where(InstanceRow.id == instance_id).execute() > 0


def set_width(instance_id: int, width: float | None) -> bool:
    return InstanceRow.update(width=width).where(InstanceRow.id == instance_id).execute() > 0


def count_instances() -> int:
    return InstanceRow.select().count()


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


def load_records(
    folder_ids: Iterable[int] | None = None, *, instance_ids: Iterable[int] | None = None
) -> list[Record]:
    """Instances as domain Records (fields keyed by the custom field's name): all of them, those
    in some folders, or just these instances."""
    names = {str(f.id): f.name for f in FieldRow.select()}
    query = InstanceRow.select(InstanceRow, ReleaseRow).join(ReleaseRow)
    if folder_ids is not None:
        query = query.where(InstanceRow.folder_id.in_(list(folder_ids)))
    if instance_ids is not None:
        query = query.where(InstanceRow.id.in_(list(instance_ids)))
    releases: dict[int, Release] = {}
    out = []
    for row in query.order_by(InstanceRow.id):
        rel = releases.get(row.release.id)
        if rel is None:
            rel = releases[row.release.id] = release_from_row(row.release)
        out.append(
            Record(
                instance_id=row.id,
                release=rel,
                folder_id=row.folder_id,
                date_added=row.date_added,
                rating=row.rating,
                fields={names.get(k, k): v for k, v in row.notes.items()},
                size=row.size,
                width=row.width,
            )
        )
    return out


def load_record(instance_id: int) -> Record | None:
    found = load_records(instance_ids=[instance_id])
    return found[0] if found else None


def count_unseen(run_id: int) -> int:
    return InstanceRow.select().where(InstanceRow.seen_run != run_id).count()


def count_seen(run_id: int) -> int:
    return InstanceRow.select().where(InstanceRow.seen_run == run_id).count()
