"""The saved-search form of the Deals pane (add and edit): what is typed is checked here, then
saved in a thread worker; any refusal (a name taken, a bad number) is shown inside the dialog,
which stays open until the search is saved or the user cancels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from gramtui.domain.deals.searches import SavedSearch, parse_formats
from gramtui.domain.money import AmountError, parse_decimal
from gramtui.ui.background import in_thread
from gramtui.ui.screens.form import FormScreen
from gramtui.ui.widgets.safe import Static


@dataclass(frozen=True, slots=True)
class SearchRequest:
    name: str
    query: str
    formats: str
    max_price: str
    min_score: str
    interval_minutes: int


def _problem(r: SearchRequest) -> tuple[str, str] | None:
    """(field id, sentence) for the first thing wrong, or None."""
    if not r.name:
        return "search-name", "Give the search a name."
    if not r.query:
        return "search-query", "Type what to search eBay for, such as: miles davis kind of blue."
    try:
        parse_formats(r.formats)
    except ValueError as e:
        return "search-formats", f"Formats: {e}"
    for field, value, example in (
        ("search-max-price", r.max_price, "a price such as 25 or 19.99"),
        ("search-min-score", r.min_score, "a share such as 0.30 (30% under worth)"),
    ):
        if value:
            try:
                parse_decimal(value)
            except AmountError:
                return field, f"{value!r} is not a number: type {example}, or leave it empty."
    return None


def _text(value: object) -> str:
    return "" if value is None else str(value)


class SavedSearchScreen(FormScreen[SearchRequest]):
    DEFAULT_CSS = """
    SavedSearchScreen { align: center middle; }
    SavedSearchScreen .dialog { padding: 0 2; }
    SavedSearchScreen .search-row { height: auto; }
    SavedSearchScreen .search-row Vertical { height: auto; width: 1fr; margin-right: 2; }
    SavedSearchScreen Input { margin-bottom: 1; background: $boost; }
    SavedSearchScreen #search-message { height: auto; margin-bottom: 1; }
    """
    SUBMIT = "save"

    def __init__(
        self, save: Callable[[SearchRequest], object], current: SavedSearch | None = None
    ) -> None:
        super().__init__()
        self.save = save
        self.current = current

    def compose(self) -> ComposeResult:
        c = self.current
        title = f"Edit saved search {c.name}" if c else "New saved search"
        with Vertical(classes="dialog"):
            yield Static(Text(title, style="bold"))
            yield Label("Name")
            yield Input(_text(c and c.name), id="search-name", compact=True)
            yield Label("eBay search words")
            yield Input(
                _text(c and c.query),
                placeholder="coltrane blue train",
                id="search-query",
                compact=True,
            )
            with Horizontal(classes="search-row"):
                with Vertical():
                    yield Label("Formats")
                    yield Input(
                        ", ".join(c.formats).lower() if c else "",
                        placeholder="vinyl, cd, cassette",
                        id="search-formats",
                        compact=True,
                    )
                with Vertical():
                    yield Label("Max price")
                    yield Input(
                        _text(c and c.max_price),
                        placeholder="none",
                        id="search-max-price",
                        compact=True,
                    )
            with Horizontal(classes="search-row"):
                with Vertical():
                    yield Label("Alert from score")
                    yield Input(
                        _text(c and c.min_score),
                        placeholder="alert band",
                        id="search-min-score",
                        compact=True,
                    )
                with Vertical():
                    yield Label("Minutes between polls")
                    yield Input(
                        str(c.interval_minutes) if c and c.interval_minutes else "",
                        placeholder="as the budget allows",
                        id="search-interval",
                        type="integer",
                        compact=True,
                    )
            yield Static("", id="search-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#search-name", Input).focus()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _say(self, sentence: str, field: str | None = None) -> None:
        self.query_one("#search-message", Static).update(Text(sentence, style="bold red"))
        if field:
            self.query_one(f"#{field}", Input).focus()
        self.query_one("#save", Button).disabled = False

    def submit(self) -> None:
        interval = self._value("search-interval")
        request = SearchRequest(
            self._value("search-name"),
            self._value("search-query"),
            self._value("search-formats"),
            self._value("search-max-price"),
            self._value("search-min-score"),
            int(interval) if interval.lstrip("-").isdigit() else 0,
        )
        problem = _problem(request)
        if problem is not None:
            self._say(problem[1], problem[0])
            return
        self.query_one("#save", Button).disabled = True
        self.query_one("#search-message", Static).update(Text("Saving…", style="italic"))

        def saved(_result: object) -> None:
            self.dismiss(request)

        in_thread(
            self,
            lambda: self.save(request),
            saved,
            what="Saving the search",
            group="deal-search-save",
            failed=self._say,
        )
