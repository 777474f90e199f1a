"""Printing to a file printer (python-escpos File, as for /dev/usb/lp0), read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from escpos_decode import decode
from slip_samples import NAMES, RECORDS, sample_moves, sample_slips

from gramtui.printing.printers import PrinterConfig, PrinterError, print_slips
from gramtui.printing.slip import SLIP_WIDTHS, render_batch_list, render_slip, text_preview


def test_slips_printed_to_a_file_read_back_as_previewed(tmp_path: Path) -> None:
    path = tmp_path / "lp0"
    slips = sample_slips(42)
    confirmed: list[int] = []
    print_slips(PrinterConfig("file", path=str(path)), slips, confirmed.append)
    printed = decode(path.read_bytes())
    assert confirmed == list(range(len(slips)))
    assert len(printed) == len(slips)
    for slip, back in zip(slips, printed, strict=True):
        assert back.qr == [slip.qr]
        # the preview is exactly the text that printed, the QR code standing in for itself
        assert back.lines == [line for line in text_preview(slip).split("\n") if line != "[QR]"]


def test_a_file_printer_collects_slips_across_prints(tmp_path: Path) -> None:
    config = PrinterConfig("file", path=str(tmp_path / "slips.bin"))
    slips = sample_slips(32)
    print_slips(config, slips[:2])
    print_slips(config, slips[2:])
    assert [p.qr for p in decode((tmp_path / "slips.bin").read_bytes())] == [[s.qr] for s in slips]


def test_japanese_and_cyrillic_titles_print_readably(tmp_path: Path) -> None:
    path = tmp_path / "lp0"
    moves = {m.instance_id: m for m in sample_moves()}
    slips = [render_slip(moves[i], 1, 1, RECORDS[i], NAMES, 32) for i in (3, 4)]
    print_slips(PrinterConfig("file", path=str(path), width=32), slips)
    kino, happy_end = decode(path.read_bytes())
    assert "Kino - Gruppa krovi" in kino.text
    assert "Melodiya · S60 27419 009 · 1988" in kino.text
    assert "happiiendo - FengJieroman" in happy_end.text
    assert "Kino - Gruppa krovi" in happy_end.text  # a neighbour's name falls back too


@pytest.mark.parametrize("width", SLIP_WIDTHS)
def test_nothing_printed_is_wider_than_the_paper(tmp_path: Path, width: int) -> None:
    path = tmp_path / "lp0"
    slips = [*sample_slips(width), render_batch_list(sample_moves(), RECORDS, NAMES, width)]
    print_slips(PrinterConfig("file", path=str(path), width=width), slips)
    printed = decode(path.read_bytes())
    assert len(printed) == len(slips)
    assert max(len(line) for p in printed for line in p.lines) <= width
    assert printed[-1].qr == [] and "MOVES 5" in printed[-1].text


def test_a_missing_device_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "lp0"
    with pytest.raises(PrinterError, match=f"Could not open the printer file {missing}"):
        print_slips(PrinterConfig("file", path=str(missing)), sample_slips()[:1])


def test_a_usb_printer_that_cannot_be_used_is_a_clear_error() -> None:
    config = PrinterConfig("usb", vendor_id=0x04B8, product_id=0x0202)
    # without pyusb installed: say what to install; with it: there is no such printer here
    with pytest.raises(PrinterError, match="pip install pyusb|was not found: is it plugged in"):
        print_slips(config, sample_slips()[:1])
