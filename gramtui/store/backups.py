"""Backups with SQLite's online backup API: consistent even while the queue writes.

`gramtui backup` takes one now; one is taken automatically at the first start of each day; the
newest N are kept. `gramtui restore` rolls back, and first backs up the state it replaces.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gramtui.settings.paths import Paths
from gramtui.store.db import StoreError, db

PREFIX = "gramtui-"
SUFFIX = ".sqlite3"


@dataclass(frozen=True, slots=True)
class Backup:
    name: str
    path: Path
    size: int


def list_backups(paths: Paths) -> list[Backup]:
    """Newest first."""
    if not paths.backups.exists():
        return []
    files = sorted(paths.backups.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.name, reverse=True)
    return [Backup(p.name, p, p.stat().st_size) for p in files]


def take_backup(paths: Paths, *, now: datetime, keep: int = 10, tag: str = "") -> Backup:
    paths.backups.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    name = f"{PREFIX}{stamp}{'-' + tag if tag else ''}{SUFFIX}"
    target = paths.backups / name
    n = 1
    while target.exists():
        n += 1
        target = paths.backups / f"{PREFIX}{stamp}-{n}{'-' + tag if tag else ''}{SUFFIX}"
    src = db.obj.connection()
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
    prune(paths, keep)
    return Backup(target.name, target, target.stat().st_size)


def prune(paths: Paths, keep: int) -> None:
    for old in list_backups(paths)[max(1, keep) :]:
        old.path.unlink(missing_ok=True)


def daily_backup(paths: Paths, *, keep: int, now: datetime) -> Backup | None:
    """One backup per day, at the first start of that day, once there is something to keep."""
    today = now.strftime("%Y%m%d")
    latest = list_backups(paths)
    if latest and latest[0].name.startswith(f"{PREFIX}{today}"):
        return None
    has_data = db.obj.execute_sql("SELECT EXISTS(SELECT 1 FROM instance)").fetchone()[0]
    if not has_data:
        return None
    return take_backup(paths, now=now, keep=keep)


def restore(
    paths: Paths, name: str | None, *, now: datetime, keep: int = 10
) -> tuple[Backup, Backup]:
    """Roll the live database back to a backup (the newest when no name is given).

    Returns (the backup restored, the backup of the state it replaced).
    """
    available = list_backups(paths)
    if not available:
        raise StoreError(
            f"There are no backups in {paths.backups}: take one with `gramtui backup`."
        )
    if name is None:
        chosen = available[0]
    else:
        matches = [b for b in available if b.name == name or b.name.startswith(name)]
        if not matches:
            names = ", ".join(b.name for b in available[:5])
            raise StoreError(f"No backup called {name!r}. The newest are: {names}.")
        chosen = matches[0]
    check = sqlite3.connect(f"file:{chosen.path}?mode=ro", uri=True)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as e:
        ok = str(e)
    finally:
        check.close()
    if ok != "ok":
        raise StoreError(f"The backup {chosen.name} is damaged ({ok}); choose another one.")
    # Keep the state being replaced, and keep it out of pruning's way for this call.
    replaced = take_backup(paths, now=now, keep=keep + 1, tag="before-restore")
    src = sqlite3.connect(chosen.path)
    try:
        src.backup(db.obj.connection())
    finally:
        src.close()
    return chosen, replaced
