"""Fixtures: a fake wantlist server and a real session on a SQLite file in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from wants_fake_discogs import FakeDiscogs
from wants_helpers import make_session

from gramtui.engine.setup import Session


@pytest.fixture
def discogs() -> FakeDiscogs:
    return FakeDiscogs()


@pytest.fixture
def session(tmp_path: Path, discogs: FakeDiscogs) -> Iterator[Session]:
    s = make_session(tmp_path, discogs)
    yield s
    s.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # Textual runs on asyncio
