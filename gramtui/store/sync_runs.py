"""A sync run's row by prepared statements: a sync reads and writes its progress for every page
it stores, and peewee's query building cost more than that bookkeeping itself."""

from __future__ import annotations

import json
from typing import Any

from gramtui.store.db import db
from gramtui.store.model_rows import ModelRows
from gramtui.store.models import SyncRun

_ROWS = ModelRows(SyncRun)
_GET = f"SELECT {_ROWS.columns} FROM sync_run WHERE id = ?"
_encode = json.JSONEncoder().encode  # json.dumps' defaults, as JSONField encodes


def get(run_id: int) -> SyncRun:
    """The run (SyncRun.get_by_id, and like it raising SyncRun.DoesNotExist when there is none)."""
    row = db.execute_sql(_GET, (run_id,)).fetchone()
    if row is None:
        raise SyncRun.DoesNotExist(f"no sync run {run_id}")
    return _ROWS.build(row)


def save_progress(run: SyncRun, progress: dict[str, Any]) -> None:
    """The run's progress set and stored (its other columns as they are in the row); stored as
    JSONField stores it, json() of json.dumps."""
    run.progress = progress
    run._dirty.discard("progress")
    db.execute_sql(
        "UPDATE sync_run SET progress = json(?) WHERE id = ?", (_encode(progress), run.id)
    )
