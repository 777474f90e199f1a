"""The printer settings: what the form accepts, and writing the config file's [printer] table."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from moves_helpers import session_at

from gramtui.engine import moves
from gramtui.engine.setup import Session
from gramtui.printing.printers import PrinterConfigError
from gramtui.settings.config import ConfigError, PrinterSection, load_config

FORM = {
    "kind": "network",
    "host": "192.168.1.50",
    "port": "9100",
    "vendor_id": "",
    "product_id": "",
    "path": "",
    "width": "48",
}


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = session_at(tmp_path)
    yield s
    s.close()


def form(**changes: str) -> PrinterSection:
    return moves.printer_section_from_form({**FORM, **changes}, PrinterSection(neighbours=3))


def test_the_form_gives_a_printer_section_keeping_the_keys_it_does_not_show() -> None:
    section = form()
    assert (section.kind, section.host, section.port, section.width) == (
        "network",
        "192.168.1.50",
        9100,
        48,
    )
    assert section.neighbours == 3
    usb = form(kind="usb", vendor_id="0x04B8", product_id="0202")
    assert (usb.vendor_id, usb.product_id) == (0x04B8, 0x0202)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"port": "99999"}, "not a port number"),
        ({"port": "nine"}, "not a port number"),
        ({"width": "80"}, "not 32, 42 or 48"),
        ({"host": " "}, "needs a host"),
        ({"kind": "usb", "vendor_id": "epson", "product_id": "1"}, "not 4 hex digits"),
        ({"kind": "usb"}, "vendor and product id"),
        ({"kind": "file"}, "needs a path"),
        ({"kind": "serial"}, "use network, usb, file or none"),
    ],
)
def test_a_value_that_cannot_work_is_refused_with_the_reason(
    changes: dict[str, str], message: str
) -> None:
    with pytest.raises(PrinterConfigError, match=message):
        form(**changes)


def test_saving_creates_the_config_file(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    moves.save_printer_settings(session.engine, path, form())
    written = load_config(path).printer
    assert written == PrinterSection(kind="network", host="192.168.1.50", width=48)
    assert session.engine.config.printer == written


def test_saving_changes_the_printer_table_and_keeps_the_rest(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "# my settings\n"
        "[printer]\n"
        "# the one in the hall\n"
        'kind = "file"\n'
        'path = "/dev/usb/lp0"\n'
        "neighbours = 3\n"
        "\n"
        "[sync]\n"
        "quick_on_start = false\n"
    )
    os.chmod(path, 0o600)
    moves.save_printer_settings(session.engine, path, form())
    text = path.read_text()
    assert text.startswith('# my settings\n[printer]\n# the one in the hall\nkind = "network"\n')
    assert text.endswith("\n[sync]\nquick_on_start = false\n")
    config = load_config(path)
    assert config.printer == form()  # neighbours = 3 kept
    assert config.sync.quick_on_start is False
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".config")] == []


def test_dotted_printer_keys_are_edited_where_they_are(session: Session, tmp_path: Path) -> None:
    """The regex writer refused these; tomlkit edits them in place, keeping the dotted form."""
    path = tmp_path / "config.toml"
    path.write_text('printer.kind = "file"\nprinter.path = "/dev/usb/lp0"  # the hall\n')
    moves.save_printer_settings(session.engine, path, form())
    text = path.read_text()
    assert text.startswith('printer.kind = "network"\n') and "  # the hall\n" in text
    assert "[printer]" not in text
    written = load_config(path).printer
    assert written == session.engine.config.printer
    assert (written.kind, written.host, written.width, written.path) == (
        "network",
        "192.168.1.50",
        48,
        "",
    )


@pytest.mark.parametrize("before", ['printer.kind = "file\n', 'printer = "network"\n'])
def test_a_file_gramtui_cannot_edit_safely_is_left_untouched(
    session: Session, tmp_path: Path, before: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(before)
    with pytest.raises(ConfigError):
        moves.save_printer_settings(session.engine, path, form())
    assert path.read_text() == before
    assert session.engine.config.printer.kind == "none"


def test_values_with_quotes_are_written_as_valid_toml(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    section = form(kind="file", path='/tmp/a "quoted" \\ path')
    moves.save_printer_settings(session.engine, path, section)
    assert tomllib.loads(path.read_text())["printer"]["path"] == '/tmp/a "quoted" \\ path'


def test_changing_the_printer_keeps_every_comment_and_the_key_order(
    session: Session, tmp_path: Path
) -> None:
    """The old writer rewrote each key line whole, dropping its trailing comment."""
    path = tmp_path / "config.toml"
    sales = '[sales]  # the ladder\nfloor = "2.50"   # never lower\n# steps\nmedian_step = "5%"\n'
    path.write_text(
        "# gramtui, set up by hand\n"
        "\n"
        "[printer]\n"
        "width = 42  # the small roll\n"
        "# where it stands\n"
        'host = "old.local"\n'
        'kind = "network" # wired\n'
        "\n" + sales
    )
    moves.save_printer_settings(session.engine, path, form())
    text = path.read_text()
    assert text.startswith(
        "# gramtui, set up by hand\n\n[printer]\n"
        "width = 48  # the small roll\n"
        "# where it stands\n"
        'host = "192.168.1.50"\n'
        'kind = "network" # wired\n'
    )
    assert text.endswith("\n" + sales)
    lines = text.splitlines()
    added = [
        line.split(" = ")[0] for line in lines[7 : lines.index("[sales]  # the ladder")] if line
    ]
    assert added == ["port", "vendor_id", "product_id", "path"]  # after the user's own keys
    assert load_config(path).printer == session.engine.config.printer
