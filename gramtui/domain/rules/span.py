"""A highlighted piece of a rule text."""

from __future__ import annotations

from dataclasses import dataclass

# keyword, operator, string, number, field, classification, format, name (a defined predicate),
# folder, comment, error.
SPAN_KINDS: tuple[str, ...] = (
    "keyword",
    "operator",
    "string",
    "number",
    "field",
    "classification",
    "format",
    "name",
    "folder",
    "comment",
    "error",
)


@dataclass(frozen=True, slots=True)
class Span:
    """`line` is 1-based like diagnostics; `start`/`end` are 0-based offsets into that line, end
    exclusive, so `line_text[start:end]` is the highlighted text."""

    line: int
    start: int
    end: int
    kind: str
