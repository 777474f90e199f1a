"""The moves view's keys, driven with the pilot on a synced sample and a loopback printer."""

from __future__ import annotations

import tomllib

import pytest
from escpos_decode import decode
from moves_helpers import use_network_printer
from moves_pane_app import MovesApp, settle
from socket_printer import SocketPrinter
from textual.widgets import Input, OptionList, Select, Static

from gramtui.engine import layouts, moves
from gramtui.engine.setup import Session
from gramtui.store import outbox
from gramtui.ui.panes.moves import MovesView
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.printer_settings import PrinterSettingsScreen

pytestmark = pytest.mark.anyio
ORG = "Records room"


@pytest.fixture
def session(synced) -> Session:
    return synced()


def shown(app: MovesApp, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def test_the_print_key_prints_every_pending_move_and_accepts_the_layout(
    session: Session,
) -> None:
    batch = moves.prepare_batch(session.engine, ORG)
    assert batch is not None
    app = MovesApp(session)
    with SocketPrinter() as printer:
        printer.up()
        use_network_printer(session, printer)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert "4 to print" in shown(app, "#moves-summary")
            await pilot.press("p")
            await settle(pilot)
            assert "Nothing to move" in shown(app, "#moves-summary")
            assert app.query_one(OptionList).option_count == 0
        printed = [decode(job)[0] for job in printer.printed]
    assert [p.qr[0] for p in printed] == [s.qr for s in batch.slips]
    assert layouts.accepted_layout(ORG).hash == batch.to_hash


async def test_a_printer_that_is_off_leaves_the_moves_pending_and_says_so(
    session: Session,
) -> None:
    app = MovesApp(session)
    with SocketPrinter() as printer:  # never switched on
        use_network_printer(session, printer)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            problem = shown(app, "#moves-problem")
            assert app.query_one("#moves-problem").display
            assert f"The printer at 127.0.0.1:{printer.port} did not answer: is it on?" in problem
            assert "4 slips stay pending" in problem
            assert not app.query_one("#moves-printing").display
            batch = app.query_one(MovesView).moves_batch
            assert batch is not None and batch.count("pending") == 4


async def test_all_done_asks_first_and_then_accepts_without_printing(session: Session) -> None:
    batch = moves.prepare_batch(session.engine, ORG)
    assert batch is not None
    app = MovesApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert layouts.accepted_layout(ORG).hash != batch.to_hash
        await pilot.press("D", "y")
        await settle(pilot)
        assert "Nothing to move" in shown(app, "#moves-summary")
    assert layouts.accepted_layout(ORG).hash == batch.to_hash
    assert {s.state for s in outbox.slips(batch.id)} == {"done"}


async def test_done_marks_the_selected_move_only(session: Session) -> None:
    app = MovesApp(session)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        batch = app.query_one(MovesView).moves_batch
        assert batch is not None
        assert [s.state for s in batch.slips] == ["pending", "done", "pending", "pending"]
        assert "1 printed or done" in shown(app, "#moves-summary")


async def test_reprint_prints_the_selected_slip_again(session: Session) -> None:
    app = MovesApp(session)
    with SocketPrinter(["print", "print", "refuse"]) as printer:
        printer.up()
        use_network_printer(session, printer)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("p")  # slips 1 and 2 print, the printer refuses the third
            await settle(pilot)
            batch = app.query_one(MovesView).moves_batch
            assert batch is not None
            assert [s.state for s in batch.slips] == ["printed", "printed", "pending", "pending"]
            await pilot.press("down", "r")  # slip 2, printed already: the user asks again
            await settle(pilot)
        qr = [decode(job)[0].qr[0] for job in printer.printed]
    assert qr == [batch.slips[0].qr, batch.slips[1].qr, batch.slips[1].qr]


async def test_the_test_print_key_prints_a_test_slip(session: Session) -> None:
    app = MovesApp(session)
    with SocketPrinter() as printer:
        printer.up()
        use_network_printer(session, printer)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
        [job] = printer.printed
    assert "TEST PRINT" in decode(job)[0].text


async def test_printer_settings_refuse_a_bad_value_and_save_a_good_one(session: Session) -> None:
    config_file = session.paths.config_file
    config_file.write_text("# mine\n[sync]\nquick_on_start = false\n")
    app = MovesApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrinterSettingsScreen)
        screen.query_one("#printer-kind", Select).value = "network"
        screen.query_one("#printer-host", Input).value = "192.168.1.50"
        screen.query_one("#printer-port", Input).value = "99999"
        screen.query_one("#printer-width", Select).value = "32"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrinterSettingsScreen)
        assert "not a port number" in str(screen.query_one("#printer-message", Static).render())
        assert "printer" not in config_file.read_text()
        screen.query_one("#printer-port", Input).value = "9100"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, PrinterSettingsScreen)
        batch = app.query_one(MovesView).moves_batch
        assert batch is not None and {s.width for s in batch.slips} == {32}
    text = config_file.read_text()
    assert text.startswith("# mine\n[sync]\nquick_on_start = false\n")
    saved = tomllib.loads(text)["printer"]
    assert (saved["kind"], saved["host"], saved["port"], saved["width"]) == (
        "network",
        "192.168.1.50",
        9100,
        32,
    )
    assert session.engine.config.printer.host == "192.168.1.50"


async def test_a_printer_saved_in_settings_clears_the_no_printer_message(session: Session) -> None:
    # Issue 13 item 6: "No printer is set up" stayed beside "Printing to the printer file…".
    session.paths.config_file.write_text("")
    app = MovesApp(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "No printer is set up" in shown(app, "#moves-problem")
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrinterSettingsScreen)
        screen.query_one("#printer-kind", Select).value = "file"
        screen.query_one("#printer-path", Input).value = str(session.paths.data_dir / "slips.bin")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, PrinterSettingsScreen)
        assert not app.query_one("#moves-problem").display
        assert "No printer is set up" not in shown(app, "#moves-problem")
