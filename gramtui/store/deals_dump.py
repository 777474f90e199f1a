"""The deals' matching catalogue made from the Discogs dump the Insight feature loaded: its
releases (artist, title, master, catalogue numbers, barcodes, format families) copied into an
FtsCatalogue file beside the database, rebuilt when another dump is loaded. The copy is what
the matcher asks (its catno, barcode and word indexes are the deals' own normalisations)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from gramtui.domain.deals import text
from gramtui.domain.deals.catalogue import CatalogueRelease
from gramtui.store.catalogue import loaded_dump, raw_connection
from gramtui.store.db import db
from gramtui.store.deals_catalogue import FtsCatalogue

log = logging.getLogger(__name__)
FILE_NAME = "deals-catalogue.sqlite3"
US, RS = chr(31), chr(30)  # what the query joins with (never in Discogs' names)

_ROWS = """
SELECT r.id, r.artist, r.title, r.master_id, r.year,
  (SELECT group_concat(l.name || char(31) || l.catno, char(30))
     FROM cat_release_label l WHERE l.release_id = r.id),
  (SELECT group_concat(f.name, char(31)) FROM cat_release_format f WHERE f.release_id = r.id),
  (SELECT group_concat(i.value_norm, char(31)) FROM cat_release_identifier i
     WHERE i.release_id = r.id AND i.type = 'Barcode' AND i.value_norm != '')
FROM cat_release r
"""


def dump_stamp() -> str:
    """Which releases dump is loaded ("" when none): the copy is rebuilt when it changes."""
    dump = loaded_dump("releases")
    if dump is None or dump.stored == 0:
        return ""
    return f"{dump.file}|{dump.date}|{dump.stored}|{dump.loaded_at.isoformat()}"


def dump_releases(conn: sqlite3.Connection) -> Iterator[CatalogueRelease]:
    for rid, artist, title, master, year, labels, formats, barcodes in conn.execute(_ROWS):
        pairs = [p.split(US, 1) for p in labels.split(RS)] if labels else []
        yield CatalogueRelease(
            rid,
            artist,
            title,
            master,
            catnos=tuple(dict.fromkeys(p[1] for p in pairs if len(p) == 2 and p[1])),
            barcodes=tuple(dict.fromkeys(barcodes.split(US))) if barcodes else (),
            formats=tuple(dict.fromkeys(text.format_family(f) for f in formats.split(US)))
            if formats
            else (),
            labels=tuple(dict.fromkeys(p[0] for p in pairs if p[0])),
            year=year,
        )


def _path() -> Path:
    return Path(str(db.database)).parent / FILE_NAME


def dump_catalogue() -> FtsCatalogue | None:
    """The copy of the loaded dump's releases, built (once per dump) when missing or stale;
    None when no releases dump is loaded."""
    stamp = dump_stamp()
    path = _path()
    if not stamp:
        return None
    if path.exists():
        catalogue = FtsCatalogue(path)
        if _stamp_of(catalogue) == stamp:
            return catalogue
        catalogue.close()
    log.info("building the deals' matching catalogue from the releases dump (%s)", stamp)
    building = path.with_suffix(".building")
    building.unlink(missing_ok=True)
    catalogue = FtsCatalogue(building)
    catalogue.load(dump_releases(raw_connection()))
    with catalogue.conn:
        catalogue.conn.execute("CREATE TABLE IF NOT EXISTS stamp(value TEXT)")
        catalogue.conn.execute("DELETE FROM stamp")
        catalogue.conn.execute("INSERT INTO stamp VALUES (?)", (stamp,))
    catalogue.close()
    building.replace(path)  # whole or not at all: a crash mid-build leaves the old copy
    return FtsCatalogue(path)


def _stamp_of(catalogue: FtsCatalogue) -> str:
    try:
        row = catalogue.conn.execute("SELECT value FROM stamp").fetchone()
    except sqlite3.OperationalError:  # a copy from before stamps, or a broken one
        return ""
    return str(row[0]) if row else ""
