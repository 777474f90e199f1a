"""What the moves view and the printer settings look like (SVGs under snapshots/)."""

from __future__ import annotations

from moves_pane_app import MovesApp, settle
from textual.pilot import Pilot
from textual.widgets import Input, Select

from gramtui.engine.setup import Session


def network_printer(session: Session) -> None:
    p = session.engine.config.printer
    p.kind, p.host, p.port = "network", "192.168.1.50", 9100


def test_moves_with_the_preview_of_a_move_slip(snap_compare, synced, size: tuple[int, int]) -> None:
    session = synced()
    network_printer(session)

    async def second_move(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(MovesApp(session), terminal_size=size, run_before=second_move)


def test_moves_when_the_printer_cannot_be_reached(
    snap_compare, synced, size: tuple[int, int]
) -> None:
    session = synced()
    p = session.engine.config.printer
    p.kind, p.path, p.width = "file", "/nonexistent/gramtui/lp0", 32

    async def print_moves(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(MovesApp(session), terminal_size=size, run_before=print_moves)


def test_printer_settings(snap_compare, synced, size: tuple[int, int]) -> None:
    session = synced()
    network_printer(session)

    async def open_settings(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(MovesApp(session), terminal_size=size, run_before=open_settings)


def test_printer_settings_refuse_a_bad_usb_id(snap_compare, synced, size: tuple[int, int]) -> None:
    session = synced()

    async def bad_usb_id(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#printer-kind", Select).value = "usb"
        screen.query_one("#printer-vendor", Input).value = "epson"
        screen.query_one("#printer-product", Input).value = "0202"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(MovesApp(session), terminal_size=size, run_before=bad_usb_id)
