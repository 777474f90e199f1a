"""The rules service: the saved rule text, classifying the collection, and folder moves.

The UI and the CLI call these functions; the language itself is gramtui.domain.rules. A rule text
is saved only when `check` finds no error. `evaluate` classifies every record with the saved rules
and stores the result; a record whose classification changed and whose destination folder is not
its folder gets a move intent on the queue (kind `move.folder`, key `move:<instance>`, so repeated
evaluations never pile up) when `automation.moves` is on. Otherwise the move is *held* and shown,
and the next evaluation with automation on sends it.

A record moved more than `rules.max_moves_per_day` times within a day blocks the movement rule
that wants to move it again: that rule moves nothing until the user unblocks it.

Evaluation runs from the UI's worker and from the runner's thread (after each move); one lock
keeps the two from interleaving their read-modify-write of the classifications.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from gramtui.discogs.errors import NotFound
from gramtui.domain.frozen_maker import maker
from gramtui.domain.records import Folder, Record
from gramtui.domain.rules import (
    CheckResult,
    Diagnostic,
    RecordFacts,
    RuleContext,
    RuleSet,
    check,
    compile_rules,
    count_matches,
)
from gramtui.domain.rules import explain as explain_record
from gramtui.domain.rules.names import name_key
from gramtui.domain.rules.parser import SECTIONS, parse_partial, rule_lines
from gramtui.domain.tasks import Priority, TaskState
from gramtui.engine import once
from gramtui.engine.context import Engine
from gramtui.engine.queue import Task
from gramtui.engine.runner import Handler
from gramtui.store import collection, meta
from gramtui.store import rules as store
from gramtui.store.db import db
from gramtui.store.gc_pause import gc_paused
from gramtui.store.models import SyncRun
from gramtui.store.rules import BlockedRule, StoredClass
from gramtui.store.rules import SavedRules as SavedRules  # the UI names it through here

log = logging.getLogger("gramtui.rules")

MOVE_KIND = "move.folder"
CREATE_FOLDER_CALL = "POST /users/{u}/collection/folders"
SIZES = ("regular", "oversized")
DAY = timedelta(days=1)

_LOCK = threading.RLock()


class RulesError(Exception):
    """A rules action that cannot be done; the message says what is wrong and how to fix it."""


class RulesInvalid(RulesError):
    """A rule text with errors; `diagnostics` has every message with its line and column."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.severity == "error"]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            f"the rules are not valid: {errors[0]}{more}; fix them and try again"
            if errors
            else "the rules are not valid"
        )
        self.diagnostics = diagnostics


def move_key(instance_id: int) -> str:
    return f"move:{instance_id}"


def rule_hash(line_text: str) -> str:
    """Identifies a rule by its words, so a block follows the rule when lines move."""
    return hashlib.sha1(" ".join(line_text.split()).encode()).hexdigest()[:16]


# -- what the rules see ----------------------------------------------------------------------------


def context() -> RuleContext:
    """The collection's folders (not the virtual 'All') and custom fields, as check() needs."""
    return RuleContext(
        frozenset(f.name for f in collection.folders() if f.id != 0),
        frozenset(f.name for f in collection.fields()),
    )


@dataclass(frozen=True, slots=True)
class Items:
    """Records with the facts about them, read once and reused (the editor counts on every edit)."""

    records: list[Record]
    facts: dict[int, RecordFacts]
    folder_ids: dict[str, int]  # folder name -> id (the lowest id when two share a name)

    def pairs(self) -> list[tuple[Record, RecordFacts]]:
        return [(r, self.facts[r.instance_id]) for r in self.records]


def load_items(ids: Iterable[int] | None = None) -> Items:
    folders = collection.folders()
    names = {f.id: f.name for f in folders}
    records = collection.load_records(instance_ids=ids, for_rules=True)
    statuses = store.listing_statuses()
    copies = store.copies_of(None if ids is None else {r.release_id for r in records})
    # Facts are frozen and most records share theirs (same folder, no listing, one copy): one
    # object per distinct value, not one per record.
    shared: dict[tuple[int, str | None, int], RecordFacts] = {}
    facts = {}
    for r in records:
        key = (r.folder_id, statuses.get(r.instance_id), copies.get(r.release_id, 1))
        found = shared.get(key)
        if found is None:
            found = shared[key] = RecordFacts(
                names.get(r.folder_id, f"folder {r.folder_id}"), key[1], key[2]
            )
        facts[r.instance_id] = found
    folder_ids: dict[str, int] = {}
    for f in sorted(folders, key=lambda f: f.id):
        if f.id != 0:
            folder_ids.setdefault(f.name, f.id)
    return Items(records, facts, folder_ids)


# -- the rule text ---------------------------------------------------------------------------------


def saved() -> SavedRules | None:
    return store.saved_rules()


def saved_text() -> str:
    rules = store.saved_rules()
    return rules.text if rules is not None else ""


def check_text(text: str) -> CheckResult:
    return check(text, context())


def save(engine: Engine, text: str) -> EvaluateReport:
    """Save `text` as the rules in force and evaluate the collection with it; raises RulesInvalid
    (nothing saved, nothing queued) when check() finds an error."""
    result = check_text(text)
    if result.rules is None:
        raise RulesInvalid(result.diagnostics)
    with _LOCK:
        store.save_rules(text, engine.clock())
        for stale in blocked(text):
            if stale.line is None:  # the rule was edited or removed: its block goes with it
                store.unblock_rule(stale.rule.text_hash)
        return evaluate(engine)


def missing_folders(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """The destination folders the rules name that do not exist (deleted on Discogs, or not
    made yet), in the order the rules name them."""
    return list(
        dict.fromkeys(
            d.create_folder for d in diagnostics if d.create_folder and d.severity == "error"
        )
    )


def check_lenient(text: str) -> tuple[CheckResult, list[str]]:
    """check() that lets rules whose only errors are missing destination folders through, with
    those folders named: classification goes on, and moves to them are held until the folder
    exists again (a folder deleted on Discogs must not stop every rule; a dry run works before
    the folder is made). Saving still needs check() to pass."""
    result = check_text(text)
    missing = missing_folders(result.diagnostics)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if result.rules is not None or not missing or any(not d.create_folder for d in errors):
        return result, []
    ctx = context()
    again = check(text, RuleContext(ctx.folders | set(missing), ctx.fields))
    if again.rules is None:
        return result, []
    return CheckResult(again.rules, result.diagnostics), missing


MISSING_KEY = "rules_missing_folders"


def missing_saved_folders() -> list[str]:
    """The destination folders the saved rules named at their last evaluation that do not
    exist: moves there are held (see check_lenient)."""
    try:
        return list(json.loads(meta.get(MISSING_KEY) or "[]"))
    except ValueError:
        return []


def missing_folder_advice(missing: list[str]) -> str:
    """One sentence for every place that says so: what is wrong and the two ways out."""
    names = ", ".join(repr(m) for m in missing)
    return (
        f"Rules move records to {names}, which is not a folder on Discogs (deleted?): those "
        "moves are held, the other rules work. Recreate it (Ctrl+S in the Rules pane offers "
        "to, or `gramtui rules import FILE --create-folders`) or edit the rule."
    )


def _valid_saved() -> tuple[SavedRules | None, RuleSet | None, list[Diagnostic], list[str]]:
    rules = store.saved_rules()
    if rules is None:
        return None, None, [], []
    result, missing = check_lenient(rules.text)
    return rules, result.rules, result.diagnostics, missing


# -- planning: what evaluation does, computed without doing it -------------------------------------

QUEUE, HELD_AUTOMATION, HELD_BLOCKED, BLOCKS = "queue", "automation", "blocked", "blocks"
HELD_FOLDER = "folder"  # its destination folder does not exist (deleted on Discogs?)


@dataclass(frozen=True, slots=True)
class Change:
    """A record whose classification changes; `to_folder` is set when it wants to move, and
    `outcome` says what happens to the move: queue, automation (held: automation.moves is off),
    blocked (held: its rule is blocked) or blocks (this move would exceed the daily limit)."""

    instance_id: int
    release_id: int
    artist: str
    title: str
    old_label: str | None
    new_label: str | None
    format_class: str | None
    from_folder: str
    to_folder: str | None
    rule_line: int | None
    move_line: int | None
    outcome: str = ""


@dataclass
class _Plan:
    rows: list[StoredClass] = field(default_factory=list)  # classifications to write
    changes: list[Change] = field(default_factory=list)  # classification changed
    retried: list[Change] = field(default_factory=list)  # held moves tried again
    blocks: list[BlockedRule] = field(default_factory=list)
    labels: Counter[str | None] = field(default_factory=Counter)

    @property
    def moves(self) -> list[Change]:
        return [c for c in (*self.changes, *self.retried) if c.to_folder is not None]


def _plan(
    engine: Engine,
    rules: RuleSet,
    text: str,
    items: Items,
    stored: dict[int, StoredClass],
    now: datetime,
    missing: Iterable[str] = (),
) -> _Plan:
    missing = set(missing)
    compiled = compile_rules(rules, now)
    lines = rule_lines(text)
    blocked = {b.text_hash for b in store.blocked_rules()}
    limit = engine.config.rules.max_moves_per_day
    automation = engine.config.automation.moves
    ids = [r.instance_id for r in items.records]
    moved = store.moves_since(now - DAY, None if len(ids) > 500 else ids)
    plan = _Plan()
    for record in items.records:
        facts = items.facts[record.instance_id]
        result = compiled.classify(record, facts)
        old = stored.get(record.instance_id)
        changed = _key(old.label if old else None) != _key(result.label)
        retry = old is not None and old.held != "" and not changed
        wants_move = result.destination is not None and result.destination != facts.folder_name
        outcome = held = ""
        if wants_move and (changed or retry):
            assert result.move_line is not None
            line_text = lines[result.move_line - 1]
            digest = rule_hash(line_text)
            if digest in blocked:
                outcome = held = HELD_BLOCKED
            elif result.destination in missing:
                outcome = held = HELD_FOLDER
            elif not automation:
                outcome = held = HELD_AUTOMATION
            elif moved.get(record.instance_id, 0) >= limit:
                outcome, held = BLOCKS, HELD_BLOCKED
                blocked.add(digest)
                plan.blocks.append(
                    BlockedRule(
                        digest,
                        result.move_line,
                        line_text.strip(),
                        f"record {record.instance_id} ({record.release.artist} — "
                        f"{record.release.title}) would move a {_nth(limit + 1)} time within a day "
                        f"(to {result.destination!r}); rules.max_moves_per_day is {limit}",
                        now,
                    )
                )
            else:
                outcome = QUEUE
        elif old is not None and old.held and not changed:
            held = ""  # the move it waited for is no longer wanted
        if changed or (retry and wants_move):
            change = Change(
                record.instance_id,
                record.release_id,
                record.release.artist,
                record.release.title,
                old.label if old else None,
                result.label,
                result.format_class,
                facts.folder_name,
                result.destination if wants_move else None,
                result.rule_line,
                result.move_line,
                outcome,
            )
            (plan.changes if changed else plan.retried).append(change)
        row = StoredClass(
            record.instance_id,
            result.label,
            result.format_class,
            result.destination,
            result.rule_line,
            result.move_line,
            held,
            now if changed or old is None else old.changed_at,
        )
        if row != old:
            plan.rows.append(row)
        plan.labels[result.label] += 1
    return plan


def _key(label: str | None) -> str | None:
    return None if label is None else name_key(label)


def _nth(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# -- evaluation ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvaluateReport:
    """What one evaluation found and did. `problems` is set (and nothing done) when the saved
    rules no longer check, e.g. a destination folder was deleted on Discogs."""

    evaluated: int = 0
    changed: int = 0
    queued: list[int] = field(default_factory=list)  # instance ids with a move on the queue
    held_automation: list[int] = field(default_factory=list)
    held_blocked: list[int] = field(default_factory=list)
    blocked_now: list[BlockedRule] = field(default_factory=list)
    cancelled: int = 0  # pending moves the new classification no longer wants
    problems: list[Diagnostic] = field(default_factory=list)
    has_rules: bool = True
    missing_folders: list[str] = field(default_factory=list)  # named by rules, not on Discogs
    held_folder: list[int] = field(default_factory=list)  # moves held for a missing folder


def evaluate(engine: Engine, only: Iterable[int] | None = None) -> EvaluateReport:
    """Classify the records (all, or those in `only`) with the saved rules and queue the moves."""
    with _LOCK:
        saved_rules, rules, diagnostics, missing = _valid_saved()
        if saved_rules is None:
            return EvaluateReport(has_rules=False)
        if rules is None:
            return EvaluateReport(problems=diagnostics)
        if missing:
            log.warning("rules name missing folders %s: moves there are held", missing)
        if missing != missing_saved_folders():  # for the Queue pane and the app to say so
            meta.put(MISSING_KEY, json.dumps(missing))
        ids = None if only is None else list(only)
        items = load_items(ids)
        stored = store.classifications(ids)
        plan = _plan(engine, rules, saved_rules.text, items, stored, engine.clock(), missing)
        store.save_classifications(plan.rows)
        for block in plan.blocks:
            store.block_rule(block)
        pending = {
            t.key: t.id
            for t in engine.queue.tasks((TaskState.PENDING,), kind=MOVE_KIND, limit=1_000_000)
        }
        queued: list[int] = []
        cancelled = 0
        for change in (*plan.changes, *plan.retried):
            key = move_key(change.instance_id)
            if change.outcome == QUEUE:
                assert change.to_folder is not None
                engine.queue.enqueue(
                    MOVE_KIND,
                    key,
                    {
                        "instance": change.instance_id,
                        "release": change.release_id,
                        "from_folder": change.from_folder,
                        "to_folder": change.to_folder,
                        "to_folder_id": items.folder_ids[change.to_folder],
                        "rule_line": change.move_line,
                    },
                    priority=Priority.SYNC,
                )
                queued.append(change.instance_id)
            elif key in pending and engine.queue.drop(pending[key]):
                cancelled += 1
        moves = plan.moves
        return EvaluateReport(
            evaluated=len(items.records),
            changed=len(plan.changes),
            queued=queued,
            held_automation=[c.instance_id for c in moves if c.outcome == HELD_AUTOMATION],
            held_blocked=[c.instance_id for c in moves if c.outcome in (HELD_BLOCKED, BLOCKS)],
            blocked_now=plan.blocks,
            cancelled=cancelled,
            missing_folders=missing,
            held_folder=[c.instance_id for c in moves if c.outcome == HELD_FOLDER],
        )


def after_sync(engine: Engine, run: SyncRun) -> None:
    """Fresh data from Discogs: classify again (records changed, some may have to move). Only
    after the collection was read whole: a record left unread could sit in a folder it left."""
    from gramtui.engine.sync import completed  # here: classify and the editor never need sync

    if completed(run, "collection"):
        evaluate(engine)


# -- looking before saving -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DryRun:
    """What saving `text` would do now: every classification change and every move, with what
    would become of the move. Empty (and `valid` False) when the text has errors."""

    valid: bool
    diagnostics: list[Diagnostic]
    automation: bool
    records: int = 0
    labels: dict[str | None, int] = field(default_factory=dict)  # classification -> records
    changes: list[Change] = field(default_factory=list)
    retried: list[Change] = field(default_factory=list)  # held moves that would be tried again
    blocks: list[BlockedRule] = field(default_factory=list)
    missing_folders: list[str] = field(default_factory=list)  # moves there would be held

    @property
    def moves(self) -> list[Change]:
        return [c for c in (*self.changes, *self.retried) if c.to_folder is not None]


def dry_run(engine: Engine, text: str | None = None, items: Items | None = None) -> DryRun:
    """What evaluating `text` (the saved rules when None) would do, without doing any of it."""
    text = saved_text() if text is None else text
    result, missing = check_lenient(text)
    automation = engine.config.automation.moves
    if result.rules is None:
        return DryRun(False, result.diagnostics, automation)
    with _LOCK:
        items = items or load_items()
        plan = _plan(
            engine, result.rules, text, items, store.classifications(), engine.clock(), missing
        )
    labels = dict(sorted(plan.labels.items(), key=lambda kv: (kv[0] is None, -kv[1], kv[0])))
    return DryRun(
        True,
        result.diagnostics,
        automation,
        len(items.records),
        labels,
        plan.changes,
        plan.retried,
        plan.blocks,
        missing,
    )


def counts(engine: Engine, text: str, items: Items | None = None) -> dict[int, int]:
    """Records each line of `text` decides (see domain count_matches), for every line that
    parses: the editor shows them while the text still has errors elsewhere."""
    rules = parse_partial(text).rules
    items = items or load_items()
    return count_matches(rules, items.pairs(), engine.clock())


@dataclass(frozen=True, slots=True)
class Explanation:
    instance_id: int
    label: str | None
    format_class: str | None
    destination: str | None
    lines: list[str]


def explain(engine: Engine, instance_id: int, text: str | None = None) -> Explanation:
    """Why the record is classified as it is, by `text` (the saved rules when None)."""
    text = saved_text() if text is None else text
    result = check_text(text)
    if result.rules is None:
        raise RulesInvalid(result.diagnostics)
    items = load_items([instance_id])
    if not items.records:
        raise RulesError(
            f"there is no record with instance id {instance_id}; "
            "`gramtui records --json` lists them"
        )
    record, facts = items.pairs()[0]
    now = engine.clock()
    found = compile_rules(result.rules, now).classify(record, facts)
    moves = store.moves_since(now - DAY, [instance_id]).get(instance_id, 0)
    header = (
        f"record {instance_id}: {record.release.artist} — {record.release.title} "
        f"(in {facts.folder_name}, {record.size}; moved {moves} of at most "
        f"{engine.config.rules.max_moves_per_day} times today)"
    )
    lines = explain_record(result.rules, record, facts, now)
    return Explanation(
        instance_id, found.label, found.format_class, found.destination, [header, *lines]
    )


@dataclass(frozen=True, slots=True)
class RecordClass:
    instance_id: int
    classification: str | None
    format_class: str | None
    target_folder: str | None
    folder: str


_make_record_class = maker(RecordClass)  # one per record: the fast constructor


def classify_all(engine: Engine) -> list[RecordClass]:
    """Every record as the saved rules classify it now (read only: nothing stored or queued)."""
    saved_rules, rules, diagnostics, _missing = _valid_saved()
    if saved_rules is None:
        raise RulesError(
            "no rules are saved yet; write them in the Rules pane (2) or "
            "`gramtui rules import FILE`"
        )
    if rules is None:
        raise RulesInvalid(diagnostics)
    items = load_items()
    compiled = compile_rules(rules, engine.clock())
    classify, facts_of, make = compiled.classify, items.facts, _make_record_class
    out = []
    with gc_paused:  # 50,000 results: full collections would walk every record again and again
        for record in items.records:
            facts = facts_of[record.instance_id]
            c = classify(record, facts)
            out.append(
                make(record.instance_id, c.label, c.format_class, c.destination, facts.folder_name)
            )
    return out


# -- blocked rules ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BlockedLine:
    """A blocked rule and the line it is on in the text (None when the text no longer has it)."""

    rule: BlockedRule
    line: int | None


def blocked(text: str | None = None) -> list[BlockedLine]:
    lines = rule_lines(saved_text() if text is None else text)
    where = {}
    for number, line in reversed(list(enumerate(lines, start=1))):
        where[rule_hash(line)] = number
    return [BlockedLine(b, where.get(b.text_hash)) for b in store.blocked_rules()]


def unblock(engine: Engine, line: int) -> EvaluateReport:
    """Lift the block on the saved rule at `line`; the moves it held are then sent."""
    lines = rule_lines(saved_text())
    digest = rule_hash(lines[line - 1]) if 0 < line <= len(lines) else ""
    if not store.unblock_rule(digest):
        raise RulesError(
            f"the rule on line {line} is not blocked; `gramtui rules check` lists the blocked rules"
        )
    return evaluate(engine)


# -- acting on the collection ----------------------------------------------------------------------


def create_folder(engine: Engine, name: str) -> Folder:
    """Create a Discogs folder now (the user accepted the offer) and remember it."""
    name = name.strip()
    if not name:
        raise RulesError("a folder needs a name; type one")
    folders = collection.folders()
    for folder in folders:
        if folder.name == name and folder.id != 0:
            return folder
    username = engine.username()

    def send() -> dict[str, Any]:
        made = engine.client.create_folder(username, name, priority=Priority.USER)
        return {"folder_id": made.id, "name": made.name}

    def find(since: datetime) -> dict[str, Any] | None:
        # Discogs gives folders no creation time; a folder of this name is the one wanted anyway.
        for f in engine.client.folders(username, priority=Priority.USER):
            if f.name == name and f.id != 0:
                return {"folder_id": f.id, "name": f.name}
        return None

    done = once.call_once(
        engine,
        key=f"create-folder:{name}",
        call=CREATE_FOLDER_CALL,
        payload={"name": name},
        send=send,
        find=find,
    )
    folder = Folder(id=int(done.result["folder_id"]), name=str(done.result["name"]))
    with db.atomic():
        collection.save_folders([*folders, folder])
        once.finish(engine, done)
    return folder


def set_size(engine: Engine, instance_id: int, size: str) -> EvaluateReport:
    """Mark a record regular or oversized (kept in the app; Discogs has no such field)."""
    if size not in SIZES:
        raise RulesError(f"size must be regular or oversized, not {size!r}")
    if not collection.set_size(instance_id, size):
        raise RulesError(
            f"there is no record with instance id {instance_id}; "
            "`gramtui records --json` lists them"
        )
    return evaluate(engine, [instance_id])


def handle_move(task: Task, engine: Engine) -> None:
    """Move one instance to its destination folder on Discogs, then book it and classify the
    record again (its folder is a fact the rules may look at)."""
    payload = task.payload
    instance_id = int(payload["instance"])
    to_id = int(payload["to_folder_id"])
    current = store.current_folder(instance_id)
    if current is None or current == to_id:
        return  # gone from the collection since, or moved already (a re-run after a crash)
    try:  # a POST, but "into folder F" sent twice leaves it in F: idempotent (once.py)
        engine.client.move_instance(
            engine.username(),
            current,
            int(payload["release"]),
            instance_id,
            to_id,
            priority=task.priority,
        )
    except NotFound:
        with _LOCK:  # deleted on Discogs: the next sync would drop it anyway
            collection.remove_instance(instance_id)
        return
    from_name = next((f.name for f in collection.folders() if f.id == current), str(current))
    with _LOCK:
        store.record_move(
            instance_id,
            to_id,
            engine.clock(),
            from_name,
            str(payload["to_folder"]),
            payload.get("rule_line"),
        )
        evaluate(engine, [instance_id])


HANDLERS: dict[str, Handler] = {MOVE_KIND: handle_move}


# -- the text as rows, for the editor's list -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleRow:
    """A rule line of the text: `section` is formats, classification, movement or define."""

    line: int
    section: str
    text: str


_HEADER = re.compile(r"\s*\[([^\]]*)\]\s*$")


def rule_rows(text: str) -> list[RuleRow]:
    rows: list[RuleRow] = []
    section = ""
    for number, raw in enumerate(rule_lines(text), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.fullmatch(raw)
        if header is not None:
            section = SECTIONS.get(" ".join(header.group(1).casefold().split()), "")
            continue
        kind = "define" if stripped.split()[0].casefold() == "define" else section
        rows.append(RuleRow(number, kind, stripped))
    return rows


def move_rule(text: str, line: int, delta: int) -> tuple[str, int] | None:
    """Swap the rule at `line` with the previous (-1) or next (+1) rule of its section; the new
    text and the rule's new line, or None when it is first or last already."""
    rows = rule_rows(text)
    index = next((i for i, r in enumerate(rows) if r.line == line), None)
    if index is None:
        return None
    other = index + delta
    if not 0 <= other < len(rows) or rows[other].section != rows[index].section:
        return None
    lines = rule_lines(text)
    a, b = line - 1, rows[other].line - 1
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines), b + 1


def delete_line(text: str, line: int) -> str:
    lines = rule_lines(text)
    del lines[line - 1]
    return "\n".join(lines)


def insert_line(text: str, after: int, content: str = "") -> tuple[str, int]:
    """A new line after line `after` (0: at the top); the text and the new line's number."""
    lines = rule_lines(text)
    lines.insert(after, content)
    return "\n".join(lines), after + 1
