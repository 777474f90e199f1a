"""What the matcher asks of a catalogue, whatever holds it (the store's own rows, a data dump).

A catalogue answers three questions: the releases with a normalised catalogue number, the releases
with a barcode, and a short list of releases whose artist or title share words with a listing.
The dump catalogue (issue 11) plugs in by implementing the same protocol.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class CatalogueRelease:
    release_id: int
    artist: str  # the display credit, e.g. "Simon & Garfunkel"
    title: str
    master_id: int | None = None
    catnos: tuple[str, ...] = ()  # as Discogs writes them
    barcodes: tuple[str, ...] = ()  # digits only
    formats: tuple[str, ...] = ()  # format families (see text.format_family): "Vinyl", "CD", ...
    labels: tuple[str, ...] = ()
    year: int | None = None


class Catalogue(Protocol):
    def by_catno(self, catno: str) -> Sequence[CatalogueRelease]:
        """Releases whose normalised catalogue number (text.normalise_catno) is `catno`."""
        ...

    def by_catnos(self, catnos: Sequence[str]) -> dict[str, list[CatalogueRelease]]:
        """`by_catno` of several numbers at once: each number found, with its releases."""
        ...

    def by_barcode(self, barcode: str) -> Sequence[CatalogueRelease]:
        """Releases carrying this barcode (digits only)."""
        ...

    def by_text(self, words: Sequence[str], limit: int) -> Sequence[CatalogueRelease]:
        """At most `limit` releases sharing any of `words` (folded) in artist or title, best first."""
        ...


class CombinedCatalogue:
    """Several catalogues asked as one (the store's releases, then the dump's): each release
    once, as the first catalogue knows it."""

    def __init__(self, *catalogues: Catalogue) -> None:
        self.catalogues = catalogues

    def by_catno(self, catno: str) -> Sequence[CatalogueRelease]:
        return _once(c.by_catno(catno) for c in self.catalogues)

    def by_catnos(self, catnos: Sequence[str]) -> dict[str, list[CatalogueRelease]]:
        found = [c.by_catnos(catnos) for c in self.catalogues]
        keys = dict.fromkeys(k for f in found for k in f)
        return {k: _once(f.get(k, []) for f in found) for k in keys}

    def by_barcode(self, barcode: str) -> Sequence[CatalogueRelease]:
        return _once(c.by_barcode(barcode) for c in self.catalogues)

    def by_text(self, words: Sequence[str], limit: int) -> Sequence[CatalogueRelease]:
        return _once(c.by_text(words, limit) for c in self.catalogues)


def _once(found: Iterable[Sequence[CatalogueRelease]]) -> list[CatalogueRelease]:
    out: dict[int, CatalogueRelease] = {}
    for releases in found:
        for r in releases:
            out.setdefault(r.release_id, r)
    return list(out.values())
