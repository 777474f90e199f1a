"""Every task kind the runner knows, in one registry, and what runs after each sync.

The registry names each handler as "module:function" and imports its module when a task of that
kind first runs: a command that runs no task (classify, records, --help) imports none of them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from gramtui.engine.queue import WHILE_RUNNING

if TYPE_CHECKING:
    from collections.abc import Callable

    from gramtui.engine.context import AfterSync, Engine
    from gramtui.engine.runner import Handler
    from gramtui.store.models import SyncRun


@cache
def _resolve(target: str) -> Callable[..., None]:
    module, _, name = target.partition(":")
    fn: Callable[..., None] = getattr(importlib.import_module(module), name)
    return fn


@dataclass(frozen=True, slots=True)
class Lazy:
    """A handler or hook named by "module:function", imported on its first call. Two are equal
    when they name the same function (sessions compare their hooks)."""

    target: str

    def __call__(self, *args: object) -> None:
        _resolve(self.target)(*args)

    def resolve(self) -> Callable[..., None]:
        return _resolve(self.target)


_E = "gramtui.engine."

# kind -> "module:function"; tests/engine/test_handlers_lazy.py checks it against each HANDLERS.
TABLE: dict[str, str] = {
    "sync.start": _E + "sync:handle_start",
    "sync.folders": _E + "sync:handle_folders",
    "sync.fields": _E + "sync:handle_fields",
    "sync.page": _E + "sync:handle_page",
    "market.suggestions": _E + "sync:handle_suggestions",
    "market.stats": _E + "sync:handle_stats",
    "want.set": _E + "wants:handle_set",
    "want.master": _E + "wants:handle_master",
    "price.set": _E + "sales:handle_price_set",
    "listing.create": _E + "sales:handle_create_listing",
    "sales.replan": _E + "sales:handle_replan",
    "move.folder": _E + "rules:handle_move",
    "deals.search": _E + "deals:handle_search",
    "deals.worth": _E + "deals_worth:handle_worth",
    "deals.lookup": _E + "deals_catalogue:handle_lookup",
    "deals.alerts": _E + "deals_alerts:handle_send",
    "master.year": _E + "insight_tasks:handle_master",
    "collection.value": _E + "insight_tasks:handle_value",
    "record.rating": _E + "record_actions:handle_rating",
    "record.field": _E + "record_actions:handle_field",
    "release.community": _E + "community_tasks:handle_community",
}

ALL: dict[str, Handler] = {kind: Lazy(target) for kind, target in TABLE.items()}

# Done while the app runs, not by `gramtui sync`. Their modules say so too, but are imported only
# when such a task runs: a `gramtui sync` would otherwise take them for its own.
WHILE_RUNNING.update(("release.community", "master.year", "collection.value"))


def _wants_pass(engine: Engine, run: SyncRun) -> None:
    from gramtui.engine import sync, wants

    # A pass over a partly read wantlist would take missing wants for wants removed by hand.
    if sync.completed(run, "wants"):
        wants.run_pass(engine)


def after_sync_hooks() -> list[AfterSync]:
    """What runs after each finished sync; the session puts it in its engine when it opens.
    Order matters: rules may queue folder moves before the layouts and their slips are prepared."""
    return [
        Lazy(_E + "rules:after_sync"),
        Lazy(_E + "moves:after_sync"),
        _wants_pass,
        Lazy(_E + "sales:after_sync"),
        Lazy(_E + "insight_tasks:after_sync"),
        Lazy(_E + "community_tasks:after_sync"),
    ]
