"""The moves service over a real store: batches in the outbox, accepting, the 500-record insert."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from escpos_decode import decode
from moves_helpers import (
    define,
    numbered,
    organisation_toml,
    session_at,
    store,
    use_file_printer,
)

from gramtui.engine import layouts, moves
from gramtui.engine.setup import Session
from gramtui.store import collection, outbox


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = session_at(tmp_path)
    yield s
    s.close()


def accept_everything(session: Session, name: str = "Main") -> None:
    batch = moves.prepare_batch(session.engine, name)
    assert batch is not None
    moves.mark_done(session.engine, batch_id=batch.id)
    assert moves.pending_moves(session.engine, name) == []


def test_nothing_accepted_yet_means_every_record_is_an_add(session: Session) -> None:
    store(numbered(range(1, 8)))
    define(organisation_toml(per_unit=3, units=4))
    found = moves.pending_moves(session.engine, "Main")
    assert [m.action for m in found] == ["add"] * 7
    assert [m.instance_id for m in found] == list(range(1, 8))
    assert [(m.to.unit, m.to.position) for m in found if m.to] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (2, 1),
        (2, 2),
        (2, 3),
        (3, 1),
    ]


def test_one_record_at_the_front_of_500_moves_only_what_overflows(session: Session) -> None:
    store(numbered(range(1, 501)))
    define(organisation_toml(per_unit=25, units=30))
    accept_everything(session)

    store(numbered([0]))  # "L-0000" sorts before every other record
    found = moves.pending_moves(session.engine, "Main")
    assert Counter(m.action for m in found) == {"add": 1, "move": 20}
    [add] = [m for m in found if m.action == "add"]
    assert (add.instance_id, add.to.unit, add.to.position) == (0, 1, 1)
    for m in found:
        if m.action == "move":  # the last record of each full unit goes first in the next
            assert (m.from_.position, m.to.position, m.to.unit) == (25, 1, m.from_.unit + 1)
    assert [m.instance_id for m in found if m.action == "move"] == list(range(25, 501, 25))


def test_preparing_again_never_duplicates_slips(session: Session) -> None:
    store(numbered(range(1, 10)))
    define(organisation_toml(per_unit=3, units=4))
    first = moves.prepare_batch(session.engine, "Main")
    again = moves.prepare_batch(session.engine, "Main")
    assert first is not None and again is not None
    assert again.id == first.id
    assert [s.id for s in again.slips] == [s.id for s in first.slips]
    assert len(again.slips) == 9


def test_a_new_width_renders_an_untouched_batch_again(session: Session) -> None:
    store(numbered(range(1, 4)))
    define(organisation_toml(per_unit=3, units=4))
    first = moves.prepare_batch(session.engine, "Main")
    session.engine.config.printer.width = 32
    again = moves.prepare_batch(session.engine, "Main")
    assert first is not None and again is not None and again.id == first.id
    assert {s.width for s in again.slips} == {32}
    assert max(len(line) for s in again.slips for line in s.lines) <= 32
    assert len(again.slips) == 3


def test_printing_everything_makes_the_new_layout_the_accepted_one(
    session: Session, tmp_path: Path
) -> None:
    store(numbered(range(1, 61)))
    define(organisation_toml(per_unit=10, units=8))
    accept_everything(session)
    store(numbered([0]))
    batch = moves.prepare_batch(session.engine, "Main")
    assert batch is not None
    use_file_printer(session, tmp_path / "slips.bin")
    progress: list[tuple[int, int]] = []
    report = moves.print_pending(session.engine, lambda d, t: progress.append((d, t)))
    assert (report.printed, report.left, report.error, report.accepted) == (7, 0, "", ("Main",))
    assert progress == [(n, 7) for n in range(1, 8)]
    assert layouts.accepted_layout("Main").hash == batch.to_hash
    assert moves.pending_moves(session.engine, "Main") == []
    assert moves.prepare_batch(session.engine, "Main") is None
    printed = decode((tmp_path / "slips.bin").read_bytes())
    assert [p.qr[0] for p in printed] == [s.qr for s in batch.slips]


def test_a_batch_partly_done_is_finished_before_the_next_one(session: Session) -> None:
    store(numbered(range(1, 7)))
    define(organisation_toml(per_unit=3, units=4))
    first = moves.prepare_batch(session.engine, "Main")
    assert first is not None
    moves.mark_done(session.engine, slip_ids=[first.slips[0].id])
    store(numbered([7]))  # the layout changes while the first batch is half carried out
    again = moves.prepare_batch(session.engine, "Main")
    assert again is not None and again.id == first.id and again.stale
    moves.mark_done(session.engine, batch_id=first.id)
    assert layouts.accepted_layout("Main").hash == first.to_hash
    following = moves.prepare_batch(session.engine, "Main")
    assert following is not None and not following.stale
    assert [(m.move.action, m.move.instance_id) for m in following.moves] == [("add", 7)]


def test_a_record_gone_from_the_collection_is_still_named_on_its_remove_slip(
    session: Session,
) -> None:
    store(numbered(range(1, 7)))
    define(organisation_toml(per_unit=3, units=4))
    accept_everything(session)
    collection.remove_instance(2)
    batch = moves.prepare_batch(session.engine, "Main")
    assert batch is not None
    remove = batch.moves[0]
    assert (remove.move.action, remove.move.instance_id) == ("remove", 2)
    assert remove.record.artist == "Artist 0002"
    assert "Artist 0002 - Title 0002" in remove.slip.lines


def test_compact_mode_prints_the_batch_as_one_list(session: Session, tmp_path: Path) -> None:
    session.engine.config.printer.compact = True
    store(numbered(range(1, 5)))
    define(organisation_toml(per_unit=3, units=4))
    batch = moves.prepare_batch(session.engine, "Main")
    assert batch is not None and len(batch.slips) == 1
    [slip] = batch.slips
    assert (slip.action, slip.instance_id, slip.lines[1]) == ("list", None, "MOVES 4")
    assert {m.slip.id for m in batch.moves} == {slip.id}
    use_file_printer(session, tmp_path / "slips.bin")
    report = moves.print_pending(session.engine)
    assert (report.printed, report.accepted) == (1, ("Main",))
    [printed] = decode((tmp_path / "slips.bin").read_bytes())
    assert "4 ADD Artist 0004 - Title 0004" in printed.lines


def test_marking_a_batch_done_prints_nothing_and_accepts_it(
    session: Session, tmp_path: Path
) -> None:
    store(numbered(range(1, 5)))
    define(organisation_toml(per_unit=3, units=4))
    use_file_printer(session, tmp_path / "slips.bin")
    batch = moves.prepare_batch(session.engine, "Main")
    assert batch is not None
    assert moves.mark_done(session.engine, batch_id=batch.id) == 4
    assert not (tmp_path / "slips.bin").exists()
    assert layouts.accepted_layout("Main").hash == batch.to_hash
    assert outbox.batch(batch.id).state == "accepted"
    assert moves.print_pending(session.engine).printed == 0


def test_no_printer_set_up_keeps_the_slips_pending_and_says_so(session: Session) -> None:
    store(numbered(range(1, 3)))
    define(organisation_toml(per_unit=3, units=4))
    assert moves.prepare_batch(session.engine, "Main") is not None
    report = moves.print_pending(session.engine)
    assert (report.printed, report.left) == (0, 2)
    assert report.error.startswith("No printer is set up")


def test_accepting_by_hand_elsewhere_retires_the_open_batch(session: Session) -> None:
    store(numbered(range(1, 4)))
    define(organisation_toml(per_unit=3, units=4))
    batch = moves.prepare_batch(session.engine, "Main")
    assert batch is not None
    layouts.accept_layout("Main", batch.to_hash, session.engine.clock())  # `gramtui layout accept`
    assert moves.prepare_batch(session.engine, "Main") is None
    assert outbox.batch(batch.id).state == "superseded"


@pytest.mark.parametrize("automatic", [False, True])
def test_after_a_sync_the_moves_are_prepared_and_printed_only_if_automated(
    session: Session, tmp_path: Path, automatic: bool
) -> None:
    store(numbered(range(1, 4)))
    define(organisation_toml(per_unit=3, units=4))
    use_file_printer(session, tmp_path / "slips.bin")
    session.engine.config.automation.printing = automatic
    moves.after_sync(session.engine, None)
    assert (tmp_path / "slips.bin").exists() is automatic
    assert (moves.prepare_batch(session.engine, "Main") is None) is automatic


def test_the_slips_of_a_deleted_organisation_are_not_printed(
    session: Session, tmp_path: Path
) -> None:
    store(numbered(range(1, 4)))
    define(organisation_toml(per_unit=3, units=4))
    assert moves.prepare_batch(session.engine, "Main") is not None
    define(organisation_toml(name="Other", per_unit=3, units=4))  # replaces "Main"
    use_file_printer(session, tmp_path / "slips.bin")
    assert moves.print_pending(session.engine).printed == 0
    assert not (tmp_path / "slips.bin").exists()


def test_every_printed_slip_and_a_printer_failure_is_logged(
    session: Session, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 13 item 10: prints and their outcome go to the log.
    store(numbered(range(1, 3)))
    define(organisation_toml(per_unit=3, units=4))
    assert moves.prepare_batch(session.engine, "Main") is not None
    use_file_printer(session, tmp_path / "missing-dir" / "slips.bin")
    with caplog.at_level(logging.INFO, logger="gramtui.moves"):
        assert moves.print_pending(session.engine).printed == 0
        use_file_printer(session, tmp_path / "slips.bin")
        assert moves.print_pending(session.engine).printed == 2
    messages = [r.getMessage() for r in caplog.records if r.name == "gramtui.moves"]
    assert any("not printed on" in m and "instance 1" in m for m in messages)
    assert sum("printed on" in m and "not printed" not in m for m in messages) == 2
