"""Tables of the rules feature (created by their own schema migration).

The rule text is kept in every saved version (the newest is the one in force). Each record has
one current classification; moves done by the rules are logged, which is what the per-day move
limit counts; a movement rule that moved a record too often is blocked until the user lifts it.
"""

from __future__ import annotations

import peewee

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base, InstanceRow


class RuleTextRow(Base):
    version = peewee.IntegerField(primary_key=True)  # 1, 2, ... the highest is in force
    text = peewee.TextField()
    saved_at = UtcDateTimeField()

    class Meta:
        table_name = "rule_text"


class ClassificationRow(Base):
    """What the rules in force say about one record, and whether a move it wants is held back."""

    instance = peewee.ForeignKeyField(InstanceRow, primary_key=True, on_delete="CASCADE")
    label = peewee.TextField(null=True, index=True)
    format_class = peewee.TextField(null=True)
    destination = peewee.TextField(null=True)
    rule_line = peewee.IntegerField(null=True)  # the classification line that decided
    move_line = peewee.IntegerField(null=True)  # the movement line that chose the destination
    held = peewee.TextField(default="")  # "", "automation" or "blocked": a wanted move not queued
    changed_at = UtcDateTimeField()

    class Meta:
        table_name = "classification"


class MoveLogRow(Base):
    """A folder move the rules made on Discogs (kept after the record is gone: it is history)."""

    instance_id = peewee.IntegerField()
    at = UtcDateTimeField()
    from_folder = peewee.TextField()
    to_folder = peewee.TextField()
    rule_line = peewee.IntegerField(null=True)

    class Meta:
        table_name = "move_log"
        indexes = ((("instance_id", "at"), False),)


class BlockedRuleRow(Base):
    """A movement rule that may not move records until unblocked; found again by its text's hash
    when lines are added above it."""

    text_hash = peewee.TextField(primary_key=True)
    line = peewee.IntegerField()
    text = peewee.TextField()
    reason = peewee.TextField()
    since = UtcDateTimeField()

    class Meta:
        table_name = "blocked_rule"


TABLES: list[type[peewee.Model]] = [RuleTextRow, ClassificationRow, MoveLogRow, BlockedRuleRow]
