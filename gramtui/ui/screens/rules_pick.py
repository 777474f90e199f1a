"""Pick a record to explain, by its instance id (shown in the Shelves pane and the dry run)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from gramtui.ui.widgets.safe import Static


class RulesPickScreen(ModalScreen[int | None]):
    """`describe(id)` names the record, or returns None when the collection has no such id."""

    DEFAULT_CSS = """
    RulesPickScreen { align: center middle; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, describe: Callable[[int], str | None], initial: int | None = None) -> None:
        super().__init__()
        self.describe = describe
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text("Why is a record classified as it is?", style="bold"), classes="dialog-text"
            )
            yield Label("Instance id (the Shelves pane and the dry run show it)")
            yield Input(
                value="" if self.initial is None else str(self.initial),
                placeholder="e.g. 19866953",
                type="integer",
                id="pick-id",
            )
            yield Static("", id="pick-message", classes="dialog-text")
            yield Static(Text("Enter explains · Esc cancels", style="italic dim"))

    def on_mount(self) -> None:
        self._show(self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _chosen(self, value: str) -> tuple[int | None, Text]:
        if not value.strip():
            return None, Text("Type an instance id.", style="dim")
        instance_id = int(value)
        name = self.describe(instance_id)
        if name is None:
            return None, Text(f"No record has instance id {instance_id}.", style="red")
        return instance_id, Text(name)

    def _show(self, value: str) -> None:
        self.query_one("#pick-message", Static).update(self._chosen(value)[1])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        instance_id, _ = self._chosen(event.value)
        if instance_id is not None:
            self.dismiss(instance_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
