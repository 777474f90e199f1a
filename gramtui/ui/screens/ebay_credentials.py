"""Entering the eBay application keys (client id and secret): written to their own file of mode
0600 in a worker, never shown again, never logged."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from gramtui.ebay.credentials import EbayCredentials, store_credentials
from gramtui.ui.background import in_thread
from gramtui.ui.screens.form import FormScreen
from gramtui.ui.widgets.safe import Static


class EbayCredentialsScreen(FormScreen[bool]):
    """Dismissed with True once the credentials are stored."""

    DEFAULT_CSS = """
    EbayCredentialsScreen { align: center middle; }
    """
    SUBMIT = "save"

    def __init__(self, where: Path) -> None:
        super().__init__()
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("eBay application keys", style="bold"), classes="dialog-text")
            yield Static(
                Text(
                    "From developer.ebay.com → Application Keysets (Production). Stored in "
                    f"{self.where}, readable by you only."
                ),
                classes="dialog-text",
            )
            yield Label("Client id (App ID)")
            yield Input(id="ebay-id")
            yield Label("Client secret (Cert ID)")
            yield Input(password=True, id="ebay-secret")
            yield Static("", id="ebay-message", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#ebay-id", Input).focus()

    def _say(self, text: str) -> None:
        self.query_one("#ebay-message", Static).update(Text(text, style="bold red"))

    def submit(self) -> None:
        client_id = self.query_one("#ebay-id", Input).value.strip()
        secret = self.query_one("#ebay-secret", Input).value.strip()
        if not client_id or not secret:
            self._say("Both are needed: the client id and the client secret.")
            return
        if any(c.isspace() for c in client_id + secret):
            self._say("Keys have no spaces: paste them again, one per field.")
            return
        where = self.where
        in_thread(
            self,
            lambda: store_credentials(where, EbayCredentials(client_id, secret)),
            lambda _: self.dismiss(True),
            what="Saving the eBay keys",
            group="ebay-credentials",
            failed=self._say,
        )
