"""Asking before a full sync removes a large share of a category (engine/removals.py holds it)."""

from __future__ import annotations

import logging

from textual.app import App

from gramtui.engine import removals
from gramtui.engine.context import Engine
from gramtui.engine.sync import apply_held_removals
from gramtui.ui.background import in_thread
from gramtui.ui.screens.confirm import ConfirmScreen

log = logging.getLogger("gramtui.ui")


def question(held: tuple[str, ...]) -> str:
    return (
        "The last full sync did not find these on Discogs:\n  "
        + "\n  ".join(held)
        + "\nRemove them here too? Widths and sizes set in gramtui are kept for 90 days in case "
        "they come back. (n: keep them; the next full sync asks again)"
    )


def ask(app: App[None], engine: Engine, held: tuple[str, ...]) -> None:
    """One question for the held removals; the answer is carried out off the UI thread."""

    def settle(remove: bool) -> str:
        if remove:
            done = apply_held_removals(engine)
            text = ", ".join(f"{n} {removals.NOUNS.get(c, c)}" for c, n in done.items())
            return f"Removed {text or 'nothing'}."
        removals.clear()
        return "Kept them; the next full sync asks again."

    def answer(remove: bool | None) -> None:
        # A failure is logged and told; the question comes back after the next sync.
        in_thread(
            app,
            lambda: settle(bool(remove)),
            app.notify,
            what="Settling the held removals",
            group="removals",
            exclusive=False,
        )

    app.push_screen(ConfirmScreen(question(held)), answer)
