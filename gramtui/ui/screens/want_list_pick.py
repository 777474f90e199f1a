"""Pick the want list a deal's release (or master) is added to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets.option_list import Option

from gramtui.ui.widgets.safe import OptionList, Static


class WantListPickScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    WantListPickScreen { align: center middle; }
    WantListPickScreen OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, names: list[str], what: str) -> None:
        super().__init__()
        self.names = names
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = Text("Add ", style="bold")
            title.append(self.what)
            title.append(" to which want list?", style="bold")
            yield Static(title, classes="dialog-text")
            yield OptionList(
                *(Option(Text(n), id=f"list-{i}") for i, n in enumerate(self.names)),
                id="want-list-pick",
            )
            yield Static(Text("↑↓ choose · Enter adds · Esc cancels", style="italic dim"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
