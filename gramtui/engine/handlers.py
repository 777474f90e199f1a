"""Every task kind the runner knows, in one registry, and what runs after each sync."""

from __future__ import annotations

from gramtui.engine import (
    community_tasks,
    deals,
    insight_tasks,
    moves,
    record_actions,
    rules,
    sales,
    sync,
    wants,
)
from gramtui.engine.context import AfterSync, Engine
from gramtui.engine.runner import Handler
from gramtui.store.models import SyncRun

ALL: dict[str, Handler] = {
    **sync.HANDLERS,
    **wants.HANDLERS,
    **sales.HANDLERS,
    **rules.HANDLERS,
    **deals.HANDLERS,
    **insight_tasks.HANDLERS,
    **record_actions.HANDLERS,
    **community_tasks.HANDLERS,
}


def _wants_pass(engine: Engine, run: SyncRun) -> None:
    # A pass over a partly read wantlist would take missing wants for wants removed by hand.
    if sync.completed(run, "wants"):
        wants.run_pass(engine)


def after_sync_hooks() -> list[AfterSync]:
    """What runs after each finished sync; the session puts it in its engine when it opens.
    Order matters: rules may queue folder moves before the layouts and their slips are prepared."""
    return [
        rules.after_sync,
        moves.after_sync,
        _wants_pass,
        sales.after_sync,
        insight_tasks.after_sync,
        community_tasks.after_sync,
    ]
