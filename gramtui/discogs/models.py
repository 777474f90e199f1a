"""Shapes the Discogs client returns that are not domain objects: who we are, pages, masters,
and a collection item as Discogs describes it (custom field values keyed by field id)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from gramtui.domain.records import Record, Release

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Identity:
    id: int
    username: str


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a paginated answer, with the server's own pagination figures."""

    items: tuple[T, ...]
    page: int
    pages: int
    per_page: int
    total: int

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


@dataclass(frozen=True, slots=True)
class MasterInfo:
    id: int
    year: int | None
    main_release: int | None
    title: str


@dataclass(frozen=True, slots=True)
class Community:
    """How many Discogs users have a release and want it; None where the answer was unusable."""

    release_id: int
    have: int | None
    want: int | None


@dataclass(frozen=True, slots=True)
class CollectionValue:
    """Discogs' estimate of a collection's worth, formatted in the user's currency ("€101.72")."""

    minimum: str
    median: str
    maximum: str


@dataclass(frozen=True, slots=True)
class CollectionItem:
    """One instance in the collection; `notes` maps a custom field's id to its value."""

    instance_id: int
    folder_id: int
    release: Release
    date_added: datetime | None = None
    rating: int = 0
    notes: dict[int, str] = field(default_factory=dict, compare=False, hash=False)

    def to_record(self, field_names: Mapping[int, str]) -> Record:
        """The domain record, with custom field values keyed by the field's name.

        A value for a field id missing from `field_names` is kept under the id as text.
        """
        fields = {field_names.get(fid, str(fid)): value for fid, value in self.notes.items()}
        return Record(
            instance_id=self.instance_id,
            release=self.release,
            folder_id=self.folder_id,
            date_added=self.date_added,
            rating=self.rating,
            fields=fields,
        )
