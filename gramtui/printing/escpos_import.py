"""Using python-escpos without letting it write to the terminal.

python-escpos 3.1 calls `logging.basicConfig()` when `escpos.capabilities` is imported, and its
printers log through the module-level `logging.info()` / `logging.error()`, which call
`basicConfig()` again whenever the root logger has no handler. Either way a StreamHandler on the
real stderr lands on the root logger and paints over the TUI. Every use of the library therefore
goes through `quiet_escpos()`: inside it the root logger holds a NullHandler (so `basicConfig()`
does nothing), and on the way out the root's handlers are put back as they were.

The import also pickles its printer database into a fresh `mkdtemp()` directory per process
unless ESCPOS_CAPABILITIES_PICKLE_DIR says where; we point it at our cache directory once.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import platformdirs

_PICKLE_DIR = "ESCPOS_CAPABILITIES_PICKLE_DIR"
_lock = threading.RLock()  # the root logger is process-wide: one guarded block at a time


@contextmanager
def quiet_escpos() -> Iterator[None]:
    """Run python-escpos code without it adding handlers to the root logger."""
    with _lock:
        root = logging.getLogger()
        kept = list(root.handlers)
        guard = logging.NullHandler()
        root.addHandler(guard)
        try:
            yield
        finally:
            for handler in list(root.handlers):
                if handler not in kept:
                    root.removeHandler(handler)


def escpos_printers() -> ModuleType:
    """The `escpos.printer` module, imported quietly the first time it is needed."""
    with quiet_escpos():
        if _PICKLE_DIR not in os.environ:
            cache = Path(platformdirs.user_cache_dir("gramtui")) / "escpos"
            cache.mkdir(parents=True, exist_ok=True)
            os.environ[_PICKLE_DIR] = str(cache)
        import escpos.printer

        printers: ModuleType = escpos.printer
        return printers
