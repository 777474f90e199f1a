"""Ask for one value (a custom field's text, a width), checked before the dialog closes: what is
wrong is said inside the dialog, and the typing stays."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from gramtui.ui.widgets.safe import Static


class TextPromptScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    TextPromptScreen { align: center middle; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: Text | str,
        note: str,
        *,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        """`check(value)` returns a sentence saying what is wrong, or None when it is fine."""
        super().__init__()
        self.title_text = title if isinstance(title, Text) else Text(title, style="bold")
        self.note = note
        self.value = value
        self.placeholder = placeholder
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-text")
            if self.note:
                yield Static(Text(self.note, style="dim"), classes="dialog-text")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(id="prompt-error", classes="error-text")
            yield Static(Text("Enter saves · Esc cancels", style="italic dim"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value) if self.check is not None else None
        if problem:
            self.query_one("#prompt-error", Static).update(Text(problem, style="bold red"))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
