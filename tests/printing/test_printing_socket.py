"""Printing to a real TCP printer on loopback: what reaches it, and what happens when it fails."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from escpos_decode import decode
from slip_samples import sample_slips
from socket_printer import SocketPrinter

from gramtui.printing.printers import (
    PrinterConfig,
    PrinterConfigError,
    PrinterError,
    print_slips,
    test_print,
)
from gramtui.printing.slip import Slip


def network(printer: SocketPrinter, timeout: float = 2.0, width: int = 42) -> PrinterConfig:
    return PrinterConfig(
        "network", host="127.0.0.1", port=printer.port, width=width, timeout=timeout
    )


def test_a_slip_read_back_from_the_printer_has_the_record_from_to_neighbours_and_qr() -> None:
    slips = sample_slips(42)
    cluster = next(s for s in slips if s.qr == "gramtui:r=106;i=6")
    with SocketPrinter() as printer:
        printer.up()
        print_slips(network(printer), [cluster])
        [job] = printer.printed
    [printed] = decode(job)
    text = printed.text
    assert printed.qr == ["gramtui:r=106;i=6"]
    assert printed.code_pages == [0]  # code page 437, which every printer has
    assert "MOVE 3/5" in text
    assert "Cluster - Zuckerzeit" in text
    assert "Brain · brain 1065 · 1974 · Vinyl, LP" in text
    origin, destination = text.split("TO Records room")
    assert "FROM Records room" in origin and "Krautrock · unit 2 · #2" in origin
    assert "right of: Faust - Faust IV" in origin and "left of:  Harmonia - Deluxe" in origin
    assert "Krautrock · unit 1 · #4" in destination
    assert "right of: Neu! - Neu! 75" in destination and "Can - Tago Mago" in destination
    assert "gramtui:r=106;i=6" in destination  # the caption under the QR code
    assert max(len(line) for line in printed.lines) <= 42


def test_each_slip_arrives_whole_on_its_own_connection_in_order() -> None:
    slips = sample_slips(32)
    confirmed: list[int] = []
    with SocketPrinter() as printer:
        printer.up()
        print_slips(network(printer, width=32), slips, on_printed=confirmed.append)
        jobs = printer.printed
    assert confirmed == [0, 1, 2, 3, 4]
    printed = [decode(job) for job in jobs]
    assert all(len(p) == 1 for p in printed)
    assert [p[0].qr for p in printed] == [[s.qr] for s in slips]
    assert [p[0].lines[1] for p in printed] == [s.lines[1] for s in slips]


def print_until_done(
    config: PrinterConfig,
    slips: list[Slip],
    attempts: int,
    before_attempt: Callable[[int], None] = lambda attempt: None,
) -> list[str]:
    """What the app does: keep the slips not yet confirmed, try again later, show the reason."""
    pending = list(slips)
    reasons: list[str] = []
    for attempt in range(1, attempts + 1):
        if not pending:
            break
        before_attempt(attempt)
        confirmed: list[int] = []
        try:
            print_slips(config, pending, on_printed=confirmed.append)
        except PrinterError as error:
            reasons.append(str(error))
        pending = [s for n, s in enumerate(pending) if n not in confirmed]
    assert not pending, reasons
    return reasons


def test_a_printer_down_for_three_attempts_then_up_prints_every_slip_once_in_order() -> None:
    slips = sample_slips(42)
    with SocketPrinter() as printer:

        def switch_on_at_the_fourth(attempt: int) -> None:
            if attempt == 4:
                printer.up()

        reasons = print_until_done(network(printer), slips, 10, switch_on_at_the_fourth)
        jobs = printer.printed
    assert reasons == [f"The printer at 127.0.0.1:{printer.port} did not answer: is it on?"] * 3
    assert [decode(job)[0].qr[0] for job in jobs] == [s.qr for s in slips]


def test_refusals_resets_and_stalls_mid_batch_lose_nothing_and_print_nothing_twice() -> None:
    slips = sample_slips(42)
    behaviours = ["print", "refuse", "print", "reset", "stall", "print", "print", "print"]
    with SocketPrinter(behaviours, reset_after=64) as printer:
        printer.up()
        reasons = print_until_done(network(printer, timeout=0.3), slips, attempts=10)
        jobs = printer.printed
    assert len(reasons) == 3
    # a reset right after accepting can beat the end of connect() on loopback
    assert re.search("dropped the connection in the middle of a slip|did not answer", reasons[0])
    assert "dropped the connection in the middle of a slip" in reasons[1]
    assert "stopped taking data for 0.3 s" in reasons[2]
    assert [decode(job)[0].qr[0] for job in jobs] == [s.qr for s in slips]


@pytest.mark.parametrize("behaviour", ["refuse", "reset", "stall"])
def test_a_failed_slip_is_reported_and_not_confirmed(behaviour: str) -> None:
    confirmed: list[int] = []
    with SocketPrinter([behaviour]) as printer:  # type: ignore[list-item]
        printer.up()
        started = time.monotonic()
        with pytest.raises(PrinterError, match=f"The printer at 127.0.0.1:{printer.port} "):
            print_slips(network(printer, timeout=0.3), sample_slips()[:2], confirmed.append)
        assert time.monotonic() - started < 3
        assert printer.printed == []
    assert confirmed == []


def test_an_unreachable_printer_did_not_answer() -> None:
    # 192.0.2.0/24 is reserved for documentation: nothing answers there
    config = PrinterConfig("network", host="192.0.2.1", port=9100, timeout=0.2)
    with pytest.raises(PrinterError, match="did not answer: is it on"):
        print_slips(config, sample_slips()[:1])


def test_the_test_print_fills_the_width_and_has_a_qr_code() -> None:
    with SocketPrinter() as printer:
        printer.up()
        test_print(network(printer, width=48))
        [job] = printer.printed
    [printed] = decode(job)
    assert "TEST PRINT" in printed.text
    assert "1234567890" * 4 + "12345678" in printed.lines
    assert printed.qr == ["gramtui:test"]


def test_printing_without_a_printer_set_up_is_a_clear_error() -> None:
    with pytest.raises(PrinterError, match="No printer is set up"):
        print_slips(PrinterConfig("none"), sample_slips()[:1])


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"kind": "network", "host": "127.0.0.1", "width": 80}, "set it to 32, 42 or 48"),
        ({"kind": "network"}, "needs a host"),
        ({"kind": "usb", "vendor_id": 0x04B8}, "vendor and product id"),
        ({"kind": "file"}, "needs a path"),
        ({"kind": "serial"}, "use network, usb, file or none"),
        ({"kind": "network", "host": "h", "timeout": 0}, "above 0 s"),
    ],
)
def test_a_printer_set_up_that_cannot_work_is_refused(settings: dict, message: str) -> None:
    with pytest.raises(PrinterConfigError, match=message):
        PrinterConfig(**settings)
