"""The Discogs token: from DISCOGS_TOKEN, or a file of mode 0600 in the data directory.

The token is a secret: nothing here logs or prints it (the client scrubs it from answers). Its
form is checked as it is read, so a line break or a non-ASCII character is named here, in one
sentence that does not show the token, instead of surfacing from the HTTP library.
"""

from __future__ import annotations

import os
from pathlib import Path

from gramtui.discogs.secret import token_advice, token_problem
from gramtui.settings.config import ConfigError


class TokenFormError(ConfigError):
    """The token read has the wrong form; the message says where it came from and what is wrong."""


def read_token(token_file: Path) -> str | None:
    env = os.environ.get("DISCOGS_TOKEN", "").strip()
    if env:
        return _checked(env, "in DISCOGS_TOKEN")
    try:
        text = token_file.read_text(encoding="utf-8").strip()
    except UnicodeDecodeError:
        raise TokenFormError(token_advice("is not UTF-8 text", f"in {token_file}")) from None
    except OSError:
        return None
    return _checked(text, f"in {token_file}") if text else None


def _checked(token: str, source: str) -> str:
    problem = token_problem(token)
    if problem is not None:
        raise TokenFormError(token_advice(problem, source))
    return token


def store_token(token_file: Path, token: str) -> None:
    """Written through a 0600 file descriptor so the token is never readable by others, even briefly."""
    token_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = token_file.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token.strip() + "\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, token_file)
