"""A small form of money amounts for one listing: its floor, or its own market median and low.
An empty field means "none of my own" (the configured or Discogs's figure applies)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from gramtui.domain.money import AmountError, Money, NotFiniteError, parse_decimal
from gramtui.settings.config import MAX_AMOUNT
from gramtui.ui.screens.form import FormScreen
from gramtui.ui.widgets.safe import Static


@dataclass(frozen=True, slots=True)
class MoneyField:
    key: str
    label: str
    value: Money | None


def parse_amount(text: str, currency: str, what: str) -> Money | None:
    """ "12.50" -> Money; "" -> None; anything else a ValueError saying what to type."""
    text = text.strip().removesuffix(currency).strip()
    if not text:
        return None
    try:
        amount = parse_decimal(text.replace(",", "."))
    except NotFiniteError:
        amount = Decimal(0)  # NaN or infinite: refused below like any amount not above zero
    except AmountError:
        raise ValueError(f"The {what} {text!r} is not an amount; type it like 12.50.") from None
    if amount <= 0:
        raise ValueError(f"The {what} must be above zero; leave it empty for none.")
    if amount > MAX_AMOUNT:  # 1e30 would not even round to the cent
        raise ValueError(f"The {what} must be at most {MAX_AMOUNT:,} {currency}.")
    return Money.from_value(amount, currency)


class SalesMoneyScreen(FormScreen[dict[str, Money | None]]):
    DEFAULT_CSS = """
    SalesMoneyScreen { align: center middle; }
    """
    SUBMIT = "save"

    def __init__(self, title: str, fields: list[MoneyField], currency: str) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.currency = currency

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-text")
            for field in self.fields:
                yield Label(Text(f"{field.label}, in {self.currency}"))
                yield Input(
                    value=f"{field.value.decimal:.2f}" if field.value else "",
                    placeholder="empty: none of my own",
                    id=f"money-{field.key}",
                )
            yield Static("", id="money-message", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#money-{self.fields[0].key}", Input).focus()

    def submit(self) -> None:
        values: dict[str, Money | None] = {}
        for field in self.fields:
            text = self.query_one(f"#money-{field.key}", Input).value
            try:
                values[field.key] = parse_amount(text, self.currency, field.key)
            except ValueError as e:
                self.query_one("#money-message", Static).update(Text(str(e), style="bold red"))
                return
        self.dismiss(values)
