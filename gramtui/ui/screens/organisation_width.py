"""Set a record's width in centimetres (or give it back to the custom field and the format)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input

from gramtui.engine import layouts
from gramtui.engine.layouts import ShelfRecord, WidthError
from gramtui.ui.background import in_thread
from gramtui.ui.widgets.safe import Static


class OrganisationWidthScreen(ModalScreen[bool]):
    """Stores the width on Enter and returns True; Esc returns False and changes nothing."""

    DEFAULT_CSS = """
    OrganisationWidthScreen { align: center middle; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, record: ShelfRecord, width: float | None) -> None:
        """`width`: its width in cm now, or None when the organisation counts records or discs."""
        super().__init__()
        self.record = record
        self.width = width

    def compose(self) -> ComposeResult:
        record = self.record
        title = Text("Width of ", style="bold")
        title.append(record.artist, style="bold")
        title.append(" — ", style="bold")
        title.append(record.title, style="bold")
        source = "set here" if record.explicit_width is not None else "from the fields or format"
        with Vertical(classes="dialog"):
            yield Static(title, classes="dialog-text")
            now = (
                f"Now {self.width:g} cm ({source})."
                if self.width is not None
                else "This organisation counts records or discs; the width counts where "
                "shelves are measured in cm."
            )
            yield Static(Text(f"{record.format}\n{now}", style="dim"), classes="dialog-text")
            yield Input(
                value="" if record.explicit_width is None else f"{record.explicit_width:g}",
                placeholder="cm, e.g. 0.8 — or auto",
                id="org-width-input",
            )
            yield Static(id="org-width-error", classes="error-text")
            yield Static(
                Text(
                    "Enter saves · auto gives it back to the field and the format · Esc cancels",
                    style="italic dim",
                )
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            width = layouts.parse_width(event.value)
        except WidthError as e:
            self._refused(str(e))
            return
        instance_id = self.record.instance_id
        in_thread(  # the store is written off the UI thread; the view lays out again when stored
            self,
            lambda: layouts.set_record_width(instance_id, width),
            self._stored,
            what="Setting the width",
            group="width",
            failed=self._refused,
        )

    def _stored(self, _none: None) -> None:
        self.dismiss(True)

    def _refused(self, sentence: str) -> None:
        self.query_one("#org-width-error", Static).update(Text(sentence))

    def action_cancel(self) -> None:
        self.dismiss(False)
