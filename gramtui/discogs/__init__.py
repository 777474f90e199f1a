"""The Discogs HTTP client: auth, User-Agent, pagination, rate limiter, typed errors, JSON -> domain."""

from gramtui.discogs.client import DEFAULT_BASE_URL, DEFAULT_USER_AGENT, DiscogsClient
from gramtui.discogs.errors import (
    BadResponse,
    DiscogsError,
    Forbidden,
    NetworkError,
    NotFound,
    RateLimited,
    ServerError,
    Unauthorized,
    Unprocessable,
)
from gramtui.discogs.models import CollectionItem, Identity, MasterInfo, Page
from gramtui.discogs.ratelimit import RateLimiter, RateLimitStatus

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_USER_AGENT",
    "BadResponse",
    "CollectionItem",
    "DiscogsClient",
    "DiscogsError",
    "Forbidden",
    "Identity",
    "MasterInfo",
    "NetworkError",
    "NotFound",
    "Page",
    "RateLimitStatus",
    "RateLimited",
    "RateLimiter",
    "ServerError",
    "Unauthorized",
    "Unprocessable",
]
