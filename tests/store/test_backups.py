import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gramtui.settings.paths import Paths
from gramtui.store import backups
from gramtui.store.db import StoreError
from gramtui.store.models import FolderRow
from gramtui.store.schema import close_database, open_database

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


@pytest.fixture
def paths(tmp_path: Path):
    p = Paths(tmp_path / "data", tmp_path / "c.toml")
    p.ensure()
    open_database(p.database)
    yield p
    close_database()


def test_backup_restore_round_trip_keeps_replaced_state(paths: Paths) -> None:
    FolderRow.create(id=1, name="Before", count=1)
    first = backups.take_backup(paths, now=NOW)
    FolderRow.update(name="After").execute()
    restored, replaced = backups.restore(paths, first.name, now=NOW + timedelta(minutes=1))
    assert restored.name == first.name
    assert FolderRow.get_by_id(1).name == "Before"
    con = sqlite3.connect(replaced.path)
    assert con.execute("SELECT name FROM folder").fetchone()[0] == "After"
    con.close()


def test_keeps_only_the_newest_n(paths: Paths) -> None:
    for i in range(6):
        backups.take_backup(paths, now=NOW + timedelta(hours=i), keep=3)
    names = [b.name for b in backups.list_backups(paths)]
    assert len(names) == 3 and names[0].startswith("gramtui-20261122-130000")


def test_daily_backup_once_per_day_and_only_with_data(paths: Paths) -> None:
    assert backups.daily_backup(paths, keep=5, now=NOW) is None  # nothing to keep yet
    from gramtui.store.models import InstanceRow, ReleaseRow

    ReleaseRow.create(id=1, title="t")
    InstanceRow.create(id=1, release=1, folder_id=1)
    assert backups.daily_backup(paths, keep=5, now=NOW) is not None
    assert backups.daily_backup(paths, keep=5, now=NOW + timedelta(hours=2)) is None
    assert backups.daily_backup(paths, keep=5, now=NOW + timedelta(days=1)) is not None


def test_restore_errors_are_clear(paths: Paths) -> None:
    with pytest.raises(StoreError, match="no backups"):
        backups.restore(paths, None, now=NOW)
    backups.take_backup(paths, now=NOW)
    with pytest.raises(StoreError, match="No backup called 'nope'"):
        backups.restore(paths, "nope", now=NOW)
