"""What an evaluation looks at: the Record, the facts about it the store knows beyond the Record,
and the per-record values worked out once (format tokens, format class, classification)."""

from __future__ import annotations

from dataclasses import dataclass

from gramtui.domain.records import Record
from gramtui.domain.rules.formats import format_tokens


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """`copies` counts instances of the same release in the collection (1 when alone)."""

    folder_name: str
    listing_status: str | None = None
    copies: int = 1


class Subject:
    """One record under evaluation; format class and label are filled in as they are decided."""

    __slots__ = ("record", "facts", "tokens", "format_class", "format_key", "label", "label_key")

    def __init__(self, record: Record, facts: RecordFacts) -> None:
        self.record = record
        self.facts = facts
        self.tokens = format_tokens(record.release)
        self.format_class: str | None = None
        self.format_key: str | None = None
        self.label: str | None = None
        self.label_key: str | None = None
