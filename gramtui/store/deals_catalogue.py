"""A matching catalogue in an SQLite database of its own: catno and barcode indexes and an FTS5
table over artist + title, ranked by bm25.

Built from any rows (the store's collection, wants and listings today; a data dump later), so
the matcher has one implementation of the catalogue protocol to ask, however big.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from gramtui.domain.deals import text
from gramtui.domain.deals.catalogue import CatalogueRelease

_SCHEMA = """
CREATE TABLE rel(id INTEGER PRIMARY KEY, master INTEGER, artist TEXT, title TEXT, catnos TEXT,
                 barcodes TEXT, formats TEXT, labels TEXT, year INTEGER);
CREATE TABLE catno(key TEXT, rel INTEGER);
CREATE TABLE barcode(code TEXT, rel INTEGER);
CREATE VIRTUAL TABLE words USING fts5(artist, title, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE vocab USING fts5vocab(words, 'row');
CREATE TABLE df(term TEXT PRIMARY KEY, doc INTEGER) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX catno_key ON catno(key);
CREATE INDEX barcode_code ON barcode(code);
"""
PREFILTER_DOCS = 1_000  # the prefilter ORs the rarest words until they hold this many releases
PREFILTER_WORDS = 2


class FtsCatalogue:
    """The catalogue protocol over an SQLite file (or memory)."""

    def __init__(self, path: Path | str = ":memory:") -> None:
        self.conn = sqlite3.connect(str(path), check_same_thread=False)
        self.lock = threading.Lock()  # the runner and a UI worker may both ask
        known = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'rel'").fetchone()
        if known is None:
            self.conn.executescript(_SCHEMA)
        # Reads from memory-mapped pages instead of a read() per page: big catalogues.
        self.conn.execute("PRAGMA mmap_size = 1073741824")
        self.conn.execute("PRAGMA cache_size = -65536")
        self.size = self.conn.execute("SELECT count(*) FROM rel").fetchone()[0]

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
        with self.conn:  # word frequencies, for choosing the rarest words of a query
            self.conn.execute("DELETE FROM df")
            self.conn.execute("INSERT INTO df SELECT term, doc FROM vocab")
        self.size += added
        return added

    def _write(self, rows: list[CatalogueRelease]) -> int:
        if not rows:
            return 0
        with self.conn:
            self.conn.executemany(
                "INSERT INTO rel VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (
                        r.release_id,
                        r.master_id,
                        r.artist,
                        r.title,
                        _join(r.catnos),
                        _join(r.barcodes),
                        _join(r.formats),
                        _join(r.labels),
                        r.year,
                    )
                    for r in rows
                ],
            )
            self.conn.executemany(
                "INSERT INTO catno VALUES (?,?)",
                [
                    (key, r.release_id)
                    for r in rows
                    for key in {text.normalise_catno(c) for c in r.catnos}
                    if text.useful_catno(key)
                ],
            )
            self.conn.executemany(
                "INSERT INTO barcode VALUES (?,?)",
                [(b, r.release_id) for r in rows for b in set(r.barcodes) if b],
            )
            self.conn.executemany(
                "INSERT INTO words(rowid, artist, title) VALUES (?,?,?)",
                [
                    (
                        r.release_id,
                        " ".join(text.artist_words(r.artist)),
                        " ".join(text.words(r.title)),
                    )
                    for r in rows
                ],
            )
        return len(rows)

    # -- the protocol ----------------------------------------------------------------------

    def by_catno(self, catno: str) -> Sequence[CatalogueRelease]:
        with self.lock:
            return self._releases("SELECT rel FROM catno WHERE key = ?", (catno,))

    def by_catnos(self, catnos: Sequence[str]) -> dict[str, list[CatalogueRelease]]:
        """Several catalogue numbers in one query (a title holds many candidates)."""
        keys = list(dict.fromkeys(catnos))
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        with self.lock:
            pairs = self.conn.execute(
                f"SELECT key, rel FROM catno WHERE key IN ({marks})", keys
            ).fetchall()
            releases = {r.release_id: r for r in self._rows([rel for _k, rel in pairs])}
        out: dict[str, list[CatalogueRelease]] = {}
        for key, rel in pairs:
            if rel in releases:
                out.setdefault(key, []).append(releases[rel])
        return out

    def by_barcode(self, barcode: str) -> Sequence[CatalogueRelease]:
        with self.lock:
            return self._releases("SELECT rel FROM barcode WHERE code = ?", (barcode,))

    def by_text(self, words: Sequence[str], limit: int) -> Sequence[CatalogueRelease]:
        """Ranked by bm25 over the rarest of `words`: a release holds its rarest words, and
        common ones ("love", "live") would make every query rank half the catalogue."""
        words = [w for w in dict.fromkeys(words) if w.isalnum()]
        with self.lock:
            return self._by_text(words, limit)

    def _by_text(self, words: list[str], limit: int) -> list[CatalogueRelease]:
        counts = self._frequencies(words)
        chosen: list[str] = []
        total = 0
        for n, w in sorted((counts[w], w) for w in words if counts.get(w)):
            if chosen and (total + n > PREFILTER_DOCS or len(chosen) >= PREFILTER_WORDS):
                break
            chosen.append(w)
            total += n
        if not chosen:
            return []
        quoted = [f'"{w}"' for w in chosen]
        if len(chosen) > 1:
            # Releases holding both rarest words are nearly always the ones meant, and finding
            # them needs no ranking; only when there are none, rank the releases holding either.
            both = self._ids(
                "SELECT rowid FROM words WHERE words MATCH ? LIMIT ?",
                (" AND ".join(quoted), limit + 1),
            )
            if 0 < len(both) <= limit:
                return self._rows(both)
        return self._rows(
            self._ids(
                "SELECT rowid FROM words WHERE words MATCH ? ORDER BY bm25(words) LIMIT ?",
                (" OR ".join(quoted), limit),
            )
        )

    # -- helpers ---------------------------------------------------------------------------

    def _frequencies(self, words: list[str]) -> dict[str, int]:
        """How many releases hold each word (from the table load() keeps)."""
        if not words:
            return {}
        marks = ",".join("?" * len(words))
        sql = f"SELECT term, doc FROM df WHERE term IN ({marks})"
        return dict(self.conn.execute(sql, words).fetchall())

    def _ids(self, sql: str, args: tuple[object, ...]) -> list[int]:
        return [rid for (rid,) in self.conn.execute(sql, args)]

    def _rows(self, ids: list[int]) -> list[CatalogueRelease]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {
            row[0]: row
            for row in self.conn.execute(f"SELECT * FROM rel WHERE id IN ({marks})", ids)
        }
        return [_release(rows[rid]) for rid in dict.fromkeys(ids) if rid in rows]

    def _releases(self, sql: str, args: tuple[object, ...]) -> list[CatalogueRelease]:
        return self._rows(self._ids(sql, args))

    def close(self) -> None:
        self.conn.close()


SEP = "\x1f"  # the unit separator: never in a Discogs name


def _join(values: tuple[str, ...]) -> str:
    return SEP.join(v.replace(SEP, " ") for v in values)


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split(SEP)) if value else ()


def _release(row: tuple[Any, ...]) -> CatalogueRelease:
    rid, master, artist, title, catnos, barcodes, formats, labels, year = row
    return CatalogueRelease(
        rid,
        artist,
        title,
        master,
        _split(catnos),
        _split(barcodes),
        _split(formats),
        _split(labels),
        year,
    )
