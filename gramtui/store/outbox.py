"""The slip outbox: batches of rendered slips and where each one is on its way to the printer."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gramtui.store.db import db
from gramtui.store.models import InstanceRow, ReleaseRow
from gramtui.store.models_outbox import SlipBatch, SlipRow

_BATCH = 200  # rows per INSERT: well under SQLite's variable limit
HANDLED = ("printed", "done")  # a slip in one of these states needs nothing more


@dataclass(frozen=True, slots=True)
class NewSlip:
    seq: int
    instance_id: int | None
    action: str
    lines: tuple[str, ...]
    qr: str
    width: int


@dataclass(frozen=True, slots=True)
class StoredSlip:
    id: int
    batch_id: int
    seq: int
    instance_id: int | None
    action: str
    lines: tuple[str, ...]
    qr: str
    width: int
    state: str
    attempts: int
    last_error: str
    printed_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredBatch:
    id: int
    organisation: str
    from_hash: str
    to_hash: str
    created_at: datetime
    state: str
    width: int
    neighbours: int
    compact: bool
    moves: list[dict[str, Any]]


def _batch(row: SlipBatch) -> StoredBatch:
    return StoredBatch(
        row.id,
        row.organisation,
        row.from_hash,
        row.to_hash,
        row.created_at,
        row.state,
        row.width,
        row.neighbours,
        row.compact,
        row.moves,
    )


def _slip(row: SlipRow) -> StoredSlip:
    return StoredSlip(
        row.id,
        row.batch_id,
        row.seq,
        row.instance_id,
        row.action,
        tuple(row.lines),
        row.qr,
        row.width,
        row.state,
        row.attempts,
        row.last_error,
        row.printed_at,
    )


def open_batch(organisation: str) -> StoredBatch | None:
    row = (
        SlipBatch.select()
        .where((SlipBatch.organisation == organisation) & (SlipBatch.state == "open"))
        .order_by(SlipBatch.id.desc())
        .first()
    )
    return None if row is None else _batch(row)


def open_batches() -> list[StoredBatch]:
    rows = SlipBatch.select().where(SlipBatch.state == "open").order_by(SlipBatch.id)
    return [_batch(r) for r in rows]


def batch(batch_id: int) -> StoredBatch | None:
    row = SlipBatch.get_or_none(SlipBatch.id == batch_id)
    return None if row is None else _batch(row)


def create_batch(
    organisation: str,
    from_hash: str,
    to_hash: str,
    now: datetime,
    *,
    width: int,
    neighbours: int,
    compact: bool,
    moves: list[dict[str, Any]],
    slips: Sequence[NewSlip],
) -> int:
    with db.atomic():
        row = SlipBatch.create(
            organisation=organisation,
            from_hash=from_hash,
            to_hash=to_hash,
            created_at=now,
            width=width,
            neighbours=neighbours,
            compact=compact,
            moves=moves,
        )
        _insert_slips(row.id, slips)
    return int(row.id)


def replace_content(
    batch_id: int,
    *,
    width: int,
    neighbours: int,
    compact: bool,
    moves: list[dict[str, Any]],
    slips: Sequence[NewSlip],
) -> None:
    """Render a batch again (settings changed); only for a batch none of whose slips went out."""
    with db.atomic():
        SlipBatch.update(width=width, neighbours=neighbours, compact=compact, moves=moves).where(
            SlipBatch.id == batch_id
        ).execute()
        SlipRow.delete().where(SlipRow.batch == batch_id).execute()
        _insert_slips(batch_id, slips)


def _insert_slips(batch_id: int, slips: Sequence[NewSlip]) -> None:
    # plain executemany: peewee's insert_many spends longer building the SQL than SQLite writing
    db.connection().executemany(
        "INSERT INTO slip (batch_id, seq, instance_id, action, lines, qr, width, state, attempts,"
        " last_error) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, '')",
        [
            (batch_id, s.seq, s.instance_id, s.action, json.dumps(list(s.lines)), s.qr, s.width)
            for s in slips
        ],
    )


def delete_batch(batch_id: int) -> None:
    with db.atomic():
        SlipRow.delete().where(SlipRow.batch == batch_id).execute()
        SlipBatch.delete().where(SlipBatch.id == batch_id).execute()


def set_batch_state(batch_id: int, state: str) -> None:
    SlipBatch.update(state=state).where(SlipBatch.id == batch_id).execute()


def slips(batch_id: int) -> list[StoredSlip]:
    rows = SlipRow.select().where(SlipRow.batch == batch_id).order_by(SlipRow.seq)
    return [_slip(r) for r in rows]


def slip_ids(batch_id: int) -> list[int]:
    return [r.id for r in SlipRow.select(SlipRow.id).where(SlipRow.batch == batch_id)]


def batches_of(slip_ids: Iterable[int]) -> set[int]:
    ids = list(slip_ids)
    rows = SlipRow.select(SlipRow.batch).where(SlipRow.id.in_(ids)).distinct() if ids else []
    return {r.batch_id for r in rows}


def slip(slip_id: int) -> StoredSlip | None:
    row = SlipRow.get_or_none(SlipRow.id == slip_id)
    return None if row is None else _slip(row)


def untouched(batch_id: int) -> bool:
    """True when no slip of the batch went out or was marked done (failed tries do not count:
    the printer took none of those slips)."""
    return not (
        SlipRow.select().where((SlipRow.batch == batch_id) & (SlipRow.state != "pending")).exists()
    )


def complete(batch_id: int) -> bool:
    """True when every slip of the batch is printed or marked done."""
    return not (
        SlipRow.select().where((SlipRow.batch == batch_id) & SlipRow.state.not_in(HANDLED)).exists()
    )


def pending_slips(batch_ids: Iterable[int]) -> list[StoredSlip]:
    """The slips still to print, batch after batch, in print order."""
    rows = (
        SlipRow.select()
        .where(SlipRow.batch.in_(list(batch_ids)) & (SlipRow.state == "pending"))
        .order_by(SlipRow.batch, SlipRow.seq)
    )
    return [_slip(r) for r in rows]


def mark_interrupted(message: str) -> int:
    """Slips left "sending" by a run that was killed: they may have printed, so the user decides."""
    return int(
        SlipRow.update(state="unsure", last_error=message)
        .where(SlipRow.state == "sending")
        .execute()
    )


def claim_for_sending(slip_id: int) -> bool:
    """Mark a pending slip "sending"; False when it is not pending any more. One conditional
    UPDATE, so of two processes printing at once (the TUI and `gramtui print`) only one wins."""
    return bool(
        SlipRow.update(state="sending", attempts=SlipRow.attempts + 1)
        .where((SlipRow.id == slip_id) & (SlipRow.state == "pending"))
        .execute()
        == 1
    )


def mark_printed(slip_id: int, now: datetime) -> None:
    SlipRow.update(state="printed", printed_at=now, last_error="").where(
        SlipRow.id == slip_id
    ).execute()


def mark_failed(slip_id: int, error: str) -> None:
    """The printer did not take the slip: it stays pending, with the reason."""
    SlipRow.update(state="pending", last_error=error).where(SlipRow.id == slip_id).execute()


def mark_done(slip_ids: Iterable[int]) -> int:
    """Slips the user handled by hand; those already printed or done are left as they are."""
    ids = list(slip_ids)
    count = 0
    with db.atomic():
        for start in range(0, len(ids), _BATCH):
            count += (
                SlipRow.update(state="done", last_error="")
                .where(SlipRow.id.in_(ids[start : start + _BATCH]) & SlipRow.state.not_in(HANDLED))
                .execute()
            )
    return count


def record_facts(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """What a slip says about each of these instances still in the collection, read from the
    release's display columns (no JSON to decode: a first batch can name 50,000 records)."""
    wanted = list(ids)
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), _BATCH):
        rows = (
            InstanceRow.select(
                InstanceRow.id,
                ReleaseRow.id,
                ReleaseRow.title,
                ReleaseRow.artist,
                ReleaseRow.label,
                ReleaseRow.catno,
                ReleaseRow.year,
                ReleaseRow.format,
            )
            .join(ReleaseRow)
            .where(InstanceRow.id.in_(wanted[start : start + _BATCH]))
            .tuples()
        )
        for instance_id, release_id, title, artist, label, catno, year, fmt in rows:
            found[instance_id] = {
                "artist": artist,
                "title": title,
                "label": label,
                "catno": catno,
                "year": year,
                "format": fmt,
                "release_id": release_id,
                "instance_id": instance_id,
            }
    return found


def remembered_records(organisation: str, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The records earlier batches of the organisation printed, newest first, for those of `ids`
    that are no longer in the collection."""
    wanted = set(ids)
    found: dict[int, dict[str, Any]] = {}
    rows = (
        SlipBatch.select(SlipBatch.moves)
        .where(SlipBatch.organisation == organisation)
        .order_by(SlipBatch.id.desc())
    )
    for row in rows:
        for move in row.moves:
            instance_id = move["instance_id"]
            if instance_id in wanted and instance_id not in found:
                found[instance_id] = move["record"]
        if len(found) == len(wanted):
            break
    return found


def count_state(batch_ids: Iterable[int], state: str) -> int:
    return int(
        SlipRow.select()
        .where(SlipRow.batch.in_(list(batch_ids)) & (SlipRow.state == state))
        .count()
    )


def prune_batches(organisation: str, keep: int) -> int:
    """Finished batches of the organisation beyond the newest `keep`; the open one stays."""
    rows = (
        SlipBatch.select(SlipBatch.id)
        .where((SlipBatch.organisation == organisation) & (SlipBatch.state != "open"))
        .order_by(SlipBatch.id.desc())
    )
    doomed = [r.id for r in rows[keep:]]
    if not doomed:
        return 0
    with db.atomic():
        SlipRow.delete().where(SlipRow.batch.in_(doomed)).execute()
        return int(SlipBatch.delete().where(SlipBatch.id.in_(doomed)).execute())
