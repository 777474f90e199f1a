"""Reading a dump as batches of parsed records. A record that does not parse is skipped and
named in the batch. (store/catalogue_reader.py runs this in a second process.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from gramtui.dumps.parse import PARSERS, MalformedRecord
from gramtui.dumps.records import DumpRecord
from gramtui.dumps.source import DumpSource
from gramtui.dumps.split import RawRecord, Splitter

BATCH = 500  # records: small enough that a batch in flight costs a few MB on each side


class Skipped(NamedTuple):
    record_id: int | None
    offset: int  # in the decompressed XML
    reason: str


class Batch(NamedTuple):
    records: list[DumpRecord]
    skipped: list[Skipped]
    seen: int  # records found so far in the file, kept or not
    compressed_read: int  # bytes of the file read so far
    unparsed: list[RawRecord]  # wanted records left for the caller to parse (see `leave`)


def parse_records(kind: str, raws: list[RawRecord]) -> tuple[list[DumpRecord], list[Skipped]]:
    parse = PARSERS[kind]
    records: list[DumpRecord] = []
    skipped: list[Skipped] = []
    for raw in raws:
        try:
            records.append(parse(raw.data))
        except (MalformedRecord, ValueError) as e:
            skipped.append(Skipped(raw.id, raw.offset, str(e).splitlines()[0][:200]))
    return records, skipped


def read_batches(
    source: DumpSource,
    wanted: set[int] | frozenset[int] | None = None,
    size: int = BATCH,
    leave: frozenset[int] = frozenset(),
) -> Iterator[Batch]:
    """The wanted records (all when `wanted` is None), parsed, `size` at a time.

    Of every ten wanted records, those whose place is in `leave` (e.g. {1, 3, 5, 7}) are not
    parsed but handed over as bytes: a writer process with time to spare parses them itself.
    """
    parse = PARSERS[source.kind]
    splitter = Splitter(source, wanted)
    records: list[DumpRecord] = []
    skipped: list[Skipped] = []
    unparsed: list[RawRecord] = []
    n = 0
    for raw in splitter:
        n += 1
        if leave and n % 10 in leave:
            unparsed.append(raw)
        else:
            try:
                records.append(parse(raw.data))
            except (MalformedRecord, ValueError) as e:
                skipped.append(Skipped(raw.id, raw.offset, str(e).splitlines()[0][:200]))
        if len(records) + len(unparsed) >= size:
            yield Batch(records, skipped, splitter.seen, source.compressed_read, unparsed)
            records, skipped, unparsed = [], [], []
    yield Batch(records, skipped, splitter.seen, source.compressed_read, unparsed)
