"""Waiting for the app's workers in Pilot tests, and reading what a screen shows."""

from __future__ import annotations

from helpers.settle import settle as settle

from gramtui.engine.setup import Session
from gramtui.ui.app import GramtuiApp
from gramtui.ui.screens.record_detail import RecordDetailScreen
from gramtui.ui.widgets.safe import Static


def shown(screen: RecordDetailScreen) -> str:
    """The detail screen's text as the user reads it."""
    return "\n".join(
        str(screen.query_one(f"#{part}", Static).render())
        for part in ("record-release", "record-copy")
    )


def app_on(session: Session) -> GramtuiApp:
    return GramtuiApp(session, start_runner=False, initial_sync=None, poll_interval=3600)
