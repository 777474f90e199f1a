"""A pane whose feature is not built yet says so plainly, and what it will do."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class PendingPane(Static):
    def __init__(self, title: str, what: str, **kwargs: object) -> None:
        text = Text()
        text.append(f"{title}\n\n", style="bold")
        text.append(what)
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
