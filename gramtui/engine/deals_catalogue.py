"""The matching catalogue the deals engine asks: built from the store's rows (collection,
wantlist, inventory, Discogs look-ups) into an in-memory FTS5 catalogue, cached until those rows
change; and the Discogs `/database/search` fallback, queued, for a catno or barcode it lacks.

Where a releases dump is loaded (issue 11), `matcher_for` asks its catalogue as well.
"""

from __future__ import annotations

import threading

from gramtui.discogs.search import SearchHit
from gramtui.domain.deals import text
from gramtui.domain.deals.catalogue import Catalogue, CatalogueRelease, CombinedCatalogue
from gramtui.domain.deals.matching import Matcher
from gramtui.domain.tasks import Priority
from gramtui.engine.context import Engine
from gramtui.engine.queue import Task
from gramtui.store import deals as store
from gramtui.store.deals_catalogue import FtsCatalogue
from gramtui.store.deals_dump import dump_catalogue, dump_stamp

KIND_LOOKUP = "deals.lookup"
_lock = threading.Lock()
_cached: dict[int, tuple[tuple[int | str, ...], Matcher]] = {}  # id(engine) -> (signature, matcher)


def matcher_for(engine: Engine) -> Matcher:
    """The store's releases (collection, wants, listings, look-ups) and, when a releases dump
    is loaded, the dump's catalogue (copied once per dump into a file beside the database)."""
    signature: tuple[int | str, ...] = (*store.catalogue_signature(), dump_stamp())
    with _lock:
        found = _cached.get(id(engine))
        if found is not None and found[0] == signature:
            return found[1]
        own = FtsCatalogue()
        own.load(store.catalogue_rows())
        dump = dump_catalogue()
        catalogue: Catalogue = own if dump is None else CombinedCatalogue(own, dump)
        matcher = Matcher(catalogue)
        _cached[id(engine)] = (signature, matcher)
        return matcher


def forget(engine: Engine) -> None:
    with _lock:
        _cached.pop(id(engine), None)


def lookup_keys(title: str) -> list[tuple[str, str]]:
    """("catno" | "barcode", value) worth asking Discogs about: a barcode, or a word with
    letters and digits (two adjacent words joined, as sellers split "CL 1355")."""
    words = text.words(title)
    out: list[tuple[str, str]] = []
    for w in words:
        if len(w) in (12, 13) and w.isdigit():
            out.append(("barcode", w))
    for i, w in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        joined = w + after if after and after not in text.NOISE else ""
        for candidate in (w, joined):
            if (
                text.useful_catno(candidate)
                and any(c.isalpha() for c in candidate)
                and not text.is_year(candidate)
                and candidate not in text.NOISE
                and candidate not in text.FORMAT_WORDS
            ):
                out.append(("catno", candidate))
                break
    return list(dict.fromkeys(out))[:2]


def queue_lookups(engine: Engine, item_id: str, title: str) -> int:
    queued = 0
    for kind, value in lookup_keys(title):
        key = f"{kind}:{value}"
        if store.lookup_asked(key):
            continue
        task = engine.queue.enqueue(
            KIND_LOOKUP,
            f"deals:lookup:{key}",
            {"kind": kind, "value": value},
            priority=Priority.BACKGROUND,
        )
        items = set(task.payload.get("items", []))
        items.add(item_id)
        task.payload = {"kind": kind, "value": value, "items": sorted(items)}
        task.save()
        queued += 1
    return queued


def _release(hit: SearchHit) -> CatalogueRelease:
    return CatalogueRelease(
        hit.release_id,
        hit.artist,
        hit.title,
        hit.master_id,
        catnos=(hit.catno,) if hit.catno else (),
        barcodes=hit.barcodes,
        formats=tuple(
            dict.fromkeys(
                text.format_family(f)
                for f in hit.formats
                if text.format_family(f) in ("Vinyl", "CD", "Cassette", "Shellac", "DVD", "File")
            )
        ),
        labels=hit.labels,
        year=hit.year,
    )


def handle_lookup(task: Task, engine: Engine) -> None:
    kind, value = task.payload["kind"], task.payload["value"]
    hits = engine.client.database_search(**{kind: value}, priority=Priority.BACKGROUND)
    if kind == "catno":  # Discogs' catno search is loose: keep the exact ones
        hits = [h for h in hits if text.normalise_catno(h.catno) == value]
    store.save_lookup(f"{kind}:{value}", [_release(h) for h in hits], engine.clock())
    forget(engine)
    if hits:
        from gramtui.engine.deals import evaluate  # the listings waiting on this answer

        for item_id in task.payload.get("items", []):
            evaluate(engine, item_id)
