"""Shared test set-up: snapshots live in the top-level snapshots/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest_textual_snapshot

ROOT = Path(__file__).resolve().parent.parent


def _snapshot_dirname(cls: type, *, test_location: object) -> str:
    # One folder per test module under snapshots/, instead of __snapshots__ beside the tests.
    return str(ROOT / "snapshots" / Path(test_location.filepath).stem)  # type: ignore[attr-defined]


pytest_textual_snapshot.SVGImageExtension.dirname = classmethod(_snapshot_dirname)  # type: ignore[method-assign]
