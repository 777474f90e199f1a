"""Why a record is classified as it is: the explanation the rules give, line by line."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from gramtui.ui.widgets.safe import Static

# How each line of domain.rules.explain() starts, and how to show it.
_STYLES = (("record ", "bold"), ("format tokens", "dim"), ("destination:", "bold"))


class RulesExplainScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    RulesExplainScreen { align: center middle; }
    RulesExplainScreen #explain-dialog {
        width: 100; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    RulesExplainScreen #explain-lines { height: auto; max-height: 24; margin: 1 0; }
    """
    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close")]

    def __init__(self, question: str, lines: list[str]) -> None:
        super().__init__()
        self.question = question
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="explain-dialog"):
            yield Static(Text(self.question, style="bold"))
            with VerticalScroll(id="explain-lines"):
                yield Static(self._body())
            yield Static(Text("Esc closes.", style="italic dim"))

    def _body(self) -> Text:
        body = Text()
        for line in self.lines:
            style = next((s for prefix, s in _STYLES if line.startswith(prefix)), "")
            if " matched:" in line:
                style = "green"
            elif " failed:" in line or "not checked" in line:
                style = "dim"
            elif line.split(":", 1)[0] in ("format", "classification") and " by " in line:
                style = "bold"
            body.append(line + "\n", style=style)  # record titles are data: never markup
        body.rstrip()
        return body
