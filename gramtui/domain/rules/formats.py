"""What `contains` sees of a release's formats, and the built-in format lines.

A release's format tokens are, for every format entry: its name (`Vinyl`, `CD`, `Box Set`), each
description (`LP`, `12"`, `45 RPM`), and each description with its inch marks removed (`12"` also
gives `12`). `contains X` is true when X equals one token, ignoring case. Tokens are whole: `contains
7` matches `7"` but not `17"` nor `7" Cine Reel`, and `contains Box Set` matches the name `Box Set`.
"""

from __future__ import annotations

from functools import lru_cache

from gramtui.domain.records import Format, Release

BUILTIN_FORMATS_TEXT = """\
[formats]
contains 12 || contains LP -> 12 Inch
contains 7 -> 7 Inch
contains CD -> CD
contains File -> File
"""

# Predicates a collector may use without defining them; a user `define` of the same name wins.
BUILTIN_DEFINES_TEXT = """\
define is_uncleaned = Cleaned != "Yes"
define is_oversized = size = oversized
"""

INCH_MARKS = "\"″”'"


# A reader shares one formats tuple between the releases that have the same formats: looked up by
# identity first, which spares hashing the tuple's Formats for every record.
_BY_IDENTITY: dict[int, tuple[tuple[Format, ...], frozenset[str]]] = {}


def format_tokens(release: Release) -> frozenset[str]:
    formats = release.formats
    known = _BY_IDENTITY.get(id(formats))
    if known is not None and known[0] is formats:  # the tuple is kept, so its id is not reused
        return known[1]
    tokens = _tokens(formats)
    if len(_BY_IDENTITY) >= 4096:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[id(formats)] = (formats, tokens)
    return tokens


@lru_cache(maxsize=4096)  # a collection repeats a few hundred format lists: work each out once
def _tokens(formats: tuple[Format, ...]) -> frozenset[str]:
    tokens: set[str] = set()
    for entry in formats:
        tokens.add(entry.name.casefold())
        for description in entry.descriptions:
            folded = description.casefold()
            tokens.add(folded)
            tokens.add(folded.strip(INCH_MARKS).strip())
    tokens.discard("")
    return frozenset(tokens)
