"""Classifying records: one, many, counts per rule line for the editor, and a dry run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from gramtui.domain.records import Record
from gramtui.domain.rules.ast import RuleSet
from gramtui.domain.rules.compile import Classification, compile_rules
from gramtui.domain.rules.facts import RecordFacts
from gramtui.domain.rules.names import name_key

Item = tuple[Record, RecordFacts]


@dataclass(frozen=True, slots=True)
class Change:
    """A record whose classification would change; `to_folder` is None when it would not move
    (no movement rule matches, or it is already in its destination)."""

    instance_id: int
    old_class: str | None
    new_class: str | None
    from_folder: str
    to_folder: str | None
    rule_line: int | None
    move_line: int | None


def classify(rules: RuleSet, record: Record, facts: RecordFacts, now: datetime) -> Classification:
    """For many records use classify_many() or compile_rules(), which compile only once."""
    return compile_rules(rules, now).classify(record, facts)


def classify_many(
    rules: RuleSet, items: Iterable[Item], now: datetime
) -> dict[int, Classification]:
    """Classifications by instance id, in the order of `items`."""
    compiled = compile_rules(rules, now)
    return {record.instance_id: compiled.classify(record, facts) for record, facts in items}


def count_matches(rules: RuleSet, items: Iterable[Item], now: datetime) -> dict[int, int]:
    """For every user rule line, how many records it decides (first match wins, so each record
    counts once per section); for a define line, how many records it is true for."""
    compiled = compile_rules(rules, now)
    counts: dict[int, int] = {}
    for line in (
        *(rule.line for rule in rules.formats),
        *(rule.line for rule in rules.defines),
        *(rule.line for rule in rules.classifications),
        *(rule.line for rule in rules.movements),
    ):
        if line is not None:
            counts[line] = 0
    for record, facts in items:
        subject, result = compiled.subject(record, facts)
        for line in (result.format_line, result.rule_line, result.move_line):
            if line is not None:
                counts[line] += 1
        for predicate, line in compiled.defines:
            if line is not None and predicate(subject):
                counts[line] += 1
    return counts


def dry_run(
    rules: RuleSet, items: Iterable[Item], now: datetime, previous: Mapping[int, str | None]
) -> list[Change]:
    """The records whose classification differs from `previous` (instance id -> label; a missing
    id counts as None) and where each would move. Moves follow classification changes only."""
    compiled = compile_rules(rules, now)
    changes: list[Change] = []
    for record, facts in items:
        result = compiled.classify(record, facts)
        old = previous.get(record.instance_id)
        if _key(old) == _key(result.label):
            continue
        moving = result.destination is not None and result.destination != facts.folder_name
        changes.append(
            Change(
                record.instance_id,
                old,
                result.label,
                facts.folder_name,
                result.destination if moving else None,
                result.rule_line,
                result.move_line,
            )
        )
    return changes


def _key(label: str | None) -> str | None:
    return None if label is None else name_key(label)
