"""The app's footer: Textual's, compact, with `? Help` first so it shows at every width."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

HELP_ACTION = "help"


class KeysFooter(Footer):
    """At 80 columns a pane's keys run past the edge and Textual's footer cuts whatever comes
    last, which was the app's `? Help`. Here Help comes first (as F1 Help does in htop): the keys
    cut at the right edge are all listed in help. The compact style fits more keys."""

    DEFAULT_CSS = """
    /* Compact gives every key a right margin, the docked palette key too: the last column then
       showed a cut key beyond it. */
    KeysFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._recompose_due = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        """As Textual's, but one rebuild for any number of changes before the next frame: at
        start-up the bindings change five times in a row (mounts, focus), and each rebuild of
        the keys took 15-30 ms on the UI thread. The rebuild reads the bindings then, so the
        keys shown are the same."""
        self._bindings_ready = True
        if not screen.app.app_focus or self._recompose_due:
            return
        if self.is_attached and screen is self.screen:
            self._recompose_due = True
            self.call_after_refresh(self._recompose_now)

    async def _recompose_now(self) -> None:
        self._recompose_due = False
        await self.recompose()

    async def recompose(self) -> None:
        # Textual rebuilds the keys whenever the bindings change (focus moved, a modal opened).
        await super().recompose()
        keys = list(self.query("FooterKey"))
        for key in keys:
            if getattr(key, "action", None) == HELP_ACTION and key is not keys[0]:
                self.move_child(key, before=keys[0])
