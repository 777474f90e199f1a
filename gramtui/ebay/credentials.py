"""The eBay application keys: EBAY_CLIENT_ID / EBAY_CLIENT_SECRET, or a file of mode 0600 in the
data directory holding the id and the secret on two lines. Secrets: never logged or printed."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from gramtui.ebay.errors import EbayError

FILE_NAME = "ebay-credentials"


class CredentialsError(EbayError):
    """The credentials file cannot be used; the message says why and how to fix it."""

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class EbayCredentials:
    client_id: str
    client_secret: str

    def __repr__(self) -> str:  # never the secret, even in a traceback's locals
        return f"EbayCredentials(client_id={self.client_id[:4]}…)"


def read_credentials(path: Path) -> EbayCredentials | None:
    cid = os.environ.get("EBAY_CLIENT_ID", "").strip()
    secret = os.environ.get("EBAY_CLIENT_SECRET", "").strip()
    if cid and secret:
        return EbayCredentials(cid, secret)
    try:
        mode = path.stat().st_mode
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    except OSError:
        return None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CredentialsError(
            f"{path} can be read by other users: run `chmod 600 {path}` so the eBay secret stays yours."
        )
    if len(lines) != 2:
        raise CredentialsError(
            f"{path} must hold two lines, the eBay client id and then the client secret."
        )
    return EbayCredentials(lines[0], lines[1])


def store_credentials(path: Path, credentials: EbayCredentials) -> None:
    """Written through a 0600 file descriptor, so the secret is never readable by others."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"{credentials.client_id}\n{credentials.client_secret}\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
