"""Things a test run builds once, however many pytest-xdist workers ask for them.

A session-scoped fixture runs once per worker: the sample collection synced over loopback (about
3 s of CPU) was synced by each worker for each test folder that needs it. Here the first worker
to ask builds it under a lock in the run's shared temporary folder; the others wait for it and
use the same files (read-only: each test copies what it changes)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """The folder `name`, filled by `build(folder)` once for the whole run."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the workers' basetemps are siblings in the run's folder
    folder, done = root / f"once-{name}", root / f"once-{name}.done"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build that failed half-way
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def served_by(database: Path, url: str) -> None:
    """A copy synced from another sandbox holding the same account: `url` is that server now
    (for a new server the app forgets whose account it holds and asks Discogs again)."""
    with contextlib.closing(sqlite3.connect(database)) as con, con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'base_url'", (url.rstrip("/"),))
