"""Put a copy from the collection up for sale: the copy (part of its artist, title or cat# picks
it from a list; its instance id works too), media and sleeve condition, and a price prefilled
with the ladder's start price (the suggestion for the condition x premium)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from gramtui.domain.marketplace import CONDITIONS, SLEEVE_CONDITIONS
from gramtui.domain.money import Money
from gramtui.engine.record_search import Found
from gramtui.engine.sales import SalesError, StartPrice
from gramtui.ui.background import in_thread
from gramtui.ui.screens.form import FormScreen
from gramtui.ui.screens.sales_money import parse_amount
from gramtui.ui.widgets.safe import Static

DEFAULT_CONDITION = "Very Good Plus (VG+)"


@dataclass(frozen=True, slots=True)
class SellRequest:
    instance_id: int
    condition: str
    sleeve_condition: str | None
    price: Money | None  # None: the start price from the rule


class SalesListScreen(FormScreen[SellRequest]):
    DEFAULT_CSS = """
    SalesListScreen { align: center middle; }
    SalesListScreen .dialog-row { height: auto; }
    SalesListScreen .dialog-row Select { width: 1fr; }
    """
    SUBMIT = "list"

    def __init__(
        self,
        start_price: Callable[[int, str], StartPrice],
        currency: str,
        *,
        instance_id: int | None = None,
    ) -> None:
        """`instance_id`: the copy, when the user chose it already (the record detail screen)."""
        super().__init__()
        self.start_price = start_price
        self.currency = currency
        self.suggested: Money | None = None
        self.instance_id = instance_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Put a copy up for sale", style="bold"), classes="dialog-text")
            yield Label("The copy: words of its title, artist or cat#, or its instance id")
            yield Input(
                value="" if self.instance_id is None else str(self.instance_id),
                placeholder="e.g. kind of blue   or   2176916230",
                id="sell-instance",
            )
            yield Label("Media condition · sleeve condition")
            with Horizontal(classes="dialog-row"):
                yield Select(
                    [(c, c) for c in CONDITIONS],
                    value=DEFAULT_CONDITION,
                    allow_blank=False,
                    id="sell-condition",
                )
                yield Select(
                    [(c, c) for c in SLEEVE_CONDITIONS],
                    value=DEFAULT_CONDITION,
                    allow_blank=False,
                    id="sell-sleeve",
                )
            yield Label(f"Price in {self.currency} (prefilled with the ladder's start price)")
            yield Input(placeholder="type the instance id first", id="sell-price")
            yield Static("", id="sell-hint", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("List it", id="list", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if self.instance_id is None:
            self.query_one("#sell-instance", Input).focus()
            return
        self._ask()
        self.query_one("#sell-condition", Select).focus()

    def input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "sell-instance":
            self.submit()
        elif event.value.strip() and not event.value.strip().isdigit():
            self._pick(event.value)
        else:
            self._ask()
            self.query_one("#sell-condition", Select).focus()

    def _pick(self, query: str) -> None:
        from gramtui.ui.screens.record_pick import RecordPickScreen

        def picked(found: Found | None) -> None:
            if found is None:
                return
            self.query_one("#sell-instance", Input).value = str(found.id)
            self._ask()
            self.query_one("#sell-condition", Select).focus()

        self.app.push_screen(
            RecordPickScreen(("instance",), title="Which copy goes up for sale?", query=query),
            picked,
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "sell-condition":
            self._ask()

    def _ask(self) -> None:
        text = self.query_one("#sell-instance", Input).value.strip()
        condition = self.query_one("#sell-condition", Select).value
        if text.isdigit() and isinstance(condition, str):
            self._hint(int(text), condition)

    def _hint(self, instance_id: int, condition: str) -> None:
        start_price = self.start_price

        def find() -> StartPrice:
            try:
                return start_price(instance_id, condition)
            except SalesError as e:
                return StartPrice(None, str(e))

        in_thread(self, find, self._show_hint, what="Suggesting a price", group="hint")

    def _show_hint(self, found: StartPrice) -> None:
        price_input = self.query_one("#sell-price", Input)
        previous = f"{self.suggested.decimal:.2f}" if self.suggested else ""
        if found.price is not None and price_input.value in ("", previous):
            price_input.value = f"{found.price.decimal:.2f}"
            self.suggested = found.price
        hint = Text(f"{found.copy}\n", style="bold") if found.copy else Text()
        hint.append(found.why, style="italic" if found.price is not None else "bold yellow")
        self.query_one("#sell-hint", Static).update(hint)

    def submit(self) -> None:
        message = self.query_one("#sell-hint", Static)
        text = self.query_one("#sell-instance", Input).value.strip()
        if not text.isdigit():
            message.update(
                Text(
                    "Type part of the artist, title or cat# of the copy and press Enter to pick "
                    "it, or its instance id.",
                    style="bold red",
                )
            )
            self.query_one("#sell-instance", Input).focus()
            return
        currency = self.suggested.currency if self.suggested else self.currency
        try:
            price = parse_amount(self.query_one("#sell-price", Input).value, currency, "price")
        except ValueError as e:
            message.update(Text(str(e), style="bold red"))
            return
        sleeve = self.query_one("#sell-sleeve", Select).value
        self.dismiss(
            SellRequest(
                int(text),
                str(self.query_one("#sell-condition", Select).value),
                sleeve if isinstance(sleeve, str) else None,
                price,
            )
        )
