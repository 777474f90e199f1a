"""Pick which organisation the Shelves pane shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets.option_list import Option

from gramtui.domain.organisation import Organisation
from gramtui.ui.widgets.safe import OptionList, Static


def describe(org: Organisation) -> Text:
    """The name, then its spaces and sources in one dim line."""
    spaces = ", ".join(f"{s.name} {s.units}×{s.width:g}" for s in org.spaces)
    sources = ", ".join(str(s.folder) for s in org.sources)
    text = Text(org.name, style="bold")
    text.append(f"\n  {spaces} · from {sources} · {org.density}, {org.fill}", style="dim")
    return text


class OrganisationPickScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    OrganisationPickScreen { align: center middle; }
    OrganisationPickScreen OptionList { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, orgs: list[Organisation], current: str | None = None) -> None:
        super().__init__()
        self.orgs = orgs
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Show which organisation?", style="bold"), classes="dialog-text")
            yield OptionList(
                *(Option(describe(o), id=str(n)) for n, o in enumerate(self.orgs)),
                id="org-pick-list",
            )
            yield Static(Text("↑↓ choose · Enter shows it · Esc cancels", style="italic dim"))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        names = [o.name for o in self.orgs]
        options.highlighted = names.index(self.current) if self.current in names else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.orgs[event.option_index].name)

    def action_cancel(self) -> None:
        self.dismiss(None)
