"""Loading Discogs dump files into the catalogue: reader (a second process) -> staged tables -> swap.

Files are taken in the order releases, masters, artists, labels, so scope `collection` can keep
the masters, artists and labels that the kept releases refer to. After the swap the collection's
records take their master's year (engine/master_years.py).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from gramtui.dumps.errors import DumpError
from gramtui.dumps.source import KINDS, DumpSource, open_dump
from gramtui.engine.clock import Clock, utcnow
from gramtui.store import catalogue
from gramtui.store.catalogue_reader import RowBatch, row_batches_here, row_batches_in_child

Scope = Literal["collection", "all"]
MAX_EXAMPLES = 20  # skipped records named in the result


@dataclass
class IngestProgress:
    file: str
    kind: str
    size: int  # bytes on disk
    read: int = 0  # bytes of the file read
    seen: int = 0
    stored: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        return self.seen / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, from the share of the (compressed) file read so far."""
        if self.read <= 0 or self.size <= 0:
            return None
        return self.elapsed * (self.size - self.read) / self.read


@dataclass(frozen=True)
class IngestResult:
    kind: str
    file: str
    date: str
    scope: str
    seen: int
    stored: int
    skipped: int
    skipped_examples: list[list[object]]
    seconds: float
    master_years_set: int


def plan(paths: Sequence[Path]) -> list[DumpSource]:
    """Open every file first: a bad one is reported before anything is loaded."""
    sources = [open_dump(p) for p in paths]
    kinds = [s.kind for s in sources]
    for kind in set(kinds):
        if kinds.count(kind) > 1:
            raise DumpError(f"two {kind} dumps were given; give one file of each kind.")
    for s in sources:
        loaded = catalogue.loaded_dump(s.kind)
        if loaded is not None and loaded.date and s.date and s.date < loaded.date:
            raise DumpError(
                f"{s.path.name} ({s.date}) is older than the {s.kind} dump already loaded "
                f"({loaded.date}); nothing was changed."
            )
    return sorted(sources, key=lambda s: KINDS.index(s.kind))


def ingest(
    source: DumpSource,
    scope: Scope = "collection",
    *,
    on_progress: Callable[[IngestProgress], None] | None = None,
    parallel: bool = True,
    clock: Clock = utcnow,
) -> IngestResult:
    wanted = None if scope == "all" else catalogue.referenced_ids(source.kind)
    progress = IngestProgress(source.path.name, source.kind, source.size)
    examples: list[list[object]] = []
    staged = catalogue.StagedIngest(source.kind)
    batches = row_batches_in_child(source, wanted) if parallel else row_batches_here(source, wanted)
    # Millions of short-lived tuples and no cycles: the cycle collector would only walk them
    # (10-15 µs a release); refcounting frees them all the same.
    collecting = gc.isenabled()
    gc.disable()
    try:
        batch: RowBatch | None = None
        for batch in batches:
            staged.add(batch.rows, batch.records)
            progress.read, progress.seen = batch.compressed_read, batch.seen
            progress.stored = staged.stored
            progress.skipped += len(batch.skipped)
            examples.extend([s.record_id, s.offset, s.reason] for s in batch.skipped)
            del examples[MAX_EXAMPLES:]
            if on_progress is not None:
                on_progress(progress)
        if progress.seen > 0 and progress.stored == 0 and progress.skipped == progress.seen:
            first = examples[0] if examples else [None, 0, ""]
            raise DumpError(
                f"{source.path.name}: none of its {progress.seen:,} records could be read "
                f"(the first, at byte {first[1]:,}: {first[2]})."
            )
        seconds = progress.elapsed
        staged.finish(
            catalogue.LoadedDump(
                source.kind,
                source.date,
                source.path.name,
                scope,
                progress.seen,
                progress.stored,
                progress.skipped,
                examples,
                clock(),
                seconds,
            )
        )
    except BaseException:
        staged.abandon()
        raise
    finally:
        if collecting:
            gc.enable()
        close = getattr(batches, "close", None)
        if close is not None:
            close()
    changed = catalogue.apply_master_years() if source.kind in ("releases", "masters") else 0
    return IngestResult(
        source.kind,
        source.path.name,
        source.date,
        scope,
        progress.seen,
        progress.stored,
        progress.skipped,
        examples,
        round(seconds, 3),
        changed,
    )
