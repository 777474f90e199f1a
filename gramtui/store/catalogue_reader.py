"""The reader side of an ingest: dump records -> catalogue rows, here or in a second process.

`python -m gramtui.store.catalogue_reader FILE` reads the wanted ids (a marshalled frozenset, or
None for all) from stdin and writes marshalled row batches to stdout, each prefixed by its length.
marshal, not pickle: the frames are plain tuples, lists and dicts of str, int and None between two
processes of the same interpreter, which marshal writes and reads in half pickle's time (5 + 8 µs
a release against 10 + 13 here).
It finds, slices and parses records while the writer's process runs executemany, so both cores
work; the pipe has a bounded size, so the reader waits when the writer is behind and memory stays
flat. A plain subprocess rather than multiprocessing: it imports only the reader and the row
builder (no peewee, no resource tracker), and when the writer is killed its next write fails and
it stops.
"""

from __future__ import annotations

import gc
import marshal
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


# Of every ten records the reader process leaves five for the writer to parse: parsing a record
# and turning it into rows costs about 130 µs, finding it 15 and marshalling 7 on the reader's
# side; writing its rows about 40 with the swap and its indexes, and unmarshalling 5, on the
# writer's (tests/bench/bench_dump_costs.py). Measured, scope all, 50,000 releases: leaving 5 of
# 10, reader 93 and writer 99 µs of CPU a release; leaving 4, reader 108 and writer 90.
LEFT_TO_WRITER = frozenset({1, 3, 5, 7, 9})


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


# A frame is None (the end), a str (an error sentence) or a ReaderBatch as plain tuples.
Frame = tuple[object, ...] | str | None


def _plain(batch: ReaderBatch) -> tuple[object, ...]:
    rows = batch.rows
    return (
        rows.rows,
        rows.records,
        [tuple(s) for s in rows.skipped],
        rows.seen,
        rows.compressed_read,
        batch.kind,
        [tuple(r) for r in batch.unparsed],
    )


def _batch(frame: tuple[object, ...]) -> ReaderBatch:
    rows, records, skipped, seen, read, kind, unparsed = frame
    return ReaderBatch(
        RowBatch(
            rows,  # type: ignore[arg-type]  # as _plain wrote them
            records,  # type: ignore[arg-type]
            [Skipped(*s) for s in skipped],  # type: ignore[attr-defined]
            seen,  # type: ignore[arg-type]
            read,  # type: ignore[arg-type]
        ),
        kind,  # type: ignore[arg-type]
        [RawRecord(*r) for r in unparsed],  # type: ignore[attr-defined]
    )


def _write_frame(out: BinaryIO, item: Frame) -> None:
    data = marshal.dumps(item)  # type: ignore[arg-type]  # _plain: tuples, lists, dicts, str, int
    out.write(_HEADER.pack(len(data)))
    out.write(data)


def _read_frame(stream: IO[bytes]) -> Frame:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    frame: Frame = marshal.loads(data)
    return frame


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
        process.stdin.write(marshal.dumps(frozenset(wanted) if wanted is not None else None))
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
            batch = _batch(item)
            source.compressed_read = batch.rows.compressed_read
            yield finish_batch(batch)
    finally:
        process.stdout.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(path: str) -> int:
    gc.disable()  # as the writer does while it ingests (engine/dump_ingest.py)
    wanted = marshal.loads(sys.stdin.buffer.read())
    out = sys.stdout.buffer
    try:
        for batch in row_batches(open_dump(Path(path)), wanted, LEFT_TO_WRITER):
            _write_frame(out, _plain(batch))
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
    raise SystemExit(main(sys.argv[1]))
