"""Hostile text from Discogs: a sandbox account whose titles, artists, labels, folders and error
messages carry escape codes, and the check that none reaches the terminal raw."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from gramtui.sandbox import Sandbox, SandboxConfig, build_state
from gramtui.sandbox.state import SandboxState

CLEAR = "\x1b[2J"  # clears the screen
OSC_TITLE = "\x1b]0;pwned\x07"  # retitles the window
BEL = "\x07"
CR = "\r"  # goes back to the start of the line and overwrites it
CSI_C1 = "\x9b31m"  # the one-byte CSI: red text on terminals that honour C1
BIDI = "\u202e"  # right-to-left override
ERROR_SUFFIX = f" {CLEAR}{OSC_TITLE}{CR}{CSI_C1}{BIDI}"
FIXED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)  # the sessions' clock: same pictures every run


def hostile_state(**sizes: int) -> SandboxState:
    """The sample account with every release's title, artists and labels and every folder name
    carrying escape codes."""
    state = build_state(**sizes)
    for release in state.releases.values():
        release.title = f"{CLEAR}{release.title}{BEL}"
        release.artists = tuple(
            dataclasses.replace(a, name=f"{a.name}{OSC_TITLE}{BIDI}") for a in release.artists
        )
        release.labels = tuple(
            dataclasses.replace(lb, name=f"{lb.name}{CR}{CSI_C1}") for lb in release.labels
        )
    for folder in state.folders.values():
        if folder.id:
            folder.name = f"{folder.name}{BEL}"
    return state


def hostile_sandbox(clock: Callable[[], float] = time.monotonic, **sizes: int) -> Sandbox:
    return Sandbox(
        hostile_state(**sizes),
        SandboxConfig(window_seconds=0.5, error_message_suffix=ERROR_SUFFIX),
        clock=clock,
    )


def controls(texts: Iterable[str], *, allow: str = "") -> list[str]:
    """The control characters in `texts` (C0 but `allow`, DEL, C1, bidi overrides/isolates)."""
    return sorted(
        {
            repr(c)
            for text in texts
            for c in text
            if c not in allow
            and (
                ord(c) < 0x20
                or 0x7F <= ord(c) <= 0x9F
                or 0x202A <= ord(c) <= 0x202E
                or 0x2066 <= ord(c) <= 0x2069
            )
        }
    )
