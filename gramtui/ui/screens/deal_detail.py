"""One deal in full: the eBay listing, why it matched which Discogs release, what it is worth
and how that was found. Every string from eBay is data (shown, never obeyed as markup)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from gramtui.engine.deals import DealLine
from gramtui.ui.widgets.safe import Static

DISCOGS = "https://www.discogs.com"


def discogs_url(deal: DealLine) -> str:
    if deal.release_id is not None:
        return f"{DISCOGS}/release/{deal.release_id}"
    return f"{DISCOGS}/master/{deal.master_id}"


def cost_text(deal: DealLine) -> str:
    shipping = f" + {deal.shipping}" if deal.shipping is not None else " + shipping at checkout"
    return f"{deal.price}{shipping} {deal.currency}"


def score_text(deal: DealLine) -> str:
    if deal.score is None:
        return deal.score_note or "not comparable"
    return f"{float(deal.score) * 100:+.0f}% under worth"


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at else "unknown"


def describe(deal: DealLine) -> Text:
    out = Text()
    out.append("\neBay listing\n", style="bold underline")
    out.append(deal.title + "\n", style="bold")
    out.append(f"Price      {cost_text(deal)}\n")
    out.append(f"Seller     {deal.seller or 'unknown'}")
    if deal.feedback_percent or deal.feedback_score is not None:
        out.append(f" ({deal.feedback_percent or '?'}% of {deal.feedback_score or 0} ratings)")
    out.append(f"\nListed     {_when(deal.listed_at)} · first seen {_when(deal.first_seen)}\n")
    out.append(f"Address    {deal.url}\n\n")
    out.append("Why it matched\n", style="bold underline")
    target = (
        f"release {deal.release_id}" if deal.release_id is not None else f"master {deal.master_id}"
    )
    out.append(f"Discogs    {target} · {discogs_url(deal)}\n")
    out.append(f"Method     {deal.method}, confidence {deal.confidence:.2f}\n")
    out.append(f"Reason     {deal.reason or '—'}\n\n")
    out.append("Worth\n", style="bold underline")
    worth = f"{deal.worth} {deal.currency}" if deal.worth else "not known yet"
    out.append(f"Worth      {worth} ({deal.worth_source or 'no source yet'})\n")
    out.append(f"Condition  {deal.grade or 'unknown'}\n")
    out.append(f"Score      {score_text(deal)}")
    if deal.band:
        out.append(f" · {deal.band} deal", style="bold green" if deal.band == "high" else "green")
    flags = [f for f, on in (("alerted", deal.alerted), ("bought", deal.bought)) if on]
    if flags:
        out.append(f"\nFlags      {', '.join(flags)}")
    return out


class DealDetailScreen(ModalScreen[str | None]):
    """Dismissed with "open" when the user asks for the listing in the browser."""

    DEFAULT_CSS = """
    DealDetailScreen { align: center middle; }
    DealDetailScreen .dialog { width: 100; }
    DealDetailScreen VerticalScroll { height: auto; max-height: 70vh; }
    """
    BINDINGS = [
        Binding("o", "open", "Open listing"),
        Binding("escape,enter,q", "close", "Close"),
    ]

    def __init__(self, deal: DealLine) -> None:
        super().__init__()
        self.deal = deal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text("o opens the listing in the browser · Esc closes", style="italic dim")
            )
            with VerticalScroll():
                yield Static(describe(self.deal), id="deal-detail-text")

    def action_open(self) -> None:
        self.dismiss("open")

    def action_close(self) -> None:
        self.dismiss(None)
