"""Schema versions. Opening a database upgrades an older one and refuses a newer one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import peewee

import gramtui.store.models_deals as models_deals  # its own line: parallel branches merge cleanly
from gramtui.store import models as m
from gramtui.store import models_outbox, models_rules, models_sales, models_shelves, models_wants
from gramtui.store.db import StoreError, connect, db
from gramtui.store.models_calls import TABLES as CALL_TABLES
from gramtui.store.models_catalogue import compact_release_lists, create_catalogue
from gramtui.store.models_community import TABLES as COMMUNITY_TABLES
from gramtui.store.models_retained import TABLES as RETAINED_TABLES
from gramtui.store.models_runner import TABLES as RUNNER_TABLES
from gramtui.store.shelf_keys import add_shelf_keys


def _v1(database: peewee.Database) -> None:
    database.create_tables(
        [m.Meta, m.FolderRow, m.FieldRow, m.ReleaseRow, m.InstanceRow, m.SyncRun, m.Task]
    )
    # The queue's dedup rule lives in the schema: one pending task per key, however it was enqueued.
    database.execute_sql(
        "CREATE UNIQUE INDEX IF NOT EXISTS task_pending_key ON task(key) WHERE state = 'pending'"
    )
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS task_ready ON task(state, priority DESC, not_before, id)"
    )


def _v2(database: peewee.Database) -> None:
    database.create_tables([m.ListingRow, m.WantRow, m.MarketRow])


def _feature(tables: list[type[peewee.Model]]) -> Callable[[peewee.Database], None]:
    def create(database: peewee.Database) -> None:
        database.create_tables(tables)

    return create


# MIGRATIONS[i] takes a database from version i to version i + 1. Each feature owns one step
# (its tables live in store/models_<feature>.py); a later change to a feature adds a new step.
MIGRATIONS: list[Callable[[peewee.Database], None]] = [
    _v1,
    _v2,
    _feature(models_shelves.TABLES),  # v3: organisations, layout snapshots, shelf state
    _feature(models_rules.TABLES),  # v4: rule sets, classifications, move log
    _feature(models_sales.TABLES),  # v5: ladder states, price change log
    _feature(models_wants.TABLES),  # v6: want lists and entries
    _feature(models_outbox.TABLES),  # v7: the slip outbox
    _feature(CALL_TABLES),  # v8: the journal of non-idempotent Discogs calls
    _feature(RETAINED_TABLES),  # v9: app-only data of removed records, kept 90 days
    _feature(models_deals.TABLES),  # v10: eBay listings, matches, saved searches, alert outbox
    create_catalogue,  # v11: the dump catalogue, loaded dumps, master years, value
    _feature(RUNNER_TABLES),  # v12: the runner lease (one process runs the queue)
    _feature(COMMUNITY_TABLES),  # v13: the community's have/want per release (rarity)
    add_shelf_keys,  # v14: the releases' stored shelf sort keys (columns of release)
    compact_release_lists,  # v15: the catalogue's tracks and credits as JSON lists in cat_release
]
CURRENT = len(MIGRATIONS)


class SchemaTooNew(StoreError):
    pass


def schema_version(database: peewee.Database) -> int:
    row = database.execute_sql("SELECT name FROM sqlite_master WHERE name = 'meta'").fetchone()
    if row is None:
        return 0
    got = database.execute_sql("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(got[0]) if got else 0


def open_database(path: Path) -> peewee.SqliteDatabase:
    """Connect, bind every model, and bring the schema to CURRENT (in one transaction per step)."""
    database = connect(path)
    version = schema_version(database)
    if version > CURRENT:
        database.close()
        raise SchemaTooNew(
            f"{path} was written by a newer gramtui (schema {version}; this one knows up to "
            f"{CURRENT}). Upgrade gramtui, or restore an older backup with `gramtui restore`."
        )
    db.initialize(database)
    for step in range(version, CURRENT):
        with database.atomic():
            MIGRATIONS[step](database)
            m.Meta.replace(key="schema_version", value=str(step + 1)).execute()
    return database


def close_database() -> None:
    if db.obj is not None and not db.obj.is_closed():
        db.obj.close()
