"""The reader side of an ingest: dump records -> catalogue rows, here or in a second process.

`python -m gramtui.store.catalogue_reader FILE` reads the wanted ids (a pickled frozenset, or
None for all) from stdin and writes pickled row batches to stdout, each prefixed by its length.
It finds, slices and parses records while the writer's process runs executemany, so both cores
work; the pipe has a bounded size, so the reader waits when the writer is behind and memory stays
flat. A plain subprocess rather than multiprocessing: it imports only the reader and the row
builder (no peewee, no resource tracker), and when the writer is killed its next write fails and
it stops.
"""

from __future__ import annotations

import pickle
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO, NamedTuple

from gramtui.dumps.errors import DumpError
from gramtui.dumps.source import DumpSource, open_dump
from gramtui.dumps.split import RawRecord
from gramtui.dumps.stream import Skipped, parse_records, read_batches
from gramtui.store.catalogue_rows import Rows, rows_of

_HEADER = struct.Struct("<Q")


# Of every five records the reader process leaves two for the writer to parse: parsing costs the
# reader about 135 us a record and writing the writer about 55, so this evens out the two cores.
LEFT_TO_WRITER = frozenset({1, 3})


class RowBatch(NamedTuple):
    rows: Rows
    records: int  # records these rows come from
    skipped: list[Skipped]
    seen: int  # records found so far in the file, kept or not
    compressed_read: int  # bytes of the file read so far


class ReaderBatch(NamedTuple):
    """What crosses the pipe: rows, plus records left for the writer to parse."""

    rows: RowBatch
    kind: str
    unparsed: list[RawRecord]


def row_batches(
    source: DumpSource,
    wanted: set[int] | frozenset[int] | None = None,
    leave: frozenset[int] = frozenset(),
) -> Iterator[ReaderBatch]:
    for batch in read_batches(source, wanted, leave=leave):
        rows = RowBatch(
            rows_of(source.kind, batch.records),
            len(batch.records),
            batch.skipped,
            batch.seen,
            batch.compressed_read,
        )
        yield ReaderBatch(rows, source.kind, batch.unparsed)


def finish_batch(batch: ReaderBatch) -> RowBatch:
    """Parse what the reader left, and merge its rows into the batch's."""
    if not batch.unparsed:
        return batch.rows
    records, skipped = parse_records(batch.kind, batch.unparsed)
    rows = batch.rows.rows
    for table, more in rows_of(batch.kind, records).items():
        rows[table].extend(more)
    done = batch.rows
    return done._replace(records=done.records + len(records), skipped=done.skipped + skipped)


def row_batches_here(
    source: DumpSource, wanted: set[int] | frozenset[int] | None = None
) -> Iterator[RowBatch]:
    """Everything in this process."""
    for batch in row_batches(source, wanted):
        yield batch.rows


def _write_frame(out: BinaryIO, item: object) -> None:
    data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)))
    out.write(data)


def _read_frame(stream: IO[bytes]) -> object:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def row_batches_in_child(
    source: DumpSource, wanted: set[int] | frozenset[int] | None = None
) -> Iterator[RowBatch]:
    """As row_batches, but read, parsed and turned into rows by a second process."""
    process = subprocess.Popen(
        [sys.executable, "-m", "gramtui.store.catalogue_reader", str(source.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        pickle.dump(frozenset(wanted) if wanted is not None else None, process.stdin)
        process.stdin.close()
        while True:
            try:
                item = _read_frame(process.stdout)
            except EOFError:
                raise DumpError(
                    f"{source.path.name}: the reader process stopped unexpectedly."
                ) from None
            if item is None:
                return
            if isinstance(item, str):
                raise DumpError(item)
            assert isinstance(item, ReaderBatch)
            source.compressed_read = item.rows.compressed_read
            yield finish_batch(item)
    finally:
        process.stdout.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(path: str) -> int:
    wanted = pickle.load(sys.stdin.buffer)
    out = sys.stdout.buffer
    try:
        for batch in row_batches(open_dump(Path(path)), wanted, LEFT_TO_WRITER):
            _write_frame(out, batch)
        _write_frame(out, None)
        out.flush()
    except DumpError as e:
        _write_frame(out, str(e))
    except (BrokenPipeError, KeyboardInterrupt):
        return 1  # the writer is gone
    except Exception as e:  # reported to the writer, which turns it into a sentence
        _write_frame(out, f"{Path(path).name}: the reader failed ({type(e).__name__}: {e}).")
    return 0


if __name__ == "__main__":
    # Run the module's own copy, so what is pickled names gramtui.store.catalogue_reader.RowBatch
    # (not __main__.RowBatch, which the writer cannot load).
    from gramtui.store import catalogue_reader

    raise SystemExit(catalogue_reader.main(sys.argv[1]))
