"""Giving memory freed by a big computation back to the system (Linux with glibc).

A layout reads every record of the organisation, builds its placements and lets the records go:
megabytes the C allocator would otherwise keep for itself, the app's resident memory staying
near the computation's peak for as long as it runs. Elsewhere this does nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    return trim


def give_back_freed_memory() -> None:
    """Return the C heap's free pages to the system (a worker's job: it walks the heap)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
