"""Enter the eBay application keys (client id and secret), kept in a 0600 file of the data
directory; the secret is typed into a password field and never shown."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from gramtui.ui.screens.form import FormScreen
from gramtui.ui.widgets.safe import Static

INTRO = (
    "Deals searches eBay with your own application keys. Make them at developer.ebay.com → "
    "Application Keys (Production), then paste the App ID (client id) and Cert ID (client "
    "secret) here. They are stored in a file only you can read; or set EBAY_CLIENT_ID and "
    "EBAY_CLIENT_SECRET instead."
)


class EbayKeysScreen(FormScreen[tuple[str, str]]):
    DEFAULT_CSS = """
    EbayKeysScreen { align: center middle; }
    """
    SUBMIT = "save"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(INTRO), classes="dialog-text")
            yield Label("Client id (App ID)")
            yield Input(id="ebay-client-id")
            yield Label("Client secret (Cert ID)")
            yield Input(password=True, id="ebay-client-secret")
            yield Static("", id="ebay-keys-message", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#ebay-client-id", Input).focus()

    def submit(self) -> None:
        client_id = self.query_one("#ebay-client-id", Input).value.strip()
        secret = self.query_one("#ebay-client-secret", Input).value.strip()
        problem = ""
        if not client_id or not secret:
            problem = "Paste both the client id and the client secret."
        elif any(c.isspace() or not c.isprintable() for c in client_id + secret):
            problem = "The keys have no spaces or line breaks: copy them again from eBay."
        if problem:
            self.query_one("#ebay-keys-message", Static).update(Text(problem, style="bold red"))
            return
        self.dismiss((client_id, secret))
