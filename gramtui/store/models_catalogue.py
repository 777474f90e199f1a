"""Tables of the Insight feature: the catalogue read from the Discogs dumps, and what was loaded.

The catalogue tables are plain SQL (written with executemany on the raw connection, read with
SQL): `CATALOGUE` maps each dump kind to the DDL of its tables, with `{t}` standing for the table
prefix (`cat_` for the live tables, `stage_` while an ingest fills a fresh copy). Their indexes
are built after the rows are in (`INDEXES`), which is faster than keeping them up to date.
"""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.store.db import db
from gramtui.store.fields import UtcDateTimeField

CATALOGUE: dict[str, dict[str, str]] = {
    "releases": {
        "release": "id INTEGER PRIMARY KEY, status TEXT NOT NULL, title TEXT NOT NULL, "
        "country TEXT NOT NULL, released TEXT NOT NULL, year INTEGER, master_id INTEGER, "
        "is_main_release INTEGER NOT NULL, data_quality TEXT NOT NULL, notes TEXT NOT NULL, "
        "artist TEXT NOT NULL, catno TEXT NOT NULL, "
        # JSON lists, read through VIEWS: [[track, title, duration, seconds], …] and, for the
        # main and the extra credits, [[artist_id, name, anv, join, role, tracks], …]
        "tracks TEXT NOT NULL, artists TEXT NOT NULL, extraartists TEXT NOT NULL",
        "release_label": "release_id INTEGER NOT NULL, position INTEGER NOT NULL, "
        "label_id INTEGER, name TEXT NOT NULL, catno TEXT NOT NULL, catno_norm TEXT NOT NULL",
        "release_series": "release_id INTEGER NOT NULL, position INTEGER NOT NULL, "
        "series_id INTEGER, name TEXT NOT NULL, number TEXT NOT NULL",
        "release_format": "release_id INTEGER NOT NULL, position INTEGER NOT NULL, "
        "name TEXT NOT NULL, qty INTEGER NOT NULL, text TEXT NOT NULL, "
        "descriptions TEXT NOT NULL",  # JSON list
        "release_identifier": "release_id INTEGER NOT NULL, type TEXT NOT NULL, "
        "description TEXT NOT NULL, value TEXT NOT NULL, value_norm TEXT NOT NULL",
        "release_genre": "release_id INTEGER NOT NULL, genre TEXT NOT NULL",
        "release_style": "release_id INTEGER NOT NULL, style TEXT NOT NULL",
    },
    "masters": {
        "master": "id INTEGER PRIMARY KEY, main_release INTEGER, year INTEGER, "
        "title TEXT NOT NULL, data_quality TEXT NOT NULL, artist TEXT NOT NULL",
        "master_artist": "master_id INTEGER NOT NULL, position INTEGER NOT NULL, "
        'artist_id INTEGER, name TEXT NOT NULL, anv TEXT NOT NULL, "join" TEXT NOT NULL',
        "master_genre": "master_id INTEGER NOT NULL, genre TEXT NOT NULL",
        "master_style": "master_id INTEGER NOT NULL, style TEXT NOT NULL",
    },
    "artists": {
        "artist": "id INTEGER PRIMARY KEY, name TEXT NOT NULL, realname TEXT NOT NULL, "
        "profile TEXT NOT NULL, data_quality TEXT NOT NULL, "
        "aliases TEXT NOT NULL, namevariations TEXT NOT NULL",  # JSON lists
    },
    "labels": {
        "label": "id INTEGER PRIMARY KEY, name TEXT NOT NULL, profile TEXT NOT NULL, "
        "data_quality TEXT NOT NULL, parent_id INTEGER, parent_name TEXT NOT NULL",
    },
}

# Contentless full-text index of releases (rowid = release id): artist, title, catalogue numbers.
FTS = "fts"
FTS_DDL = "CREATE VIRTUAL TABLE {t}fts USING fts5(artist, title, catno, content='')"

# Only what the app's queries look up: a release's parts by its id. (Matching by catalogue number
# or barcode is done in the Deals catalogue, which has its own indexes; the other lookups would
# cost the ingest 7 µs a release for no reader: measured with tests/bench/bench_dump.py.)
INDEXES: dict[str, list[tuple[str, str]]] = {
    "releases": [
        ("release_label", "release_id"),
        ("release_series", "release_id"),
        ("release_format", "release_id"),
        ("release_identifier", "release_id"),
        ("release_genre", "release_id"),
        ("release_style", "release_id"),
    ],
    "masters": [
        ("master_artist", "master_id"),
        ("master_genre", "master_id"),
        ("master_style", "master_id"),
    ],
    "artists": [],
    "labels": [],
}


# A release's tracks and credits are JSON lists in its `cat_release` row, not ~15 rows of two
# tables: nothing looks them up row by row but the record detail (one release's) and scope
# `collection`'s artist ids, and those rows were over half the rows an ingest wrote (their
# inserts, indexes and marshalling cost ~35 µs of a release's CPU; tests/bench/bench_dump_costs.py).
# `cat_release_track` and `cat_release_artist`, documented for `gramtui sql`, stay as views over
# the lists, with the columns they had as tables.
def _credits(extra: int, column: str) -> str:
    fields = ("artist_id", "name", "anv", '"join"', "role", "tracks")
    values = ", ".join(f"json_extract(a.value, '$[{i}]') AS {f}" for i, f in enumerate(fields))
    return (
        f"SELECT r.id AS release_id, a.key AS position, {extra} AS extra, {values} "
        f"FROM {{t}}release AS r, json_each(r.{column}) AS a"
    )


VIEWS: dict[str, dict[str, str]] = {
    "releases": {
        "release_track": "SELECT r.id AS release_id, t.key AS position, "
        "json_extract(t.value, '$[0]') AS track, json_extract(t.value, '$[1]') AS title, "
        "json_extract(t.value, '$[2]') AS duration, json_extract(t.value, '$[3]') AS seconds "
        "FROM {t}release AS r, json_each(r.tracks) AS t",
        "release_artist": f"{_credits(0, 'artists')} UNION ALL {_credits(1, 'extraartists')}",
    },
}

LIVE = "cat_"
STAGE = "stage_"


def create_statements(kind: str, prefix: str) -> list[str]:
    out = [f"CREATE TABLE {prefix}{name} ({cols})" for name, cols in CATALOGUE[kind].items()]
    if kind == "releases":
        out.append(FTS_DDL.format(t=prefix))
    return out


def table_names(kind: str, prefix: str) -> list[str]:
    names = [prefix + name for name in CATALOGUE[kind]]
    return [*names, prefix + FTS] if kind == "releases" else names


def view_statements(kind: str) -> list[str]:
    """The live views of a kind (made after its tables are swapped in: see catalogue.finish)."""
    return [
        f"CREATE VIEW {LIVE}{name} AS {select.format(t=LIVE)}"
        for name, select in VIEWS.get(kind, {}).items()
    ]


def drop_view_statements(kind: str) -> list[str]:
    return [f"DROP VIEW IF EXISTS {LIVE}{name}" for name in VIEWS.get(kind, {})]


def index_statements(kind: str) -> list[str]:
    return [
        f"CREATE INDEX {LIVE}{table}_{column} ON {LIVE}{table}({column})"
        for table, column in INDEXES[kind]
    ]


class _Base(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False


class DumpRow(_Base):
    """Which dump of each kind the catalogue holds, and when it was loaded."""

    kind = peewee.TextField(primary_key=True)  # releases | masters | artists | labels
    date = peewee.TextField()  # the dump's date ("2020-08-06"), "" when its name had none
    file = peewee.TextField()
    scope = peewee.TextField()  # collection | all
    seen = peewee.IntegerField()  # records in the file
    stored = peewee.IntegerField()
    skipped = peewee.IntegerField()
    skipped_examples = JSONField(default=list)  # [[record id or null, byte offset, reason], ...]
    loaded_at = UtcDateTimeField()
    seconds = peewee.FloatField()

    class Meta:
        table_name = "cat_dump"


class MasterYearRow(_Base):
    """A master's year as the API told it (`GET /masters/{id}`), for users without a dump."""

    master_id = peewee.IntegerField(primary_key=True)
    year = peewee.IntegerField(null=True)
    fetched_at = UtcDateTimeField()

    class Meta:
        table_name = "master_year"


class CollectionValueRow(_Base):
    """Discogs' estimate of the collection's value, once a day (as the API formats it)."""

    day = peewee.DateField(primary_key=True)
    minimum = peewee.TextField()
    median = peewee.TextField()
    maximum = peewee.TextField()
    fetched_at = UtcDateTimeField()

    class Meta:
        table_name = "collection_value"


TABLES: list[type[peewee.Model]] = [DumpRow, MasterYearRow, CollectionValueRow]


def create_catalogue(database: peewee.Database) -> None:
    """The migration step: the bookkeeping tables and empty catalogue tables of every kind."""
    database.create_tables(TABLES)
    for kind in CATALOGUE:
        for statement in create_statements(kind, LIVE):
            database.execute_sql(statement)
        for statement in index_statements(kind):
            database.execute_sql(statement)
        for statement in view_statements(kind):
            database.execute_sql(statement)


def compact_release_lists(database: peewee.Database) -> None:
    """Schema step: the tracks and the credits of each release move from the `cat_release_track`
    and `cat_release_artist` tables to JSON lists in `cat_release`, and those two names become
    views over the lists (VIEWS). A database made since has them so already (create_catalogue)."""
    kind = database.execute_sql(
        "SELECT type FROM sqlite_master WHERE name = 'cat_release_track'"
    ).fetchone()
    if kind is not None and kind[0] == "view":
        return
    for column in ("tracks", "artists", "extraartists"):
        database.execute_sql(
            f"ALTER TABLE cat_release ADD COLUMN {column} TEXT NOT NULL DEFAULT '[]'"
        )
    database.execute_sql(
        "UPDATE cat_release SET tracks = (SELECT json_group_array(json_array(track, title, "
        "duration, seconds)) FROM (SELECT track, title, duration, seconds FROM cat_release_track "
        "WHERE release_id = cat_release.id ORDER BY position))"
    )
    for column, extra in (("artists", 0), ("extraartists", 1)):
        database.execute_sql(
            f"UPDATE cat_release SET {column} = (SELECT json_group_array(json_array(artist_id, "
            'name, anv, "join", role, tracks)) FROM (SELECT * FROM cat_release_artist '
            f"WHERE release_id = cat_release.id AND extra = {extra} ORDER BY position))"
        )
    for table in ("cat_release_track", "cat_release_artist"):
        database.execute_sql(f"DROP TABLE {table}")
    for table in ("stage_release_track", "stage_release_artist"):  # of an unfinished ingest
        database.execute_sql(f"DROP TABLE IF EXISTS {table}")
    for statement in view_statements("releases"):
        database.execute_sql(statement)
