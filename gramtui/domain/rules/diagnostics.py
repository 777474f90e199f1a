"""What the rule checker reports: a message at a 1-based line and column, saying how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """`create_folder` is set when the fix is to create that Discogs folder (the UI can offer it)."""

    line: int
    column: int
    message: str
    severity: Severity = "error"
    create_folder: str | None = None

    def __str__(self) -> str:
        return f"{self.line}:{self.column} {self.message}"


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)
