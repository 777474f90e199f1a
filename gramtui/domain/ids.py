"""The range of a Discogs id (release, master, instance, listing, folder).

Discogs ids are positive integers. Listing and instance ids already pass 2^31, so a 32-bit limit
would refuse real ones; the bound is the largest integer SQLite stores (2^63 - 1), beyond which
storing the id would fail. Anything outside 1..MAX_DISCOGS_ID is a typo, refused where it is read.
"""

from __future__ import annotations

MAX_DISCOGS_ID = 2**63 - 1
ID_RANGE = "a positive number, at most 2^63-1 (9223372036854775807)"


def is_discogs_id(value: int) -> bool:
    return 0 < value <= MAX_DISCOGS_ID
