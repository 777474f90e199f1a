"""Signing in: check a token against /oauth/identity before keeping it."""

from __future__ import annotations

from gramtui.discogs.client import DiscogsClient
from gramtui.discogs.models import Identity
from gramtui.domain.tasks import Priority
from gramtui.engine.setup import Session
from gramtui.settings.token import store_token
from gramtui.store import meta


def sign_in(session: Session, token: str) -> Identity:
    """Check the token; only if Discogs accepts it, store it (mode 0600) and use it.

    Raises DiscogsError (401 for a wrong token, NetworkError for no connection); nothing is
    changed then.
    """
    token = token.strip()
    engine = session.engine
    candidate = DiscogsClient(
        token,
        session.base_url,
        limiter=engine.limiter,
        transport=getattr(engine.client, "transport", None),
    )
    try:
        identity = candidate.identity(priority=Priority.USER)
    except Exception:
        candidate.close()
        raise
    store_token(session.paths.token_file, token)
    old = engine.client
    engine.client = candidate
    old.close()
    session.token = token
    meta.put("username", identity.username)
    return identity
