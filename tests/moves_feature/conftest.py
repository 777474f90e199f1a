"""The moves feature's tests reuse the loopback printer and the ESC/POS decoder of tests/printing."""

from __future__ import annotations

import sys
from pathlib import Path

PRINTING = str(Path(__file__).resolve().parent.parent / "printing")
if PRINTING not in sys.path:
    sys.path.insert(0, PRINTING)


import pytest  # noqa: E402


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Textual runs on asyncio
