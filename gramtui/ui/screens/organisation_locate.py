"""Find a record of the organisation on screen by artist, title, label or catalogue number."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input
from textual.widgets.option_list import Option

from gramtui.domain.placement import Placement
from gramtui.engine.layouts import ShelfView
from gramtui.ui.screens.picker import PickerScreen
from gramtui.ui.widgets.safe import OptionList, Static

SHOWN = 50  # matches listed; more words narrow the rest


def where(placement: Placement) -> str:
    """ "Kallax 3 #12", "oversized #2", "spill #7"."""
    if placement.area != "shelf":
        return f"{placement.area} #{placement.position}"
    return f"{placement.space} {placement.unit} #{placement.position}"


class OrganisationLocateScreen(PickerScreen):
    """Returns the instance id of the chosen record."""

    DEFAULT_CSS = """
    OrganisationLocateScreen { align: center middle; }
    OrganisationLocateScreen .dialog { width: 100; }
    OrganisationLocateScreen OptionList { height: auto; max-height: 16; }
    """

    def __init__(self, view: ShelfView, query: str = "") -> None:
        super().__init__()
        self.view = view
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text(f"Locate a record in {self.view.organisation.name}", style="bold"),
                classes="dialog-text",
            )
            yield Input(
                value=self.query_text,
                placeholder="artist, title, label or cat#",
                id="org-locate-input",
            )
            yield Static(id="org-locate-count")
            yield OptionList(id="org-locate-list")
            yield Static(
                Text(
                    "Type to search · ↑↓ choose · Enter goes there · Esc cancels",
                    style="italic dim",
                )
            )

    def on_mount(self) -> None:
        self._fill(self.query_text)
        self.query_one(Input).focus()

    def _label(self, instance_id: int) -> Text:
        record = self.view.records[instance_id]
        placement = self.view.layout.find(instance_id)
        text = Text()
        text.append(f"{where(placement) if placement else '?':<15} ", style="cyan")
        text.append(record.artist, style="bold")
        text.append(" — ")
        text.append(record.title)
        text.append(f"  {record.label} {record.catno}", style="dim")
        text.truncate(84, overflow="ellipsis")
        text.no_wrap = True
        return text

    def _fill(self, query: str) -> None:
        found = self.view.search(query)
        self._shown = found[:SHOWN]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(self._label(i)) for i in self._shown])
        if self._shown:
            options.highlighted = 0
        if not query.strip():
            count = "Type words of the artist, title, label or catalogue number."
        elif not found:
            count = "No record of this organisation matches."
        elif len(found) > SHOWN:
            count = f"{len(found)} match; the first {SHOWN} in shelf order (more words narrow)."
        else:
            count = f"{len(found)} match{'es' if len(found) != 1 else ''}."
        self.query_one("#org-locate-count", Static).update(Text(count, style="dim"))
