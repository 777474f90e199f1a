"""Narrow the Insight charts to one folder, or show them over every folder again."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets.option_list import Option

from gramtui.domain.organisation import ALL_FOLDER_ID
from gramtui.domain.records import Folder
from gramtui.domain.words import count
from gramtui.ui.widgets.safe import OptionList, Static

EVERY_FOLDER = Folder(ALL_FOLDER_ID, "All folders")


def _option(folder: Folder) -> Text:
    text = Text(folder.name, style="bold" if folder is EVERY_FOLDER else "")
    if folder is not EVERY_FOLDER:
        text.append(f"  {count(folder.count, 'record')}", style="dim")
    return text


class InsightFolderScreen(ModalScreen[Folder | None]):
    """Returns the folder picked (`EVERY_FOLDER` for all), None when cancelled."""

    DEFAULT_CSS = """
    InsightFolderScreen { align: center middle; }
    InsightFolderScreen OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folders: list[Folder], current: int | None) -> None:
        super().__init__()
        self.choices = [EVERY_FOLDER, *folders]
        self.current = ALL_FOLDER_ID if current is None else current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Charts of which folder?", style="bold"), classes="dialog-text")
            yield OptionList(*(Option(_option(f)) for f in self.choices), id="insight-folders")
            yield Static(Text("↑↓ choose · Enter shows it · Esc cancels", style="italic dim"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [f.id for f in self.choices]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
