"""Jump to a unit (or an area) of the organisation on screen: type to narrow, Enter to go."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input
from textual.widgets.option_list import Option

from gramtui.domain.sortkeys import fold
from gramtui.domain.words import count
from gramtui.ui.screens.picker import PickerScreen
from gramtui.ui.widgets.fill_bar import amount
from gramtui.ui.widgets.safe import OptionList, Static
from gramtui.ui.widgets.shelf_list import Header, ShelfRows


def _matches(header: Header, words: list[str]) -> bool:
    """A number names the unit's number ("3": unit 3 of every space), a word part of its title."""
    for word in words:
        if word.isdigit():
            if header.fill is None or header.fill.unit != int(word):
                return False
        elif word not in fold(header.title):
            return False
    return True


class OrganisationJumpScreen(PickerScreen):
    """Returns the number of the chosen header of `rows` (a unit or an area)."""

    DEFAULT_CSS = """
    OrganisationJumpScreen { align: center middle; }
    OrganisationJumpScreen OptionList { height: auto; max-height: 16; }
    """

    def __init__(self, rows: ShelfRows, current: int = 0) -> None:
        super().__init__()
        self.rows = rows
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Jump to a unit", style="bold"), classes="dialog-text")
            yield Input(placeholder='e.g. "kallax 3", "3", "spill"', id="org-jump-input")
            yield OptionList(id="org-jump-list")
            yield Static(
                Text("Type to narrow · ↑↓ choose · Enter jumps · Esc cancels", style="italic dim")
            )

    def on_mount(self) -> None:
        self._fill("")
        options = self.query_one(OptionList)
        if self.current in self._shown:
            options.highlighted = self._shown.index(self.current)
        self.query_one(Input).focus()

    def _label(self, number: int) -> Text:
        header = self.rows.headers[number]
        text = Text(f"{header.title:<24}", style="bold")
        if header.fill is not None:
            fill = header.fill
            used = amount(fill.used, fill.capacity, self.rows.view.unit_name)
            text.append(f"{used} · {count(header.count, 'record')}", style="dim")
        else:
            text.append(f"{count(header.count, 'record')}", style="dim")
        return text

    def _fill(self, query: str) -> None:
        words = fold(query).split()
        self._shown = [n for n, h in enumerate(self.rows.headers) if _matches(h, words)]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(self._label(n)) for n in self._shown])
        if self._shown:
            options.highlighted = 0
