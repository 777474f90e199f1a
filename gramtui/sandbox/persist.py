"""Keeping a sandbox account on disk, so the demo's Discogs remembers what the user did there
(a listing made, a want added, a record moved) across starts, as the demo's local store does.

The file is written only by gramtui, in the demo's own data directory, and read back from there;
a file that cannot be read (another version, damage) is set aside and the account starts anew.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

from gramtui.sandbox.state import SandboxState

log = logging.getLogger("gramtui.sandbox")

FORMAT = 1  # bump when SandboxState's fields change shape


def load_state(path: Path) -> SandboxState | None:
    """The account kept at `path`, or None when there is none (or it cannot be read)."""
    try:
        with path.open("rb") as f:
            kept = pickle.load(f)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == FORMAT:
            state = kept[1]
            if isinstance(state, SandboxState):
                return state
        raise ValueError(f"not a sandbox account of format {FORMAT}")
    except FileNotFoundError:
        return None
    except Exception as e:  # unreadable: keep it aside for a look, start anew
        log.warning("the demo's Discogs account in %s cannot be read (%s); starting anew", path, e)
        try:
            path.replace(path.with_suffix(".unreadable"))
        except OSError:
            pass
        return None


def save_state(state: SandboxState, path: Path) -> None:
    """Write the account atomically (a crash mid-write leaves the previous one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with state.lock:
        data = pickle.dumps((FORMAT, state), protocol=pickle.HIGHEST_PROTOCOL)
    tmp.write_bytes(data)
    os.replace(tmp, path)


def keep_state(state: SandboxState, path: Path) -> None:
    """Save the account now and after every change from then on."""

    def save() -> None:
        try:
            save_state(state, path)
        except OSError as e:
            log.warning("could not keep the demo's Discogs account in %s (%s)", path, e)

    state.on_change = save
    save()
