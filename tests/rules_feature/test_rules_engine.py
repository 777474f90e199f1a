"""The rules service with real parts: the sandbox over loopback, SQLite, the queue and runner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from helpers.clock import FakeClock
from rules_helpers import SEED, move_tasks, sandbox_folder_of, twelve_inch

from gramtui.domain.records import Record
from gramtui.engine import rules, sync
from gramtui.engine.setup import Session
from gramtui.engine.status import read_status
from gramtui.engine.sync import request_sync
from gramtui.store import collection
from gramtui.store import rules as store
from gramtui.store.models import InstanceRow


def _folder_id(name: str) -> int:
    return next(f.id for f in collection.folders() if f.name == name)


def test_seed_examples_classify_and_move_the_sample(
    synced: Callable[..., Session], drain: Callable[..., None]
) -> None:
    session = synced()
    engine = session.engine
    records = collection.load_records()
    assert len(records) == 400

    first = rules.check_text(SEED)
    assert [(d.line, d.column, d.create_folder) for d in first.diagnostics] == [
        (11, 29, "12 Inch Cleaning Pile")
    ]
    folder = rules.create_folder(engine, "12 Inch Cleaning Pile")
    state = session.server.sandbox.state  # type: ignore[attr-defined]
    assert state.folders[folder.id].name == "12 Inch Cleaning Pile"
    assert rules.check_text(SEED).diagnostics == []

    uncleaned = {r.instance_id for r in records if r.fields.get("Cleaned") != "Yes"}
    movers = {r.instance_id for r in records if r.instance_id in uncleaned and twelve_inch(r)}
    assert 0 < len(movers) < len(uncleaned) < 400

    report = rules.save(engine, SEED)

    assert (report.evaluated, report.changed) == (400, len(uncleaned))
    assert set(report.queued) == movers
    assert {t.key for t in move_tasks()} == {f"move:{i}" for i in movers}
    by_id = {c.instance_id: c for c in rules.classify_all(engine)}
    for record in records:
        got = by_id[record.instance_id]
        assert got.classification == ("to_be_cleaned" if record.instance_id in uncleaned else None)
        if twelve_inch(record):
            assert got.format_class == "12 Inch"
        assert got.target_folder == (
            "12 Inch Cleaning Pile" if record.instance_id in movers else None
        )
    seven = next(
        r
        for r in records
        if any('7"' in f.descriptions for f in r.release.formats) and not twelve_inch(r)
    )
    assert by_id[seven.instance_id].format_class == "7 Inch"

    drain(session)

    assert move_tasks("failed") == [] and len(move_tasks("done")) == len(movers)
    for instance_id in movers:
        assert sandbox_folder_of(session, instance_id) == "12 Inch Cleaning Pile"
    stayed = next(iter(uncleaned - movers))
    assert sandbox_folder_of(session, stayed) != "12 Inch Cleaning Pile"
    in_store = {r.instance_id for r in collection.load_records([folder.id])}
    assert in_store == movers
    assert store.move_log(next(iter(movers)))[0][2] == "12 Inch Cleaning Pile"
    # Everything settled: evaluating again changes and queues nothing.
    again = rules.evaluate(engine)
    assert (again.changed, again.queued) == (0, [])


EVERYTHING = """\
[classification]
copies >= 1 -> {label}

[movement]
{label} -> Listening Pile
"""


def test_a_rule_set_moving_everything_queues_one_task_per_record(
    synced: Callable[..., Session],
) -> None:
    session = synced()
    engine = session.engine
    outside = {
        r.instance_id
        for r in collection.load_records()
        if r.folder_id != _folder_id("Listening Pile")
    }

    rules.save(engine, EVERYTHING.format(label="everything"))
    first = move_tasks()
    assert len(first) == len(outside) == 364
    assert len({t.key for t in first}) == len(first)

    assert rules.evaluate(engine).queued == []
    assert [t.id for t in move_tasks()] == [t.id for t in first]

    # A new classification renews the intents for the same keys: still one task per record.
    report = rules.save(engine, EVERYTHING.format(label="all_of_it"))
    assert len(report.queued) == 364
    renewed = move_tasks()
    assert [t.id for t in renewed] == [t.id for t in first]
    assert {t.payload["to_folder"] for t in renewed} == {"Listening Pile"}


def test_automation_off_queues_nothing_but_the_dry_run_shows_the_moves(
    synced: Callable[..., Session], drain: Callable[..., None]
) -> None:
    session = synced(moves=False)
    engine = session.engine
    rules.create_folder(engine, "12 Inch Cleaning Pile")

    run = rules.dry_run(engine, SEED)
    assert run.valid and not run.automation
    assert len(run.moves) > 0
    assert {c.outcome for c in run.moves} == {rules.HELD_AUTOMATION}

    report = rules.save(engine, SEED)
    assert report.queued == [] and move_tasks() == []
    assert sorted(report.held_automation) == sorted(c.instance_id for c in run.moves)
    # The held moves stay visible in later dry runs ...
    assert len(rules.dry_run(engine).moves) == len(run.moves)
    assert rules.evaluate(engine).queued == []

    # ... and go out once automation is on.
    engine.config.automation.moves = True
    sent = rules.evaluate(engine)
    assert sorted(sent.queued) == sorted(report.held_automation)
    drain(session)
    assert rules.evaluate(engine).queued == []
    assert all(sandbox_folder_of(session, i) == "12 Inch Cleaning Pile" for i in sent.queued)


FLIP = """\
[classification]
title = {title} && Cleaned = "No" -> dirty
title = {title} && Cleaned = "Yes" -> clean

[movement]
dirty -> Cleaning Pile
clean -> Listening Pile
"""


def _single_title(fits: Callable[[Record], bool]) -> Record:
    """A record whose title no other record has, outside both piles, that `fits`."""
    titles: dict[str, list[Record]] = {}
    for r in collection.load_records():
        titles.setdefault(r.release.title, []).append(r)
    piles = (_folder_id("Listening Pile"), _folder_id("Cleaning Pile"))
    return next(
        rs[0]
        for rs in titles.values()
        if len(rs) == 1 and fits(rs[0]) and rs[0].folder_id not in piles
    )


def _set_cleaned(instance_id: int, value: str) -> None:
    """The user changes the Cleaned field (as a sync or an edit in the app would store it)."""
    field_id = next(f.id for f in collection.fields() if f.name == "Cleaned")
    row = InstanceRow.get_by_id(instance_id)
    InstanceRow.update(notes={**row.notes, str(field_id): value}).where(
        InstanceRow.id == instance_id
    ).execute()


def test_moving_a_record_too_often_blocks_the_rule_and_says_so(
    synced: Callable[..., Session], drain: Callable[..., None], clock: FakeClock
) -> None:
    session = synced(max_moves=2)
    engine = session.engine
    record = _single_title(lambda r: r.fields.get("Cleaned") == "Yes")
    instance = record.instance_id
    text = FLIP.format(title=f'"{record.release.title}"')

    assert rules.save(engine, text).queued == [instance]
    drain(session)
    _set_cleaned(instance, "No")
    assert rules.evaluate(engine).queued == [instance]
    drain(session)
    assert sandbox_folder_of(session, instance) == "Cleaning Pile"

    _set_cleaned(instance, "Yes")
    report = rules.evaluate(engine)

    assert report.queued == [] and report.held_blocked == [instance]
    [block] = report.blocked_now
    assert block.line == 7 and block.text == "clean -> Listening Pile"
    assert "would move a 3rd time within a day" in block.reason
    assert "rules.max_moves_per_day is 2" in block.reason
    [listed] = rules.blocked()
    assert listed.line == 7 and listed.rule.reason == block.reason
    assert move_tasks() == []
    assert sandbox_folder_of(session, instance) == "Cleaning Pile"
    # Lines added above the rule: the block follows the rule, not the line number.
    assert rules.blocked("# a comment\n" + text)[0].line == 8

    # Unblocked on the same day, the record is still over the limit: blocked again.
    again = rules.unblock(engine, 7)
    assert again.queued == [] and len(again.blocked_now) == 1
    clock.advance(timedelta(days=1, minutes=1))
    sent = rules.unblock(engine, 7)
    assert sent.queued == [instance] and sent.blocked_now == []
    drain(session)
    assert sandbox_folder_of(session, instance) == "Listening Pile"
    with pytest.raises(rules.RulesError, match="line 7 is not blocked"):
        rules.unblock(engine, 7)


def test_a_move_of_an_instance_deleted_on_discogs_removes_it(
    synced: Callable[..., Session], drain: Callable[..., None]
) -> None:
    session = synced()
    engine = session.engine
    record = _single_title(lambda r: r.fields.get("Cleaned") == "Yes")
    report = rules.save(engine, FLIP.format(title=f'"{record.release.title}"'))
    assert report.queued == [record.instance_id]
    session.server.sandbox.state.delete_instance(record.instance_id)  # type: ignore[attr-defined]

    drain(session)

    assert move_tasks("failed") == [] and len(move_tasks("done")) == 1
    assert collection.load_record(record.instance_id) is None
    assert record.instance_id not in store.classifications()
    assert store.move_log(record.instance_id) == []


def test_a_sync_that_brings_an_edit_classifies_and_moves_the_record(
    synced: Callable[..., Session], drain: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = synced()
    engine = session.engine
    monkeypatch.setattr(sync, "AFTER_SYNC", [rules.after_sync])
    record = _single_title(lambda r: r.fields.get("Cleaned") == "Yes")
    rules.save(
        engine,
        FLIP.format(title=f'"{record.release.title}"').replace(
            "clean -> Listening Pile", "clean && rating > 5 -> Listening Pile"
        ),
    )
    assert move_tasks() == []
    state = session.server.sandbox.state  # type: ignore[attr-defined]
    cleaned = next(f.id for f in collection.fields() if f.name == "Cleaned")
    state.set_field(record.instance_id, cleaned, "No")  # the user's edit on Discogs

    request_sync(engine, "full")
    drain(session)

    assert store.classifications([record.instance_id])[record.instance_id].label == "dirty"
    assert sandbox_folder_of(session, record.instance_id) == "Cleaning Pile"
    assert [t.key for t in move_tasks("done")] == [f"move:{record.instance_id}"]


def test_a_classification_that_changes_back_cancels_the_pending_move(
    synced: Callable[..., Session],
) -> None:
    session = synced()
    engine = session.engine
    text = FLIP.format(title='"Nothing matches this title at all"').replace(
        'title = "Nothing matches this title at all" && ', ""
    )
    report = rules.save(engine, text)
    assert report.queued
    instance = report.queued[0]
    cleaned = store.classifications([instance])[instance].label
    _set_cleaned(instance, "Maybe")  # neither Yes nor No: unclassified, so no move is wanted

    after = rules.evaluate(engine, [instance])

    assert cleaned in ("clean", "dirty") and after.cancelled == 1
    assert f"move:{instance}" not in {t.key for t in move_tasks()}


def test_size_is_stored_and_the_record_classified_again(synced: Callable[..., Session]) -> None:
    session = synced()
    engine = session.engine
    rules.save(engine, "[classification]\nis_oversized -> big\n\n[movement]\nbig -> Boxsets\n")
    record = next(r for r in collection.load_records() if r.folder_id != _folder_id("Boxsets"))

    report = rules.set_size(engine, record.instance_id, "oversized")

    assert InstanceRow.get_by_id(record.instance_id).size == "oversized"
    assert report.queued == [record.instance_id]
    assert move_tasks()[0].payload["to_folder"] == "Boxsets"
    with pytest.raises(rules.RulesError, match="regular or oversized"):
        rules.set_size(engine, record.instance_id, "huge")
    with pytest.raises(rules.RulesError, match="no record with instance id 1"):
        rules.set_size(engine, 1, "regular")


def test_invalid_text_is_never_saved_or_applied(synced: Callable[..., Session]) -> None:
    session = synced()
    with pytest.raises(rules.RulesInvalid, match=r"11:29 there is no folder") as caught:
        rules.save(session.engine, SEED)
    assert caught.value.diagnostics[0].create_folder == "12 Inch Cleaning Pile"
    assert rules.saved() is None and store.classifications() == {} and move_tasks() == []


def test_explain_says_why_a_record_is_classified(synced: Callable[..., Session]) -> None:
    session = synced()
    engine = session.engine
    rules.create_folder(engine, "12 Inch Cleaning Pile")
    rules.save(engine, SEED)
    record = next(
        r for r in collection.load_records() if r.fields.get("Cleaned") == "No" and twelve_inch(r)
    )

    found = rules.explain(engine, record.instance_id)

    assert (found.label, found.format_class) == ("to_be_cleaned", "12 Inch")
    assert found.lines[0].startswith(f"record {record.instance_id}: {record.release.artist}")
    assert any(
        'is_uncleaned is true because Cleaned != "Yes" is true (Cleaned: "No")' in line
        for line in found.lines
    )
    assert 'destination: "12 Inch Cleaning Pile" by line 11' in found.lines[-1]


def test_rule_rows_and_line_edits() -> None:
    text = (
        "define fresh = added newer than 3w\n[classification]\n# note\na -> x\nb -> y\n"
        "[movement]\nx -> F\n"
    )
    rows = rules.rule_rows(text)
    assert [(r.line, r.section) for r in rows] == [
        (1, "define"),
        (4, "classification"),
        (5, "classification"),
        (7, "movement"),
    ]
    moved = rules.move_rule(text, 5, -1)
    assert moved is not None and moved[1] == 4
    assert moved[0].split("\n")[3:5] == ["b -> y", "a -> x"]
    assert rules.move_rule(text, 5, 1) is None  # the last of its section
    assert rules.move_rule(text, 4, -1) is None
    assert rules.delete_line(text, 3).split("\n")[2] == "a -> x"
    assert rules.insert_line(text, 5, "c -> z") == (text.replace("b -> y\n", "b -> y\nc -> z\n"), 6)


def test_a_destination_folder_deleted_on_discogs_holds_only_its_moves(
    synced: Callable[..., Session],
) -> None:
    # Issue 13 item 4: a rule whose folder disappeared used to stop all classification, silently.
    session = synced(moves=False)
    engine = session.engine
    pile = rules.create_folder(engine, "12 Inch Cleaning Pile")
    saved = rules.save(engine, SEED)
    assert saved.held_automation and not saved.missing_folders
    collection.save_folders(
        [f for f in collection.folders() if f.id != pile.id]
    )  # a sync saw it go

    report = rules.evaluate(engine)
    assert report.problems == [] and report.evaluated == 400  # the rules still work
    assert report.missing_folders == ["12 Inch Cleaning Pile"]
    assert sorted(report.held_folder) == sorted(saved.held_automation)  # held, not sent
    assert move_tasks() == []
    assert rules.classify_all(engine)  # `classify` still answers
    status = read_status(engine, session.runner.state)
    assert status.missing_folders == ["12 Inch Cleaning Pile"]  # the Queue pane says so
    advice = rules.missing_folder_advice(status.missing_folders)
    assert "'12 Inch Cleaning Pile'" in advice and "edit the rule" in advice
    # A dry run works before the folder exists, and says where moves would wait.
    run = rules.dry_run(engine, SEED)
    assert run.valid and run.missing_folders == ["12 Inch Cleaning Pile"]
    assert {c.outcome for c in run.moves} <= {rules.HELD_FOLDER}
    # The folder is back: the held moves go (automation on).
    collection.save_folders([*collection.folders(), pile])
    engine.config.automation.moves = True
    back = rules.evaluate(engine)
    assert back.missing_folders == [] and sorted(back.queued) == sorted(saved.held_automation)
    assert read_status(engine, session.runner.state).missing_folders == []
