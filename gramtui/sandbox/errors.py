"""What the sandbox answers when a request or a test's edit cannot be done, with Discogs' words."""

from __future__ import annotations


class SandboxError(Exception):
    """A refusal carrying the HTTP status and the `message` Discogs would send."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def body(self) -> dict[str, object]:
        return {"message": self.message}


class NotFoundError(SandboxError):
    status = 404


class ForbiddenError(SandboxError):
    status = 403


class InvalidError(SandboxError):
    status = 422


class FieldValueError(InvalidError):
    """The 2026 validation shape: a `detail` list beside the message (recorded on field edits)."""

    def __init__(self, reason: str) -> None:
        super().__init__('See "detail" for validation errors.')
        self.reason = reason

    def body(self) -> dict[str, object]:
        detail = [{"msg": self.reason, "loc": ["body", "value"], "type": "value_error"}]
        return {"detail": detail, "message": self.message}


class SandboxConfigError(ValueError):
    """A sandbox setting that cannot be used (an unknown fault name, a share outside 0..1)."""


class UnauthorizedError(SandboxError):
    status = 401
