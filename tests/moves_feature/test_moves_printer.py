"""Printing the outbox to a real socket printer on loopback: what arrives, failures, interruptions."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from escpos_decode import decode
from moves_helpers import (
    Item,
    define,
    numbered,
    organisation_toml,
    release,
    session_at,
    store,
    use_file_printer,
    use_network_printer,
)
from socket_printer import SocketPrinter

from gramtui.engine import layouts, moves
from gramtui.engine.moves import BatchView
from gramtui.engine.setup import Session
from gramtui.store import outbox


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = session_at(tmp_path)
    yield s
    s.close()


def shelved_then_one_added(session: Session) -> BatchView:
    """Six records on shelves of three, accepted; then record 0 arrives at the front."""
    items = numbered(range(1, 7))
    items[1] = Item(2, items[1].folder_id, release(2, "Кино", "Группа крови", "Label L", "L-0002"))
    store(items)
    define(organisation_toml(per_unit=3, units=4))
    first = moves.prepare_batch(session.engine, "Main")
    assert first is not None
    moves.mark_done(session.engine, batch_id=first.id)
    store(numbered([0]))
    batch = moves.prepare_batch(session.engine, "Main")
    assert batch is not None
    return batch


def qr_codes(printer: SocketPrinter) -> list[str]:
    return [slip.qr[0] for job in printer.printed for slip in decode(job)]


def test_a_slip_read_back_from_the_printer_has_record_from_to_neighbours_and_qr(
    session: Session,
) -> None:
    batch = shelved_then_one_added(session)
    assert [(m.move.action, m.move.instance_id) for m in batch.moves] == [
        ("add", 0),
        ("move", 3),
        ("move", 6),
    ]
    with SocketPrinter() as printer:
        printer.up()
        use_network_printer(session, printer)
        report = moves.print_pending(session.engine)
        jobs = printer.printed
    assert (report.printed, report.error) == (3, "")
    [slip] = decode(jobs[1])  # MOVE 2/3: record 3 from the end of unit 1 to the front of unit 2
    text = slip.text
    assert slip.qr == ["gramtui:r=100003;i=3"]
    assert "MOVE 2/3" in text
    assert "Artist 0003 - Title 0003" in text
    assert "Label L · L-0003 · 1975 · Vinyl, LP" in text
    origin, destination = text.split("TO Main")
    assert "FROM Main" in origin and "Kallax · unit 1 · #3" in origin
    # nearest first: Kino stood just left of it, Artist 0001 left of Kino
    assert "right of: Kino - Gruppa krovi\n            Artist 0001 - Title 0001" in origin
    assert "Kallax · unit 2 · #1" in destination
    assert "left of:  Artist 0004 - Title 0004" in destination
    assert "Artist 0005 - Title 0005" in destination
    assert "gramtui:r=100003;i=3" in destination  # the caption under the QR code
    assert max(len(line) for line in slip.lines) <= 42


def test_printer_down_for_three_attempts_then_up_prints_every_slip_once_in_order(
    session: Session,
) -> None:
    batch = shelved_then_one_added(session)
    with SocketPrinter() as printer:  # bound but not listening: connections are refused
        use_network_printer(session, printer)
        for attempt in range(1, 4):
            report = moves.print_pending(session.engine)
            assert (report.printed, report.left) == (0, 3)
            assert (
                report.error == f"The printer at 127.0.0.1:{printer.port} did not answer: is it on?"
            )
            first = outbox.slip(batch.slips[0].id)
            assert (first.state, first.attempts, first.last_error) == (
                "pending",
                attempt,
                report.error,
            )
        printer.up()
        report = moves.print_pending(session.engine)
        assert (report.printed, report.left, report.error, report.accepted) == (3, 0, "", ("Main",))
        assert qr_codes(printer) == [s.qr for s in batch.slips]
        assert len(printer.printed) == 3
    assert outbox.slip(batch.slips[0].id).last_error == ""
    assert moves.pending_moves(session.engine, "Main") == []


def test_refusals_resets_and_stalls_lose_nothing_and_print_nothing_twice(
    session: Session,
) -> None:
    store(numbered(range(1, 7)))
    define(organisation_toml(per_unit=3, units=4))
    batch = moves.prepare_batch(session.engine, "Main")
    assert batch is not None and len(batch.slips) == 6
    behaviours = ["print", "refuse", "print", "reset", "print", "stall", "print", "print"]
    reasons: list[str] = []
    with SocketPrinter(behaviours, reset_after=64) as printer:  # type: ignore[arg-type]
        printer.up()
        use_network_printer(session, printer, timeout=0.3)
        for _ in range(6):
            report = moves.print_pending(session.engine)
            if report.error:
                reasons.append(report.error)
                stored = [s for s in outbox.slips(batch.id) if s.last_error]
                assert [s.last_error for s in stored] == [report.error]  # shown on its slip
            if not report.left:
                break
        assert qr_codes(printer) == [s.qr for s in batch.slips]
    assert len(reasons) == 3
    assert "stopped taking data for 0.3 s" in reasons[2]
    assert layouts.accepted_layout("Main").hash == batch.to_hash


def test_a_slip_confirmed_before_the_app_died_is_never_sent_again(session: Session) -> None:
    batch = shelved_then_one_added(session)

    class Killed(BaseException):
        """The process dying right after the printer confirmed a slip."""

    def die_after_the_first(done: int, total: int) -> None:
        raise Killed

    with SocketPrinter() as printer:
        printer.up()
        use_network_printer(session, printer)
        with pytest.raises(Killed):
            moves.print_pending(session.engine, die_after_the_first)
        assert [s.state for s in outbox.slips(batch.id)] == ["printed", "pending", "pending"]
        report = moves.print_pending(session.engine)
        assert report.printed == 2
        assert qr_codes(printer) == [s.qr for s in batch.slips]  # slip 1 came out once


def test_a_slip_cut_off_mid_send_is_left_for_the_user_to_decide(session: Session) -> None:
    batch = shelved_then_one_added(session)
    assert outbox.claim_for_sending(batch.slips[1].id)  # a run killed while sending slip 2
    with SocketPrinter() as printer:
        printer.up()
        use_network_printer(session, printer)
        report = moves.print_pending(session.engine)
        assert (report.printed, report.unsure, report.accepted) == (2, 1, ())
        assert qr_codes(printer) == [batch.slips[0].qr, batch.slips[2].qr]
        unsure = outbox.slip(batch.slips[1].id)
        assert (unsure.state, unsure.last_error) == ("unsure", moves.INTERRUPTED)
        assert moves.print_pending(session.engine).printed == 0  # still not on its own
        moves.reprint(session.engine, unsure.id)  # the user asks
        assert qr_codes(printer)[-1] == batch.slips[1].qr
    assert layouts.accepted_layout("Main").hash == batch.to_hash


def test_reprint_prints_a_printed_slip_again_on_request(session: Session, tmp_path: Path) -> None:
    batch = shelved_then_one_added(session)
    use_file_printer(session, tmp_path / "slips.bin")
    moves.print_pending(session.engine)
    moves.reprint(session.engine, batch.slips[2].id)
    printed = decode((tmp_path / "slips.bin").read_bytes())
    assert [p.qr[0] for p in printed] == [s.qr for s in batch.slips] + [batch.slips[2].qr]
    assert outbox.slip(batch.slips[2].id).state == "printed"


def test_the_test_print_goes_to_the_configured_printer(session: Session) -> None:
    with SocketPrinter() as printer:
        printer.up()
        use_network_printer(session, printer)
        moves.test_print(session.engine)
        [job] = printer.printed
    [slip] = decode(job)
    assert "TEST PRINT" in slip.text and slip.qr == ["gramtui:test"]


def test_escpos_logging_never_reaches_the_terminal(
    session: Session, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """With no handler on the root logger (as under the TUI before any is set), an unguarded
    escpos `logging.error()` would install a stderr handler and print."""
    batch = shelved_then_one_added(session)
    root = logging.getLogger()
    kept = list(root.handlers)
    for handler in kept:
        root.removeHandler(handler)
    try:
        with SocketPrinter() as off:  # refused: escpos logs "Network device ... not found"
            use_network_printer(session, off)
            assert moves.print_pending(session.engine).error
        use_file_printer(session, tmp_path / "slips.bin")
        assert moves.print_pending(session.engine).printed == len(batch.slips)
        assert root.handlers == []
    finally:
        for handler in kept:
            root.addHandler(handler)
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_two_runs_at_once_never_send_one_slip_twice(session: Session) -> None:
    """The TUI and `gramtui print` at the same time: a slip claimed by one is skipped by the
    other (one conditional UPDATE in SQLite decides)."""
    batch = shelved_then_one_added(session)
    first = batch.slips[0].id
    assert outbox.claim_for_sending(first) is True  # the other run took it
    assert outbox.claim_for_sending(first) is False  # this run must skip it
    with SocketPrinter() as printer:
        printer.up()
        use_network_printer(session, printer)
        report = moves.print_pending(session.engine)
        # The other run's slip is not sent by this one (it becomes "unsure" for the user).
        assert batch.slips[0].qr not in qr_codes(printer)
        assert report.printed == len(batch.slips) - 1
