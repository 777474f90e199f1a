"""The receipt printer's settings: which printer, where, how wide; a test print; saved to the
config file's [printer] table. A value that cannot work is refused with the reason."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from gramtui.engine import moves
from gramtui.engine.context import Engine
from gramtui.printing.printers import PrinterConfig, PrinterConfigError, PrinterError
from gramtui.printing.slip import SLIP_WIDTHS
from gramtui.settings.config import ConfigError, PrinterSection
from gramtui.ui.background import in_thread
from gramtui.ui.pane import PaneServices
from gramtui.ui.widgets.safe import Static

KINDS = [
    ("Network printer (TCP port 9100)", "network"),
    ("USB printer (vendor and product id)", "usb"),
    ("File or device, such as /dev/usb/lp0", "file"),
    ("None: preview the slips only", "none"),
]
WIDTHS = [
    ("32 columns (58 mm paper)", "32"),
    ("42 columns", "42"),
    ("48 columns (80 mm paper)", "48"),
]
# the inputs each kind needs; the others are hidden
KIND_ROWS = {"network": "#printer-network", "usb": "#printer-usb", "file": "#printer-file"}


class PrinterSettingsScreen(ModalScreen[bool]):
    """Dismissed with True when the settings were saved."""

    DEFAULT_CSS = """
    PrinterSettingsScreen { align: center middle; }
    PrinterSettingsScreen .printer-row { height: auto; }
    PrinterSettingsScreen .printer-row > Vertical { height: auto; width: 1fr; }
    PrinterSettingsScreen #printer-port-box { width: 14; }
    PrinterSettingsScreen #printer-message { margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+t", "test_print", "Test print"),
    ]

    def __init__(self, services: PaneServices) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        p: PrinterSection = self.engine.config.printer
        with Vertical(classes="dialog"):
            yield Static(Text("Receipt printer", style="bold"), classes="dialog-text")
            yield Label("Printer")
            yield Select(KINDS, value=p.kind, allow_blank=False, id="printer-kind")
            with Horizontal(id="printer-network", classes="printer-row"):
                with Vertical():
                    yield Label("Host name or IP address")
                    yield Input(value=p.host, placeholder="192.168.1.50", id="printer-host")
                with Vertical(id="printer-port-box"):
                    yield Label("Port")
                    yield Input(value=str(p.port), id="printer-port")
            with Horizontal(id="printer-usb", classes="printer-row"):
                with Vertical():
                    yield Label("Vendor id (hex, see lsusb)")
                    yield Input(value=_hex(p.vendor_id), placeholder="04b8", id="printer-vendor")
                with Vertical():
                    yield Label("Product id (hex)")
                    yield Input(value=_hex(p.product_id), placeholder="0202", id="printer-product")
            with Vertical(id="printer-file", classes="printer-row"):
                yield Label("File or device path")
                yield Input(value=p.path, placeholder="/dev/usb/lp0", id="printer-path")
            yield Label("Paper width")
            width = str(p.width) if p.width in SLIP_WIDTHS else "42"
            yield Select(WIDTHS, value=width, allow_blank=False, id="printer-width")
            yield Static("", id="printer-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Test print (ctrl+t)", id="printer-test")
                yield Button("Save (ctrl+s)", id="printer-save", variant="primary")
                yield Button("Cancel", id="printer-cancel")

    @property
    def engine(self) -> Engine:
        return self.services.engine

    def on_mount(self) -> None:
        self._show_rows(self.engine.config.printer.kind)
        self.query_one("#printer-kind", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "printer-kind":
            self._show_rows(str(event.value))

    def _show_rows(self, kind: str) -> None:
        for row_kind, selector in KIND_ROWS.items():
            self.query_one(selector).display = row_kind == kind

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "printer-save": self.action_save,
            "printer-test": self.action_test_print,
            "printer-cancel": self.action_cancel,
        }
        actions[event.button.id or "printer-cancel"]()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def _section(self) -> PrinterSection | None:
        """The settings typed in the form, or None after saying what is wrong."""
        values = {
            "kind": str(self.query_one("#printer-kind", Select).value),
            "host": self.query_one("#printer-host", Input).value,
            "port": self.query_one("#printer-port", Input).value,
            "vendor_id": self.query_one("#printer-vendor", Input).value,
            "product_id": self.query_one("#printer-product", Input).value,
            "path": self.query_one("#printer-path", Input).value,
            "width": str(self.query_one("#printer-width", Select).value),
        }
        try:
            return moves.printer_section_from_form(values, self.engine.config.printer)
        except PrinterConfigError as e:
            self._say(str(e), error=True)
            return None

    def action_save(self) -> None:
        section = self._section()
        if section is None:
            return
        config_file, engine = self.services.paths.config_file, self.engine

        def save() -> str:
            try:
                moves.save_printer_settings(engine, config_file, section)
            except (ConfigError, OSError) as e:
                return f"Not saved: {e}"
            return ""

        def saved(refused: str) -> None:
            if refused:
                self._say(refused, error=True)
                return
            self.notify(f"Printer settings saved to {config_file}.")
            self.dismiss(True)

        in_thread(self, save, saved, what="Saving the printer settings", group="save")

    def action_test_print(self) -> None:
        section = self._section()
        if section is None:
            return
        config = moves.printer_config(dataclasses.replace(self.engine.config, printer=section))
        if config.kind == "none":
            self._say("Choose a printer first: with none, slips are only previewed.", error=True)
            return
        self._say(f"Sending a test slip to {config.describe()}…")
        self._test(config)

    def _test(self, config: PrinterConfig) -> None:
        engine = self.engine

        def test() -> str:
            try:
                moves.test_print(engine, config)
            except (PrinterError, moves.MovesError) as e:
                return str(e)
            return ""

        def tested(failure: str) -> None:
            if failure:
                self._say(failure, error=True)
            else:
                self._say(f"Test slip sent to {config.describe()}: the ruler should fill one line.")

        in_thread(self, test, tested, what="The test print", group="test")

    def _say(self, message: str, error: bool = False) -> None:
        self.query_one("#printer-message", Static).update(
            Text(message, style="bold red" if error else "")
        )


def _hex(value: int) -> str:
    return f"{value:04x}" if value else ""
