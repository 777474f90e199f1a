"""The moves feature's tests reuse the loopback printer and the ESC/POS decoder of tests/printing."""

from __future__ import annotations

import sys
from pathlib import Path

PRINTING = str(Path(__file__).resolve().parent.parent / "printing")
if PRINTING not in sys.path:
    sys.path.insert(0, PRINTING)


from collections.abc import Callable  # noqa: E402

import pytest  # noqa: E402
from moves_pane_app import synced_sample  # noqa: E402

from gramtui.engine.setup import Session  # noqa: E402


@pytest.fixture
def synced(
    sandbox_server: Callable[..., object],
    make_session: Callable[..., object],
    drain: Callable[..., None],
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
) -> Callable[[], Session]:
    """synced() -> a session on the synced sample with its organisation (moves_pane_app)."""
    return lambda: synced_sample(
        sandbox_server, make_session, drain, tmp_path_factory, tmp_path / "data"
    )


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Textual runs on asyncio
