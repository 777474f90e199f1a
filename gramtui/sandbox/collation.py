"""Sort keys that order text the way the Discogs collection does.

The recorded folder-0 pages (sorted by label) put `(K-RAA-K)³` before `[PIAS] Recordings` before
`130701`, `ä` between `A & I Records` and `A&M Records`, and `ATCO Records` before
`ATCO Records, ATCO Records`: case- and accent-insensitive, punctuation before digits before
letters, punctuation in Unicode collation order (space, `_ - , ; : ! ? . ' "` brackets, `@ * / \\ &
# % ...`). Keys are plain strings so sorting stays in C.
"""

from __future__ import annotations

import unicodedata

# ASCII punctuation in Unicode collation (DUCET) order; each maps below "0".
_PUNCT_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
_TABLE: dict[int, str | None] = {ord(ch): chr(1 + i) for i, ch in enumerate(_PUNCT_ORDER)}
_TABLE.update({cp: None for cp in range(0x300, 0x370)})  # combining accents, after NFKD


def collation_key(text: str) -> str:
    """A key whose plain string order follows the Discogs collation (see module doc)."""
    if text.isascii():
        return text.casefold().translate(_TABLE)
    return unicodedata.normalize("NFKD", text.casefold()).translate(_TABLE)
