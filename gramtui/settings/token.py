"""The Discogs token: from DISCOGS_TOKEN, or a file of mode 0600 in the data directory.

The token is a secret: nothing here logs or prints it (the client scrubs it from answers).
"""

from __future__ import annotations

import os
from pathlib import Path


def read_token(token_file: Path) -> str | None:
    env = os.environ.get("DISCOGS_TOKEN", "").strip()
    if env:
        return env
    try:
        text = token_file.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None


def store_token(token_file: Path, token: str) -> None:
    """Written through a 0600 file descriptor so the token is never readable by others, even briefly."""
    token_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = token_file.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token.strip() + "\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, token_file)
