"""The Discogs token as a secret: what form it must have, and the one rule that keeps it out of
every text that is logged or shown.

The rule: any text that may hold what the token was part of (an exception's words, a server's
answer, a log line) passes `scrub` before anyone sees it. `scrub` blanks every secret this process
holds (`remember`ed by the client that sends it) in every form it can take inside such a text: as
is, escaped as in a repr (b'Discogs token=ab\\ncd'), percent-encoded, and line by line.
"""

from __future__ import annotations

import logging
import threading
from urllib.parse import quote

MAX_TOKEN_LENGTH = 200  # Discogs' personal tokens are 40 characters
HIDDEN = "[token]"
_MIN_PART = 4  # shorter pieces of a token (one of its lines) are not worth blanking
# Shorter "tokens" (tests, the sandbox's) are not blanked: they would blank ordinary words.
# Discogs' tokens are 40 characters.
MIN_SECRET = 8

_secrets: set[str] = set()
_lock = threading.Lock()


def token_problem(token: str) -> str | None:
    """What is wrong with the form of a token (a sentence fragment), None when it looks right.
    Never quotes the token or any of its characters."""
    if not token:
        return "is empty"
    if any(c in "\r\n" for c in token):
        return "holds a line break"
    for position, char in enumerate(token, start=1):
        if not char.isascii():
            return f"holds a character that is not plain ASCII (character {position})"
        if char.isspace():
            return f"holds a space (character {position})"
        if not char.isprintable():
            return f"holds a control character (character {position})"
    if len(token) > MAX_TOKEN_LENGTH:
        return f"is {len(token):,} characters long (at most {MAX_TOKEN_LENGTH})"
    return None


def token_advice(problem: str, source: str) -> str:
    """One sentence for a token of the wrong form, naming where it came from."""
    return (
        f"The Discogs token {source} {problem}; a token is one line of letters and digits: "
        "copy it again from discogs.com → Settings → Developers."
    )


def remember(secret: str) -> None:
    """From now on `scrub` blanks `secret` (the client calls this with the token it sends)."""
    if len(secret) >= MIN_SECRET:
        with _lock:
            _secrets.add(secret)


def scrub(text: str) -> str:
    """`text` with every remembered secret blanked, in every form it may take in the text."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        for form in _forms(secret):
            text = text.replace(form, HIDDEN)
    return text


def _forms(secret: str) -> list[str]:
    forms = {
        secret,
        secret.encode("unicode_escape").decode("ascii"),  # str repr: 'ab\ncd'
        repr(secret.encode("utf-8", "backslashreplace"))[2:-1],  # bytes repr: b'ab\ncd'
        quote(secret, safe=""),
        *(part for part in secret.splitlines() if len(part.strip()) >= _MIN_PART),
    }
    return sorted((f for f in forms if f), key=len, reverse=True)


class ScrubbingFormatter(logging.Formatter):
    """A log formatter whose lines, tracebacks included, have passed `scrub`."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))
