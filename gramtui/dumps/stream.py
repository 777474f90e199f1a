"""Reading a dump as batches of parsed records, in this process or in a second one.

The second process finds, slices and parses records while this one writes them to SQLite, so
both cores work; a pipe of bounded size between them keeps memory flat (the reader waits when
the writer is behind). A record that does not parse is skipped and named in the batch.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from gramtui.dumps.errors import DumpError
from gramtui.dumps.parse import PARSERS, MalformedRecord
from gramtui.dumps.records import DumpRecord
from gramtui.dumps.source import DumpSource, open_dump
from gramtui.dumps.split import Splitter

BATCH = 2000


class Skipped(NamedTuple):
    record_id: int | None
    offset: int  # in the decompressed XML
    reason: str


class Batch(NamedTuple):
    records: list[DumpRecord]
    skipped: list[Skipped]
    seen: int  # records found so far in the file, kept or not
    compressed_read: int  # bytes of the file read so far


def read_batches(
    source: DumpSource, wanted: set[int] | frozenset[int] | None = None, size: int = BATCH
) -> Iterator[Batch]:
    """The wanted records (all when `wanted` is None), parsed, `size` at a time."""
    parse = PARSERS[source.kind]
    splitter = Splitter(source, wanted)
    records: list[DumpRecord] = []
    skipped: list[Skipped] = []
    for raw in splitter:
        try:
            records.append(parse(raw.data))
        except (MalformedRecord, ValueError) as e:
            skipped.append(Skipped(raw.id, raw.offset, str(e).splitlines()[0][:200]))
        if len(records) >= size:
            yield Batch(records, skipped, splitter.seen, source.compressed_read)
            records, skipped = [], []
    yield Batch(records, skipped, splitter.seen, source.compressed_read)


def _child(path: str, wanted: frozenset[int] | None, conn, parent: int) -> None:  # type: ignore[no-untyped-def]
    try:
        source = open_dump(Path(path))
        for batch in read_batches(source, wanted):
            if os.getppid() != parent:
                return  # the writer is gone (killed): stop reading
            conn.send(batch)
        conn.send(None)
    except DumpError as e:
        conn.send(e)
    except (BrokenPipeError, KeyboardInterrupt):
        return
    except Exception as e:  # reported to the writer, which turns it into a sentence
        conn.send(DumpError(f"{Path(path).name}: the reader failed ({type(e).__name__}: {e})."))
    finally:
        conn.close()


def read_batches_in_child(
    source: DumpSource, wanted: set[int] | frozenset[int] | None = None
) -> Iterator[Batch]:
    """As read_batches, but read and parsed by a second process."""
    context = multiprocessing.get_context("spawn")  # never fork a process that may have threads
    receive, send = context.Pipe(duplex=False)
    frozen = frozenset(wanted) if wanted is not None else None
    process = context.Process(
        target=_child, args=(str(source.path), frozen, send, os.getpid()), daemon=True
    )
    process.start()
    send.close()
    try:
        while True:
            try:
                item = receive.recv()
            except EOFError:
                raise DumpError(
                    f"{source.path.name}: the reader process stopped unexpectedly."
                ) from None
            if item is None:
                return
            if isinstance(item, DumpError):
                raise item
            source.compressed_read = item.compressed_read
            yield item
    finally:
        receive.close()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
