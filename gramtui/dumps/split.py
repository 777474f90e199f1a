"""Finding where each record starts and ends in the decompressed bytes, without parsing.

A record starts at `<release id="`, `<master id="`, `<artist>` or `<label>` (a label's
sub-labels are `<label id=…>` or `<label/>`, never a bare `<label>`; text never holds a raw
`<`), so `bytes.find` marks the boundaries at C speed. The id of a release or master is in its
start tag, so a record nobody wants is passed over without being sliced or parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from gramtui.dumps.errors import DumpError
from gramtui.dumps.source import DumpSource

MARKERS = {
    "releases": b"<release ",
    "masters": b"<master ",
    "artists": b"<artist>",
    "labels": b"<label>",
}


class RawRecord(NamedTuple):
    id: int | None  # None when the record's id could not be read (it is malformed)
    offset: int  # where it starts in the decompressed XML
    data: bytes


class Splitter:
    """Iterate to get the wanted records (all when `wanted` is None); `seen` counts every record."""

    def __init__(self, source: DumpSource, wanted: set[int] | frozenset[int] | None = None) -> None:
        self.source = source
        self.wanted = wanted
        self.seen = 0
        self.marker = MARKERS[source.kind]
        self.closing = b"</" + source.kind.encode() + b">"
        self._id_in_tag = source.kind in ("releases", "masters")

    def _id(self, buf: bytes, start: int, end: int) -> int | None:
        if self._id_in_tag:
            at = buf.find(b'id="', start, start + 40)
            if at == -1:
                return None
            at += 4
            close = buf.find(b'"', at, at + 20)
        else:
            at = buf.find(b"<id>", start, end)
            if at == -1:
                return None
            at += 4
            close = buf.find(b"</id>", at, at + 20)
        digits = buf[at:close] if close != -1 else b""
        return int(digits) if digits.isdigit() else None

    def __iter__(self) -> Iterator[RawRecord]:
        marker, wanted = self.marker, self.wanted
        step = len(marker)
        buf = b""
        base = 0  # offset of buf[0] in the decompressed stream
        start = -1
        for chunk in self.source.chunks():
            if start == -1:
                buf += chunk
                start = buf.find(marker)
                if start == -1:
                    keep = max(0, len(buf) - step)
                    base += keep
                    buf = buf[keep:]
                    continue
            else:
                buf = buf[start:] + chunk
                base += start
                start = 0
            while True:
                nxt = buf.find(marker, start + step)
                if nxt == -1:
                    break
                self.seen += 1
                rid = self._id(buf, start, nxt)
                if wanted is None or rid is None or rid in wanted:
                    yield RawRecord(rid, base + start, buf[start:nxt])
                start = nxt
        yield from self._last(buf, base, start)

    def _last(self, buf: bytes, base: int, start: int) -> Iterator[RawRecord]:
        name = self.source.path.name
        if start == -1:
            if self.source.single or self.seen == 0 and self.closing in buf:
                return  # a dump with no records at all
            raise DumpError(f"{name} holds no <{self.source.kind[:-1]}> records.")
        end = len(buf.rstrip()) if self.source.single else buf.rfind(self.closing)
        if end < start:
            rid = self._id(buf, start, len(buf))
            what = f"{self.source.kind[:-1]} {rid}" if rid is not None else "a record"
            raise DumpError(
                f"{name} ends early: it stops inside {what} at byte {base + start:,} of the XML "
                f"without the closing </{self.source.kind}> (a truncated file?). "
                "Download the file again."
            )
        self.seen += 1
        rid = self._id(buf, start, end)
        if self.wanted is None or rid is None or rid in self.wanted:
            yield RawRecord(rid, base + start, buf[start:end])
