"""The settings screen: every setting of the config file by section, what it does, its value; Enter
edits (Space turns an on/off setting over), saved at once into the config file with its comments
and layout kept, and used by the running app (a few from the next start, as the screen says).
The eBay credentials are entered here too, into their own 0600 file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from gramtui.settings.config import Config
from gramtui.settings.config_write import write_keys
from gramtui.settings.setting_rows import SettingRow, section_rows, sections
from gramtui.ui.background import in_thread
from gramtui.ui.screens.ebay_credentials import EbayCredentialsScreen
from gramtui.ui.screens.setting_value import SettingValueScreen
from gramtui.ui.widgets.keys_footer import KeysFooter
from gramtui.ui.widgets.safe import DataTable, OptionList, Static

CREDENTIALS_KEY = "credentials"  # the eBay section's extra row: not a config key


@dataclass(frozen=True, slots=True)
class SettingsPlace:
    """Where the settings live: the config file, and the eBay credentials file."""

    config_file: Path
    ebay_credentials: Path
    ebay_configured: Callable[[], bool]


class SettingsScreen(Screen[None]):
    DEFAULT_CSS = """
    SettingsScreen #settings-where { height: auto; padding: 0 1; background: $boost; }
    SettingsScreen #settings-body { height: 1fr; }
    SettingsScreen #settings-sections { width: 22; height: 1fr; border: round $primary-darken-1; }
    SettingsScreen #settings-keys { width: 1fr; height: 1fr; }
    SettingsScreen #settings-help { height: auto; min-height: 3; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("enter", "edit", "Edit", priority=True),  # shown, though the table has Enter
        Binding("space", "flip", "On/off"),
        Binding("tab", "app.focus_next", "Sections/settings", show=False),
    ]

    def __init__(self, config: Config, place: SettingsPlace) -> None:
        super().__init__()
        self.config = config
        self.place = place
        self.section = sections()[0][0]
        self.rows: list[SettingRow] = []

    def compose(self) -> ComposeResult:
        where = Text("Settings", style="bold")
        where.append(f" · {self.place.config_file} · saved as you change them, comments kept")
        yield Static(where, id="settings-where")
        with Horizontal(id="settings-body"):
            yield OptionList(*[Text(title) for _, title in sections()], id="settings-sections")
            with Vertical():
                table: DataTable[Text] = DataTable(id="settings-keys", cursor_type="row")
                yield table
                yield Static(id="settings-help", classes="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#settings-keys", DataTable)
        table.add_column("setting", width=24)
        table.add_column("value", width=28)
        self.query_one("#settings-sections", OptionList).highlighted = 0
        self._fill()
        table.focus()

    # -- showing -------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.section = sections()[event.option_index][0]
        self._fill()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#settings-keys", DataTable).focus()

    def _fill(self, keep: int = 0) -> None:
        self.rows = section_rows(self.config, self.section)
        table = self.query_one("#settings-keys", DataTable)
        table.clear()
        for row in self.rows:
            value = Text(row.shown, style="bold" if row.value != row.default else "")
            table.add_row(Text(row.key), value)
        if self.section == "ebay":
            known = "set" if self.place.ebay_configured() else "not set: Deals cannot search eBay"
            table.add_row(Text(CREDENTIALS_KEY), Text(known))
        table.move_cursor(row=min(keep, table.row_count - 1))
        self._explain()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._explain()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()  # Enter on the table

    def _selected(self) -> SettingRow | None:
        at = self.query_one("#settings-keys", DataTable).cursor_row
        return self.rows[at] if 0 <= at < len(self.rows) else None

    def _on_credentials_row(self) -> bool:
        table = self.query_one("#settings-keys", DataTable)
        return self.section == "ebay" and table.cursor_row == len(self.rows)

    def _explain(self) -> None:
        help_line = self.query_one("#settings-help", Static)
        if self._on_credentials_row():
            help_line.update(
                Text(
                    "Your eBay application's client id and secret (developer.ebay.com), kept in "
                    f"{self.place.ebay_credentials} (mode 0600). Enter to set them. "
                    "EBAY_CLIENT_ID and EBAY_CLIENT_SECRET in the environment win."
                )
            )
            return
        row = self._selected()
        if row is None:
            help_line.update("")
            return
        text = Text(f"[{row.section}] {row.key}", style="bold")
        if row.help:
            text.append(f" — {row.help}")
        text.append(f"\nAccepts {row.accepts}; default {_default_text(row)}.", style="dim")
        if row.at_next_start:
            text.append(" Used from the next start.", style="dim")
        help_line.update(text)

    # -- editing -------------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_flip(self) -> None:
        row = self._selected()
        if row is not None and row.hint is bool and not self._on_credentials_row():
            self._save(row, not row.value)

    def action_edit(self) -> None:
        if self.focused is self.query_one("#settings-sections", OptionList):
            self.query_one("#settings-keys", DataTable).focus()
            return
        if self._on_credentials_row():
            self.app.push_screen(EbayCredentialsScreen(self.place.ebay_credentials), self._stored)
            return
        row = self._selected()
        if row is None:
            return
        if row.hint is bool:
            self._save(row, not row.value)
            return
        if not row.editable:
            self.notify(
                f"{row.name} is a table of names to values: edit it in {self.place.config_file}.",
                severity="warning",
            )
            return

        def typed(value: object) -> None:
            if value is not None:
                self._save(row, value)

        self.app.push_screen(SettingValueScreen(row), typed)

    def _stored(self, saved: bool | None) -> None:
        if saved:
            self.notify("eBay credentials saved: Deals searches eBay from its next round.")
            self._fill(keep=len(self.rows))

    def _save(self, row: SettingRow, value: object) -> None:
        path = self.place.config_file
        at = self.query_one("#settings-keys", DataTable).cursor_row

        def saved(new: Config) -> None:
            fresh = getattr(getattr(new, row.section), row.key)
            setattr(getattr(self.config, row.section), row.key, fresh)  # the running app's too
            if row.section == "ui" and row.key == "theme" and fresh in self.app.available_themes:
                self.app.theme = fresh
            when = "from the next start" if row.at_next_start else "now"
            self.notify(f"{row.name} saved; used {when}.")
            self._fill(keep=at)

        def refused(sentence: str) -> None:
            self.notify(sentence, severity="error", timeout=12)

        in_thread(
            self,
            lambda: write_keys(path, row.section, {row.key: value}),
            saved,
            what=f"Saving {row.name}",
            group="settings-save",
            failed=refused,
        )


def _default_text(row: SettingRow) -> str:
    default = SettingRow(row.section, row.key, row.hint, row.default, row.default, "", "")
    return default.shown
