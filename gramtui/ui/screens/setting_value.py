"""The dialog that edits one setting: its help, range and default, the value typed, and what is
wrong with it inside the dialog (the config file's own reader decides), so nothing typed is lost."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from gramtui.settings.config import ConfigError, read_setting
from gramtui.settings.setting_rows import SettingRow
from gramtui.ui.screens.form import FormScreen
from gramtui.ui.widgets.safe import Static


def toml_value(row: SettingRow, text: str) -> object:
    """What the config file will hold for `text`: a number for a number setting, else the text
    (money, fractions and steps are written as text so they are never floats)."""
    text = text.strip()
    if row.hint is int:
        try:
            return int(text)
        except ValueError:
            raise ConfigError(f"{row.name} must be a whole number, not {text!r}.") from None
    if row.hint is float:
        try:
            return float(text)
        except ValueError:
            raise ConfigError(f"{row.name} must be a number, not {text!r}.") from None
    return text


class SettingValueScreen(FormScreen[object]):
    """Dismissed with the value to write (as the file holds it), or None when cancelled."""

    DEFAULT_CSS = """
    SettingValueScreen { align: center middle; }
    """
    SUBMIT = "save"

    def __init__(self, row: SettingRow) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        row = self.row
        with Vertical(classes="dialog"):
            yield Static(Text(f"[{row.section}] {row.key}", style="bold"), classes="dialog-text")
            yield Static(Text(row.help), classes="dialog-text")
            yield Label(row.accepts)
            yield Input(
                value="" if row.secret else row.text,
                password=row.secret,
                placeholder="(empty: not set)" if row.secret else "",
                id="setting-value",
            )
            yield Static("", id="setting-message", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#setting-value", Input).focus()

    def submit(self) -> None:
        typed = self.query_one("#setting-value", Input).value
        try:
            value = toml_value(self.row, typed)
            read_setting(self.row.section, self.row.key, value, "Not saved")
        except ConfigError as e:
            self.query_one("#setting-message", Static).update(Text(str(e), style="bold red"))
            return
        self.dismiss(value)
