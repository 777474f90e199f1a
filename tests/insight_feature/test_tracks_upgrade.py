"""A database whose catalogue kept tracks as rows (`cat_release_track` a table, schema 14) is
upgraded: the tracks move into `cat_release.tracks` and the same rows read through the view."""

from __future__ import annotations

import json
from pathlib import Path

from gramtui.store import schema
from gramtui.store.schema import CURRENT, close_database, open_database, schema_version

_OLD_TRACK_TABLE = (
    "CREATE TABLE cat_release_track (release_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "track TEXT NOT NULL, title TEXT NOT NULL, duration TEXT NOT NULL, seconds INTEGER)"
)
_TRACKS = [  # (release_id, position, track, title, duration, seconds), written out of order
    (2, 1, "B", "Zwei", "", None),
    (1, 1, "A2", 'Say "Hi" & <go>', "1:02:03", 3723),
    (1, 0, "A1", "Één", "4:45", 285),
    (2, 0, "A", "Eins", "3:00", 180),
]


def _version_14_database(path: Path) -> None:
    """The catalogue as schema 14 had it: no tracks column, a table of track rows."""
    db = schema.connect(path)
    schema.db.initialize(db)
    for step in schema.MIGRATIONS[:14]:
        step(db)
    db.execute_sql("INSERT INTO meta(key, value) VALUES ('schema_version', '14')")
    db.execute_sql("DROP VIEW cat_release_track")
    db.execute_sql("ALTER TABLE cat_release DROP COLUMN tracks")
    db.execute_sql(_OLD_TRACK_TABLE)
    for rid in (1, 2, 3):
        db.execute_sql(
            "INSERT INTO cat_release VALUES (?, 'Accepted', ?, 'UK', '1999', 1999, NULL, 0, "
            "'Correct', '', 'An Artist', 'CAT 1')",
            (rid, f"Release {rid}"),
        )
    db.connection().executemany("INSERT INTO cat_release_track VALUES (?, ?, ?, ?, ?, ?)", _TRACKS)
    db.close()


def test_tracks_rows_move_into_the_release_and_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _version_14_database(path)
    db = open_database(path)
    try:
        assert schema_version(db) == CURRENT
        kind = db.execute_sql("SELECT type FROM sqlite_master WHERE name = 'cat_release_track'")
        assert kind.fetchone()[0] == "view"
        rows = db.execute_sql(
            "SELECT * FROM cat_release_track ORDER BY release_id, position"
        ).fetchall()
        assert rows == sorted(_TRACKS)
        stored = dict(db.execute_sql("SELECT id, tracks FROM cat_release").fetchall())
        assert json.loads(stored[1]) == [
            ["A1", "Één", "4:45", 285],
            ["A2", 'Say "Hi" & <go>', "1:02:03", 3723],
        ]
        assert stored[3] == "[]"  # a release without tracks
    finally:
        close_database()
