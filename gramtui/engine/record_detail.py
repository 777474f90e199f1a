"""Everything the record detail screen shows about one record: the release (as `gramtui release
ID` prints it), the copy (folder, rating, custom fields, size, width), where it stands on the
shelves, its listing, its market figures, and the changes still queued for it.

Reads only (a layout computed here may be stored as a snapshot, as the Shelves pane does). Call
it off the UI thread: it runs SQL and may lay an organisation out.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from gramtui.domain.marketplace import Listing, MarketData
from gramtui.domain.organisation import OrganisationError, check_organisation
from gramtui.domain.placement import Placement
from gramtui.domain.records import Folder
from gramtui.domain.tasks import TaskState
from gramtui.engine import insight, layouts, record_actions
from gramtui.engine.context import Engine
from gramtui.engine.queue import Queue, Task
from gramtui.store import collection, marketplace
from gramtui.store.catalogue import raw_connection
from gramtui.store.catalogue_read import ReleaseDetail
from gramtui.store.models import InstanceRow, ListingRow, ReleaseRow, WantRow
from gramtui.store.models_wants import MasterReleaseRow, WantEntryRow


class RecordNotFound(LookupError):
    """Nothing is stored about the record asked for; the message says how to get it."""


@dataclass(frozen=True, slots=True)
class FieldValue:
    """A custom field of the collection and this copy's value of it ("" when unset)."""

    id: int
    name: str
    type: str  # "dropdown" or "textarea"
    options: tuple[str, ...]
    value: str


@dataclass(frozen=True, slots=True)
class ShelfPlace:
    """Where the copy goes in one organisation's current layout, and whether it stands there."""

    organisation: str
    where: str  # "Kallax 3 #12", "oversized #2"
    right_of: str  # the record on its left ("" at the start of a unit)
    left_of: str  # the record on its right
    on_shelves: str  # "stands there", "stands at Kallax 2 #4 (not moved yet)", "not yet shelved"


@dataclass(frozen=True)
class RecordDetail:
    release_id: int
    instance_id: int | None  # None: a release not in the collection (a want, a listing)
    artist: str
    title: str
    release: ReleaseDetail | None  # None when neither a dump nor a sync stored the release
    folder: str = ""
    folder_id: int | None = None
    rating: int = 0
    size: str = "regular"
    explicit_width: float | None = None
    fields: list[FieldValue] = field(default_factory=list)
    places: list[ShelfPlace] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    market: MarketData | None = None
    queued: list[str] = field(default_factory=list)  # changes on the queue, in words
    folders: list[str] = field(default_factory=list)  # the folders a copy can move to
    wanted_in: list[str] = field(default_factory=list)  # want lists holding the release
    facts: str = ""  # format, catno or year from a listing or want, when `release` is None


def where(placement: Placement) -> str:
    """ "Kallax 3 #12", "oversized #2", "spill #7"."""
    if placement.area != "shelf":
        return f"{placement.area} #{placement.position}"
    return f"{placement.space} {placement.unit} #{placement.position}"


def read(
    engine: Engine,
    instance_id: int | None = None,
    release_id: int | None = None,
    master_id: int | None = None,
) -> RecordDetail:
    """The detail of a copy (by instance id), of a release (by release id) or of a master's
    release (one you own, else its main release); a release the collection holds is shown as its
    first copy. Raises RecordNotFound saying what was not found."""
    if instance_id is None and release_id is None and master_id is not None:
        release_id = release_of_master(master_id)
        if release_id is None:
            raise RecordNotFound(
                f"nothing is stored about master {master_id} yet: the wants pass reads its main "
                "release, or load a masters dump with `gramtui dump ingest`"
            )
    record = collection.load_record(instance_id) if instance_id is not None else None
    if instance_id is not None and record is None:
        raise RecordNotFound(
            f"there is no record with instance id {instance_id} in the collection; sync first?"
        )
    if record is None and release_id is not None:
        release = insight.release_detail(release_id)
        copies = release.copies if release is not None else []
        if copies:
            record = collection.load_record(copies[0][0])
    if record is not None:
        release_id = record.release.id
    assert release_id is not None, "read() needs an instance id or a release id"
    release = insight.release_detail(release_id)
    artist, title, facts = _names(release_id, release)
    wanted_in = _want_lists(release_id)
    if record is None and release is None and not (artist or title or wanted_in):
        raise RecordNotFound(
            f"release {release_id} is neither in the catalogue nor in your collection, "
            "wantlist or listings: sync, or load a dump with `gramtui dump ingest`."
        )
    folders = collection.folders()
    movable = sorted({f.name for f in folders if f.id != 0}, key=str.casefold)
    listings = _listings(release_id, record.instance_id if record else None)
    market = marketplace.load_market([release_id]).get(release_id)
    if record is None:
        return RecordDetail(
            release_id, None, artist, title, release, listings=listings, market=market,
            folders=movable, wanted_in=wanted_in, facts=facts,
            queued=queued(engine.queue, None, release_id),
        )  # fmt: skip
    names = {f.id: f.name for f in folders}
    values = record.fields
    custom = [
        FieldValue(f.id, f.name, f.type, f.options, values.get(f.name, ""))
        for f in collection.fields()
    ]
    return RecordDetail(
        release_id=release_id,
        instance_id=record.instance_id,
        artist=record.release.artist,
        title=record.release.title,
        release=release,
        folder=names.get(record.folder_id, f"folder {record.folder_id}"),
        folder_id=record.folder_id,
        rating=record.rating,
        size=record.size,
        explicit_width=record.width,
        fields=custom,
        places=_places(engine, record.instance_id, record.folder_id, folders),
        listings=listings,
        market=market,
        queued=queued(engine.queue, record.instance_id, release_id),
        folders=movable,
        wanted_in=wanted_in,
    )


def release_of_master(master_id: int) -> int | None:
    """A release of the master: one in the collection, one wanted, else its main release."""
    owned = (
        ReleaseRow.select(ReleaseRow.id)
        .join(InstanceRow)
        .where(ReleaseRow.master_id == master_id)
        .first()
    )
    if owned is not None:
        return int(owned.id)
    wanted = WantRow.get_or_none(WantRow.master_id == master_id)
    if wanted is not None:
        return int(wanted.release_id)
    main = MasterReleaseRow.get_or_none(MasterReleaseRow.master_id == master_id)
    if main is not None and main.main_release:
        return int(main.main_release)
    try:
        row = (
            raw_connection()
            .execute("SELECT main_release FROM cat_master WHERE id = ?", (master_id,))
            .fetchone()
        )
    except sqlite3.OperationalError:  # no masters dump loaded
        return None
    return int(row[0]) if row and row[0] else None


def _names(release_id: int, release: ReleaseDetail | None) -> tuple[str, str, str]:
    """Artist, title and what else is known (format, catno or year) of a release that neither a
    sync of the collection nor a dump stored: what its listing or want says."""
    if release is not None:
        return release.artist, release.title, ""
    row = ListingRow.get_or_none(ListingRow.release_id == release_id)
    if row is not None:
        return row.artist, row.title, " · ".join(f for f in (row.format, row.catno) if f)
    want = WantRow.get_or_none(WantRow.release_id == release_id)
    if want is not None:
        facts = " · ".join(f for f in (want.format, str(want.year or "")) if f)
        return want.artist, want.title, facts
    return "", "", ""


def _places(
    engine: Engine, instance_id: int, folder_id: int, folders: list[Folder]
) -> list[ShelfPlace]:
    out = []
    for org in layouts.organisations():
        try:
            if folder_id not in check_organisation(org, folders):
                continue
        except OrganisationError:
            continue  # an organisation that cannot be laid out says so in the Shelves pane
        view = layouts.shelf_view(org, engine.config, engine.clock())
        found = view.locate(instance_id, 1)
        if found is None:
            continue
        accepted = layouts.accepted_layout(org.name)
        standing = accepted.find(instance_id) if accepted is not None else None
        if accepted is None or standing is None:
            state = "not on the shelves yet (print its moves)"
        elif standing == found.placement or (
            standing.space,
            standing.unit,
            standing.position,
        ) == (found.placement.space, found.placement.unit, found.placement.position):
            state = "stands there"
        else:
            state = f"stands at {where(standing)} until its move is done"
        out.append(
            ShelfPlace(
                org.name,
                where(found.placement),
                _short(found.before[-1]) if found.before else "",
                _short(found.after[0]) if found.after else "",
                state,
            )
        )
    return out


def _short(record: layouts.ShelfRecord) -> str:
    return f"{record.artist} — {record.title}"


def _listings(release_id: int, instance_id: int | None) -> list[Listing]:
    """The copy's listings (any status), else the release's For Sale listings."""
    rows = ListingRow.select().order_by(ListingRow.posted.desc(), ListingRow.id.desc())
    if instance_id is not None:
        mine = [
            marketplace.listing_from_row(r)
            for r in rows.where(ListingRow.instance_id == instance_id)
        ]
        if mine:
            return mine
    return [
        marketplace.listing_from_row(r)
        for r in rows.where(
            (ListingRow.release_id == release_id) & (ListingRow.status == "For Sale")
        )
    ]


def _want_lists(release_id: int) -> list[str]:
    rows = WantEntryRow.select().where(WantEntryRow.release_id == release_id)
    return sorted({r.want_list.name for r in rows})


def queued(queue: Queue, instance_id: int | None, release_id: int) -> list[str]:
    """The changes for this record waiting on the queue (or failed), in words, oldest first."""
    keys = [f"want:{release_id}"]
    if instance_id is not None:
        keys += [f"move:{instance_id}", f"rating:{instance_id}", f"create-listing:{instance_id}"]
        keys += [record_actions.field_key(instance_id, f.id) for f in collection.fields()]
    waiting = (TaskState.PENDING, TaskState.RUNNING, TaskState.FAILED)
    tasks = [t for key in keys if (t := queue.latest_task(key)) is not None and t.state in waiting]
    out = []
    for task in sorted(tasks, key=lambda t: t.created_at):
        failed = (
            f": {task.last_error}" if task.state == TaskState.FAILED and task.last_error else ""
        )
        out.append(f"{_describe(task)} ({task.state}{failed})")
    return out


def _describe(task: Task) -> str:
    p = task.payload
    if task.kind == "move.folder":
        return f"move to {p.get('to_folder', '?')}"
    if task.kind == "record.rating":
        return f"rating {p.get('rating')}"
    if task.kind == "record.field":
        return f"{p.get('field_name', 'field')} = {p.get('value', '')!r}"
    if task.kind.startswith("listing.create") or task.key.startswith("create-listing:"):
        return "put up for sale"
    return str(task.kind)
