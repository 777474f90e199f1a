"""Reading and writing the rules feature: rule text versions, classifications, the move log,
blocked rules, and the facts about records the rules look at beyond the Record itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import peewee

from gramtui.store import collection
from gramtui.store.db import db
from gramtui.store.models import InstanceRow, ListingRow
from gramtui.store.models_rules import (
    BlockedRuleRow,
    ClassificationRow,
    MoveLogRow,
    RuleTextRow,
)

_BATCH = 200


@dataclass(frozen=True, slots=True)
class SavedRules:
    text: str
    version: int
    saved_at: datetime


@dataclass(frozen=True, slots=True)
class StoredClass:
    """One record's current classification as stored (see ClassificationRow)."""

    instance_id: int
    label: str | None
    format_class: str | None
    destination: str | None
    rule_line: int | None
    move_line: int | None
    held: str
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class BlockedRule:
    text_hash: str
    line: int
    text: str
    reason: str
    since: datetime


# -- rule text -----------------------------------------------------------------------------------


def saved_rules() -> SavedRules | None:
    row = RuleTextRow.select().order_by(RuleTextRow.version.desc()).first()
    return None if row is None else SavedRules(row.text, row.version, row.saved_at)


def save_rules(text: str, now: datetime) -> int:
    """Store `text` as the newest version; returns its version number."""
    with db.atomic():
        newest = RuleTextRow.select(peewee.fn.MAX(RuleTextRow.version)).scalar() or 0
        RuleTextRow.create(version=newest + 1, text=text, saved_at=now)
    return newest + 1


# -- classifications -----------------------------------------------------------------------------


def _stored(row: ClassificationRow) -> StoredClass:
    return StoredClass(
        row.instance_id,
        row.label,
        row.format_class,
        row.destination,
        row.rule_line,
        row.move_line,
        row.held,
        row.changed_at,
    )


def classifications(ids: Iterable[int] | None = None) -> dict[int, StoredClass]:
    query = ClassificationRow.select()
    if ids is not None:
        query = query.where(ClassificationRow.instance.in_(list(ids)))
    return {row.instance_id: _stored(row) for row in query}


def save_classifications(rows: Sequence[StoredClass]) -> None:
    data = [
        {
            "instance": r.instance_id,
            "label": r.label,
            "format_class": r.format_class,
            "destination": r.destination,
            "rule_line": r.rule_line,
            "move_line": r.move_line,
            "held": r.held,
            "changed_at": r.changed_at,
        }
        for r in rows
    ]
    with db.atomic():
        for start in range(0, len(data), _BATCH):
            ClassificationRow.replace_many(data[start : start + _BATCH]).execute()


def remove_classification(instance_id: int) -> None:
    ClassificationRow.delete().where(ClassificationRow.instance == instance_id).execute()


# -- the move log --------------------------------------------------------------------------------


def record_move(
    instance_id: int,
    folder_id: int,
    at: datetime,
    from_folder: str,
    to_folder: str,
    rule_line: int | None,
) -> None:
    """A move done on Discogs: the record's new folder and the log line, together."""
    with db.atomic():
        collection.set_folder(instance_id, folder_id)
        MoveLogRow.create(
            instance_id=instance_id,
            at=at,
            from_folder=from_folder,
            to_folder=to_folder,
            rule_line=rule_line,
        )


def moves_since(since: datetime, ids: Iterable[int] | None = None) -> dict[int, int]:
    """How many moves each record made at or after `since` (records with none are left out)."""
    query = (
        MoveLogRow.select(MoveLogRow.instance_id, peewee.fn.COUNT(MoveLogRow.id))
        .where(MoveLogRow.at >= since)
        .group_by(MoveLogRow.instance_id)
    )
    if ids is not None:
        query = query.where(MoveLogRow.instance_id.in_(list(ids)))
    return dict(query.tuples())


def move_log(instance_id: int) -> list[tuple[datetime, str, str, int | None]]:
    query = MoveLogRow.select().where(MoveLogRow.instance_id == instance_id).order_by(MoveLogRow.at)
    return [(r.at, r.from_folder, r.to_folder, r.rule_line) for r in query]


# -- blocked rules -------------------------------------------------------------------------------


def blocked_rules() -> list[BlockedRule]:
    query = BlockedRuleRow.select().order_by(BlockedRuleRow.since, BlockedRuleRow.line)
    return [BlockedRule(r.text_hash, r.line, r.text, r.reason, r.since) for r in query]


def block_rule(rule: BlockedRule) -> None:
    BlockedRuleRow.replace(
        text_hash=rule.text_hash,
        line=rule.line,
        text=rule.text,
        reason=rule.reason,
        since=rule.since,
    ).execute()


def unblock_rule(text_hash: str) -> bool:
    return bool(BlockedRuleRow.delete().where(BlockedRuleRow.text_hash == text_hash).execute() > 0)


# -- facts about records -------------------------------------------------------------------------


_STATUS_ORDER = {"For Sale": 0, "Draft": 1, "Expired": 2, "Sold": 3}


def listing_statuses() -> dict[int, str]:
    """instance id -> the status of its listing (the liveliest one, should there be several)."""
    out: dict[int, str] = {}
    query = (
        ListingRow.select(ListingRow.instance_id, ListingRow.status)
        .where(ListingRow.instance_id.is_null(False))
        .tuples()
    )
    for instance_id, status in query:
        known = out.get(instance_id)
        if known is None or _STATUS_ORDER.get(status, 9) < _STATUS_ORDER.get(known, 9):
            out[instance_id] = status
    return out


def copies_of(release_ids: Iterable[int] | None = None) -> dict[int, int]:
    """release id -> how many instances of it the collection holds (of every release: None; the
    bulk read leaves out the releases held once, nearly all of them: read a missing one as 1)."""
    if release_ids is None:  # the bulk read: plain rows, no peewee per row
        return dict(
            db.execute_sql(
                "SELECT release_id, COUNT(id) FROM instance GROUP BY release_id HAVING COUNT(id) > 1"
            )
        )
    query = InstanceRow.select(InstanceRow.release, peewee.fn.COUNT(InstanceRow.id)).group_by(
        InstanceRow.release
    )
    if release_ids is not None:
        query = query.where(InstanceRow.release.in_(list(release_ids)))
    return dict(query.tuples())


def current_folder(instance_id: int) -> int | None:
    row = InstanceRow.select(InstanceRow.folder_id).where(InstanceRow.id == instance_id).first()
    return None if row is None else row.folder_id
