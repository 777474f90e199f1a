"""Pick one of a few named choices (a folder, a rating, a custom field, a dropdown's option),
narrowing the list as you type. Returns the chosen choice's value."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input
from textual.widgets.option_list import Option

from gramtui.domain.sortkeys import fold
from gramtui.ui.screens.picker import PickerScreen
from gramtui.ui.widgets.safe import OptionList, Static


class ChoicePickScreen(PickerScreen[str]):
    DEFAULT_CSS = """
    ChoicePickScreen { align: center middle; }
    ChoicePickScreen OptionList { height: auto; max-height: 40vh; }
    """

    def __init__(
        self, title: str, choices: list[tuple[str, str]], *, current: str | None = None
    ) -> None:
        """`choices`: (value, label) pairs in order; `current` is highlighted first."""
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-text")
            yield Input(placeholder="type to narrow the list", id="choice-pick-input")
            yield OptionList(id="choice-pick-list")
            yield Static(Text("↑↓ choose · Enter picks · Esc cancels", style="italic dim"))

    def on_mount(self) -> None:
        self._fill("")
        values = [v for v, _ in self.choices]
        if self.current in values:
            self.query_one(OptionList).highlighted = values.index(self.current)
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        words = fold(query).split()
        shown = [(v, label) for v, label in self.choices if all(w in fold(label) for w in words)]
        self._shown = [v for v, _ in shown]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(Text(label)) for _, label in shown])
        if shown:
            options.highlighted = 0
