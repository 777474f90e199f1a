"""What every modal form shares: Esc cancels, Enter moves on, the submit button submits."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button, Input

T = TypeVar("T")


class FormScreen(ModalScreen[T | None]):
    """Subclasses set SUBMIT (the id of their submit button) and write `submit()`, which either
    dismisses with the result or shows what is wrong and stays open."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    SUBMIT = "submit"

    def submit(self) -> None:
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Textual calls this handler on every class of the MRO: subclasses override
        # `input_submitted` instead, so only one of them acts.
        self.input_submitted(event)

    def input_submitted(self, event: Input.Submitted) -> None:
        """Enter goes to the next field, and submits from the last one."""
        inputs = [i for i in self.query(Input) if i.display and not i.disabled]
        at = inputs.index(event.input) if event.input in inputs else len(inputs) - 1
        if at + 1 < len(inputs):
            inputs[at + 1].focus()
        else:
            self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.SUBMIT:
            self.submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
