"""A database whose catalogue kept tracks and credits as rows (`cat_release_track` and
`cat_release_artist` tables, schema 14) is upgraded: they move into JSON lists in `cat_release`
and the same rows read through the views of the same names."""

from __future__ import annotations

import json
from pathlib import Path

from gramtui.store import schema
from gramtui.store.db import connect
from gramtui.store.db import db as proxy
from gramtui.store.schema import CURRENT, close_database, open_database, schema_version

_OLD_TRACK_TABLE = (
    "CREATE TABLE cat_release_track (release_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "track TEXT NOT NULL, title TEXT NOT NULL, duration TEXT NOT NULL, seconds INTEGER)"
)
_OLD_ARTIST_TABLE = (
    "CREATE TABLE cat_release_artist (release_id INTEGER NOT NULL, position INTEGER NOT NULL, "
    "extra INTEGER NOT NULL, artist_id INTEGER, name TEXT NOT NULL, anv TEXT NOT NULL, "
    '"join" TEXT NOT NULL, role TEXT NOT NULL, tracks TEXT NOT NULL)'
)
_CREDITS = [  # (release_id, position, extra, artist_id, name, anv, join, role, tracks)
    (1, 1, 0, None, "Sänger", "", "", "", ""),
    (1, 0, 0, 7, "The Band", "Band", " & ", "", ""),
    (1, 0, 1, 9, 'Mr. "Mix"', "", "", "Remix", "A2"),
    (2, 0, 0, 8, "Solo", "", "", "", ""),
]
_TRACKS = [  # (release_id, position, track, title, duration, seconds), written out of order
    (2, 1, "B", "Zwei", "", None),
    (1, 1, "A2", 'Say "Hi" & <go>', "1:02:03", 3723),
    (1, 0, "A1", "Één", "4:45", 285),
    (2, 0, "A", "Eins", "3:00", 180),
]


def _version_14_database(path: Path) -> None:
    """The catalogue as schema 14 had it: no JSON lists in cat_release, tables of their rows."""
    database = connect(path)
    proxy.initialize(database)
    for step in schema.MIGRATIONS[:14]:
        step(database)
    database.execute_sql("INSERT INTO meta(key, value) VALUES ('schema_version', '14')")
    for view in ("cat_release_track", "cat_release_artist"):
        database.execute_sql(f"DROP VIEW {view}")
    for column in ("tracks", "artists", "extraartists"):
        database.execute_sql(f"ALTER TABLE cat_release DROP COLUMN {column}")
    database.execute_sql(_OLD_TRACK_TABLE)
    database.execute_sql(_OLD_ARTIST_TABLE)
    for rid in (1, 2, 3):
        database.execute_sql(
            "INSERT INTO cat_release VALUES (?, 'Accepted', ?, 'UK', '1999', 1999, NULL, 0, "
            "'Correct', '', 'An Artist', 'CAT 1')",
            (rid, f"Release {rid}"),
        )
    database.connection().executemany(
        "INSERT INTO cat_release_track VALUES (?, ?, ?, ?, ?, ?)", _TRACKS
    )
    database.connection().executemany(
        "INSERT INTO cat_release_artist VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _CREDITS
    )
    database.close()


def test_track_and_credit_rows_move_into_the_release_and_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _version_14_database(path)
    db = open_database(path)
    try:
        assert schema_version(db) == CURRENT
        kinds = db.execute_sql(
            "SELECT name, type FROM sqlite_master WHERE name LIKE 'cat_release_%' AND type != 'index'"
        )
        assert {"cat_release_track": "view", "cat_release_artist": "view"}.items() <= dict(
            kinds.fetchall()
        ).items()
        rows = db.execute_sql(
            "SELECT * FROM cat_release_track ORDER BY release_id, position"
        ).fetchall()
        assert rows == sorted(_TRACKS)
        credits = db.execute_sql(
            "SELECT * FROM cat_release_artist ORDER BY release_id, extra, position"
        ).fetchall()
        assert credits == sorted(_CREDITS, key=lambda c: (c[0], c[2], c[1]))
        detail = db.execute_sql(  # as the record detail asks (store/catalogue_read.py)
            'SELECT name, anv, "join", role, artist_id, extra FROM cat_release_artist '
            "WHERE release_id = 1 ORDER BY extra, position"
        ).fetchall()
        assert [d[0] for d in detail] == ["The Band", "Sänger", 'Mr. "Mix"']
        stored = dict(db.execute_sql("SELECT id, tracks FROM cat_release").fetchall())
        artists = dict(db.execute_sql("SELECT id, artists FROM cat_release").fetchall())
        assert json.loads(artists[1]) == [
            [7, "The Band", "Band", " & ", "", ""],
            [None, "Sänger", "", "", "", ""],
        ]
        assert json.loads(stored[1]) == [
            ["A1", "Één", "4:45", 285],
            ["A2", 'Say "Hi" & <go>', "1:02:03", 3723],
        ]
        assert stored[3] == "[]"  # a release without tracks
    finally:
        close_database()
