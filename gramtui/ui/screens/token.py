"""First start without a token: ask for it, check it with Discogs, keep it safely."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from gramtui.discogs.models import Identity
from gramtui.discogs.secret import token_advice, token_problem
from gramtui.ui.background import in_thread
from gramtui.ui.widgets.safe import Static

INTRO = (
    "Welcome to gramtui.\n\n"
    "To read your collection, gramtui needs a Discogs personal access token. Make one at\n"
    "discogs.com → Settings → Developers → Generate new token, and paste it here.\n"
    "It is checked with Discogs, then stored in a file only you can read (or set DISCOGS_TOKEN).\n"
    "No account? Quit (Ctrl+Q) and run `gramtui --demo`."
)


class TokenScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss_none", "Later")]

    def __init__(self, sign_in: Callable[[str], Identity]) -> None:
        """`sign_in(token)`: checks the token with Discogs and keeps it (the app's session)."""
        super().__init__()
        self.sign_in = sign_in

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(INTRO), classes="dialog-text")
            yield Input(placeholder="Discogs token", password=True, id="token-input")
            yield Static("", id="token-message", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Check and save", id="save", variant="primary")
                yield Button("Later", id="later")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self) -> None:
        self._check()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._check()
        else:
            self.dismiss(None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def _check(self) -> None:
        token = self.query_one(Input).value.strip()
        message = self.query_one("#token-message", Static)
        if not token:
            message.update(Text("Paste a token first.", style="bold red"))
            return
        problem = token_problem(token)
        if problem is not None:  # said without showing the token, and nothing is sent
            message.update(Text(token_advice(problem, "typed in"), style="bold red"))
            return
        message.update(Text("Checking with Discogs…", style="italic"))
        self.query_one("#save", Button).disabled = True
        self._verify(token)

    def _verify(self, token: str) -> None:
        from gramtui.discogs.errors import DiscogsError, Unauthorized

        sign_in = self.sign_in

        def verify() -> tuple[str | None, str]:
            try:
                return sign_in(token).username, ""
            except Unauthorized as e:  # its general message speaks of DISCOGS_TOKEN: not here
                return None, (
                    f"Discogs refused this token ({e.status}): copy it again from "
                    "discogs.com → Settings → Developers, or generate a new one."
                )
            except DiscogsError as e:
                return None, str(e)

        def verified(outcome: tuple[str | None, str]) -> None:
            username, refused = outcome
            if username is None:
                self._refused(refused)
            else:
                self.dismiss(username)

        in_thread(
            self, verify, verified, what="Checking the token", group="verify", failed=self._refused
        )

    def _refused(self, reason: str) -> None:
        self.query_one("#token-message", Static).update(Text(reason, style="bold red"))
        self.query_one("#save", Button).disabled = False
        self.query_one(Input).focus()
