"""A modal that narrows a list as you type and returns the chosen item's value."""

from __future__ import annotations

from typing import Generic

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input
from typing_extensions import TypeVar

from gramtui.ui.widgets.safe import OptionList

V = TypeVar("V", default=int)  # what picking an option returns


class PickerScreen(ModalScreen[V | None], Generic[V]):
    """Subclasses compose an Input and an OptionList, and write `_fill(query)`, which fills the
    OptionList and sets `_shown` to the value of each option in order (it may fill them later,
    from a worker: `_show(values, options)`)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[V] = []

    def _fill(self, query: str) -> None:
        raise NotImplementedError

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and self._shown:
            self.dismiss(self._shown[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index])

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
