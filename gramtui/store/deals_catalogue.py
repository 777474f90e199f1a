"""A matching catalogue in an SQLite database of its own: catno and barcode indexes and an FTS5
table over artist + title, ranked by bm25.

Built from any rows (the store's collection, wants and listings today; a data dump later), so
the matcher has one implementation of the catalogue protocol to ask, however big.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from gramtui.domain.deals import text
from gramtui.domain.deals.catalogue import CatalogueRelease

_SCHEMA = """
CREATE TABLE rel(id INTEGER PRIMARY KEY, master INTEGER, artist TEXT, title TEXT, catnos TEXT,
                 barcodes TEXT, formats TEXT, labels TEXT, year INTEGER);
CREATE TABLE catno(key TEXT, rel INTEGER);
CREATE TABLE barcode(code TEXT, rel INTEGER);
CREATE VIRTUAL TABLE words USING fts5(artist, title, tokenize = 'unicode61 remove_diacritics 2');
"""
_INDEXES = """
CREATE INDEX catno_key ON catno(key);
CREATE INDEX barcode_code ON barcode(code);
"""
COMMON_SHARE = 0.02  # words in more releases than this share are left out of the prefilter
                     # when rarer words remain ("the", "love", "live" find everything)


class FtsCatalogue:
    """The catalogue protocol over an SQLite file (or memory)."""

    def __init__(self, path: Path | str = ":memory:") -> None:
        self.conn = sqlite3.connect(str(path), check_same_thread=False)
        self.conn.executescript(_SCHEMA)
        self.size = 0
        self._df: dict[str, int] = {}

    def load(self, releases: Iterable[CatalogueRelease], batch: int = 50_000) -> int:
        """Add releases (a later one with a known id is ignored); returns how many were added."""
        seen = {rid for (rid,) in self.conn.execute("SELECT id FROM rel")}
        added = 0
        rows: list[CatalogueRelease] = []
        for r in releases:
            if r.release_id in seen:
                continue
            seen.add(r.release_id)
            rows.append(r)
            if len(rows) >= batch:
                added += self._write(rows)
                rows = []
        added += self._write(rows)
        self.conn.executescript(_INDEXES.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
        self.size += added
        self._df = {}
        return added

    def _write(self, rows: list[CatalogueRelease]) -> int:
        if not rows:
            return 0
        with self.conn:
            self.conn.executemany(
                "INSERT INTO rel VALUES (?,?,?,?,?,?,?,?,?)",
                [(r.release_id, r.master_id, r.artist, r.title, json.dumps(r.catnos),
                  json.dumps(r.barcodes), json.dumps(r.formats), json.dumps(r.labels), r.year)
                 for r in rows],
            )
            self.conn.executemany(
                "INSERT INTO catno VALUES (?,?)",
                [(key, r.release_id) for r in rows
                 for key in {text.normalise_catno(c) for c in r.catnos}
                 if text.useful_catno(key)],
            )
            self.conn.executemany(
                "INSERT INTO barcode VALUES (?,?)",
                [(b, r.release_id) for r in rows for b in set(r.barcodes) if b],
            )
            self.conn.executemany(
                "INSERT INTO words(rowid, artist, title) VALUES (?,?,?)",
                [(r.release_id, " ".join(text.artist_words(r.artist)),
                  " ".join(text.words(r.title))) for r in rows],
            )
        return len(rows)

    # -- the protocol ----------------------------------------------------------------------

    def by_catno(self, catno: str) -> Sequence[CatalogueRelease]:
        return self._releases("SELECT rel FROM catno WHERE key = ?", (catno,))

    def by_barcode(self, barcode: str) -> Sequence[CatalogueRelease]:
        return self._releases("SELECT rel FROM barcode WHERE code = ?", (barcode,))

    def by_text(self, words: Sequence[str], limit: int) -> Sequence[CatalogueRelease]:
        words = [w for w in words if w.isalnum()]
        if not words:
            return []
        rare = [w for w in words if self._frequency(w) <= max(50, self.size * COMMON_SHARE)]
        query = " OR ".join(f'"{w}"' for w in (rare or words))
        return self._releases(
            "SELECT rowid FROM words WHERE words MATCH ? ORDER BY bm25(words) LIMIT ?",
            (query, limit),
        )

    # -- helpers ---------------------------------------------------------------------------

    def _frequency(self, word: str) -> int:
        """How many releases hold `word` (cached; small for most words)."""
        n = self._df.get(word)
        if n is None:
            cap = int(max(50, self.size * COMMON_SHARE)) + 1
            n = self.conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM words WHERE words MATCH ? LIMIT ?)",
                (f'"{word}"', cap),
            ).fetchone()[0]
            if len(self._df) < 200_000:
                self._df[word] = n
        return n

    def _releases(self, sql: str, args: tuple[object, ...]) -> list[CatalogueRelease]:
        ids = [rid for (rid,) in self.conn.execute(sql, args)]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {
            row[0]: row
            for row in self.conn.execute(f"SELECT * FROM rel WHERE id IN ({marks})", ids)
        }
        return [_release(rows[rid]) for rid in dict.fromkeys(ids) if rid in rows]

    def close(self) -> None:
        self.conn.close()


def _release(row: tuple) -> CatalogueRelease:  # type: ignore[type-arg]
    rid, master, artist, title, catnos, barcodes, formats, labels, year = row
    return CatalogueRelease(
        rid, artist, title, master, tuple(json.loads(catnos)), tuple(json.loads(barcodes)),
        tuple(json.loads(formats)), tuple(json.loads(labels)), year,
    )
