"""The help screen: every key of the app and of each pane, read from the bindings themselves."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from gramtui.ui.widgets.safe import Static


def _rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    out = []
    for b in bindings:
        if isinstance(b, Binding) and b.description:
            keys = ", ".join(
                k.replace("question_mark", "?").replace("slash", "/") for k in b.key.split(",")
            )
            out.append((keys, b.description))
    return out


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("gramtui — keys", style="bold"))
            # One table for every section, so the columns line up down the whole screen.
            table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
            table.add_column("key", style="bold cyan", no_wrap=True, min_width=16)
            table.add_column("what", justify="left")
            for title, bindings in self.sections:
                table.add_row(Text(title, style="bold underline"), Text(""))
                for key, what in _rows(bindings):
                    table.add_row(Text(key), Text(what))
                table.add_row(Text(""), Text(""))
            yield Static(table)
            yield Static(
                Text(
                    "Ctrl+P opens the command palette (sync, themes, panes). Esc closes this.",
                    style="italic",
                )
            )
