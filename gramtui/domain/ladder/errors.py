"""What can go wrong when the ladder is handed bad configuration, bad stored state or a bad clock."""

from __future__ import annotations

from datetime import datetime


class LadderError(ValueError):
    """Base class: the ladder was called with something it cannot work with."""


class LadderConfigError(LadderError):
    """A configuration or per-listing override value is out of range or of the wrong kind."""


class LadderStateError(LadderError):
    """Stored ladder state cannot be read back."""


class LadderClockError(LadderError):
    """A time was given without a timezone."""


def require_aware(at: object, what: str) -> None:
    """Naive datetimes would silently shift by the local offset; refuse them."""
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise LadderClockError(
            f"{what} must be a timezone-aware datetime (UTC); pass e.g. datetime.now(UTC)."
        )
