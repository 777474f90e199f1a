"""The app's footer: Textual's, compact, with `? Help` first so it shows at every width."""

from __future__ import annotations

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

    async def recompose(self) -> None:
        # Textual rebuilds the keys whenever the bindings change (focus moved, a modal opened).
        await super().recompose()
        keys = list(self.query("FooterKey"))
        for key in keys:
            if getattr(key, "action", None) == HELP_ACTION and key is not keys[0]:
                self.move_child(key, before=keys[0])
