"""Opening a dump file: gzip or plain XML, its kind from the root element, its date from the name.

`chunks()` yields decompressed bytes in pieces of bounded size, so memory does not grow with the
file, and `compressed_read` says how far into the file on disk the reader is (for an ETA).
"""

from __future__ import annotations

import functools
import gzip
import io
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from gramtui.dumps.errors import DumpError
from gramtui.dumps.values import dump_date


def _stdlib_inflating(f: BinaryIO) -> io.BufferedIOBase:
    return gzip.GzipFile(fileobj=f, mode="rb")


try:  # ISA-L: 0.85 s of CPU to inflate 900 MB here, the standard library 2.2 s; and it inflates
    # in a thread of its own (without the GIL), so a second core does that while this one finds
    # records (scope collection: a third less time for the same CPU time, on a loaded machine)
    from isal import igzip_threaded
    from isal.isal_zlib import error as IsalError

    # Its blocks of 256 KB (1 MB by default, with 8 MB of gzip data read ahead) keep its memory
    # to a few MB: the reader process's peak grew by 18 MB with the default.
    _inflating: Callable[[BinaryIO], io.BufferedIOBase] = functools.partial(
        igzip_threaded.open, mode="rb", threads=1, block_size=1 << 18
    )
    # isal's stub declares its error class as an instance (`IsalError: Exception`):
    _BAD_DATA: tuple[type[Exception], ...] = (OSError, zlib.error, IsalError)  # type: ignore[assignment]
except ImportError:  # no wheel for this platform: the standard library reads the same files
    _inflating = _stdlib_inflating
    _BAD_DATA = (OSError, zlib.error)

KINDS = ("releases", "masters", "artists", "labels")
BLOCK = 1 << 22  # decompressed bytes per piece: big enough that per-piece costs vanish
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*)")


@dataclass
class DumpSource:
    path: Path
    kind: str  # releases | masters | artists | labels
    date: str  # "2020-08-06", or "" when the file name carries none
    size: int  # bytes on disk
    gzipped: bool
    single: bool  # the root is one record (<release id=…>), not a whole dump
    compressed_read: int = 0
    block: int = BLOCK  # bytes per piece (tests make it tiny to put records across pieces)

    def chunks(self) -> Iterator[bytes]:
        with self.path.open("rb") as f:
            if not self.gzipped:
                while block := f.read(self.block):
                    self.compressed_read = f.tell()
                    yield block
                return
            yield from self._gunzip(f)

    def _gunzip(self, f: BinaryIO) -> Iterator[bytes]:
        """Decompressed pieces; a gzip file may hold several members one after another."""
        with _inflating(f) as unzipped:
            while True:
                try:
                    out = unzipped.read(self.block)
                except EOFError:
                    raise DumpError(
                        f"{self.path.name} ends early: the gzip data stops at byte {self.size:,} "
                        "(a truncated download?). Download the file again."
                    ) from None
                except _BAD_DATA as e:
                    raise DumpError(
                        f"{self.path.name} is damaged: the gzip data is invalid near byte "
                        f"{f.tell():,} ({e}). Download the file again."
                    ) from None
                self.compressed_read = f.tell()
                if not out:
                    return
                yield out


def open_dump(path: Path) -> DumpSource:
    """Look at the start of the file: is it a Discogs dump, and of which kind?"""
    if not path.is_file():
        raise DumpError(f"{path} does not exist or is not a file.")
    with path.open("rb") as f:
        magic = f.read(2)
    gzipped = magic == b"\x1f\x8b"
    source = DumpSource(path, "", dump_date(path.name), path.stat().st_size, gzipped, False)
    head = b""
    try:
        for chunk in source.chunks():
            head += chunk
            if len(head) >= 4096:
                break
    except DumpError:
        if not head:
            raise
    text = head.lstrip(b"\xef\xbb\xbf")
    match = _ROOT.search(text)  # skips <?xml …?> and comments: they do not start with a letter
    root = match.group(1).decode("ascii", "replace") if match else ""
    if root in KINDS:
        source.kind = root
    elif root + "s" in KINDS:
        source.kind, source.single = root + "s", True
    else:
        what = f"its root element is <{root}>" if root else "it does not start with XML"
        raise DumpError(
            f"{path.name} is not a Discogs data dump: {what}, not <releases>, <masters>, "
            "<artists> or <labels>."
        )
    source.compressed_read = 0
    return source
