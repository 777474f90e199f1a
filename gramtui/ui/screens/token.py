"""First start without a token: ask for it, check it with Discogs, keep it safely."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from gramtui.discogs.secret import token_advice, token_problem
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

    @work(thread=True, exclusive=True)
    def _verify(self, token: str) -> None:
        from gramtui.discogs.errors import DiscogsError, Unauthorized
        from gramtui.engine.account import sign_in

        try:
            identity = sign_in(self.app.session, token)  # type: ignore[attr-defined]
        except Unauthorized as e:  # its general message speaks of DISCOGS_TOKEN: not here
            self.app.call_from_thread(
                self._refused,
                f"Discogs refused this token ({e.status}): copy it again from "
                "discogs.com → Settings → Developers, or generate a new one.",
            )
            return
        except DiscogsError as e:
            self.app.call_from_thread(self._refused, str(e))
            return
        self.app.call_from_thread(self.dismiss, identity.username)

    def _refused(self, reason: str) -> None:
        self.query_one("#token-message", Static).update(Text(reason, style="bold red"))
        self.query_one("#save", Button).disabled = False
        self.query_one(Input).focus()
