"""The releases' stored shelf sort keys (domain.sortkeys.shelf_keys): the schema step that adds
and fills them. A sync's upsert (collection.save_instances) keeps them with every release it
writes, the only way a release's labels, artists or title change, so a layout sorts stored
strings instead of folding every name again."""

from __future__ import annotations

import json

import peewee

from gramtui.domain.records import Artist, Label, Release
from gramtui.domain.sortkeys import shelf_keys_maker

COLUMNS = ("sort_label", "sort_artist", "sort_title")
_ROWS_PER_UPDATE = 2_000


def add_shelf_keys(database: peewee.Database) -> None:
    """Schema step: the key columns on `release`, filled for the releases already stored."""
    for column in COLUMNS:
        database.execute_sql(f"ALTER TABLE release ADD COLUMN {column} TEXT")
    rows = database.execute_sql("SELECT id, title, artists, labels FROM release").fetchall()
    keys_of = shelf_keys_maker()
    update = f"UPDATE release SET {', '.join(f'{c} = ?' for c in COLUMNS)} WHERE id = ?"
    for at in range(0, len(rows), _ROWS_PER_UPDATE):
        values = []
        for rid, title, artists, labels in rows[at : at + _ROWS_PER_UPDATE]:
            release = Release(
                rid,
                title,
                artists=tuple(Artist(*a) for a in json.loads(artists)),
                labels=tuple(Label(*lb) for lb in json.loads(labels)),
            )
            keys = keys_of(release)
            values.append((keys.label, keys.artist, keys.title, rid))
        database.connection().executemany(update, values)
