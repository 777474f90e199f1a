"""What a record is: a Discogs release and one copy of it in the collection (an instance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Size = Literal["regular", "oversized"]


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    catno: str = ""


@dataclass(frozen=True, slots=True)
class Format:
    """One entry of a release's formats: `name` is Vinyl/CD/Box Set...; LP, 12", 7" are descriptions."""

    name: str
    qty: int = 1
    descriptions: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Artist:
    name: str
    anv: str = ""  # the name as credited on this release
    join: str = ""  # how it joins the next artist (",", "&", "Feat.")


@dataclass(frozen=True, slots=True)
class ShelfKeys:
    """A release's shelf sort keys as the store keeps them (gramtui.domain.sortkeys.shelf_keys):
    strings that compare as the computed key tuples do, so a layout sorts without folding text."""

    label: str  # the label sort's key without its tie-break
    artist: str  # the artist sort's key without its tie-break
    title: str  # the tie-break every sort ends with (before the instance id)


@dataclass(frozen=True, slots=True)
class Release:
    id: int
    title: str
    artists: tuple[Artist, ...] = ()
    labels: tuple[Label, ...] = ()
    formats: tuple[Format, ...] = ()
    year: int | None = None  # None when Discogs says 0 (unknown)
    genres: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    master_id: int | None = None
    master_year: int | None = None  # earliest release year of the master, when known
    thumb: str = ""
    # Stored sort keys, read with the release for a layout; None: computed when needed.
    shelf: ShelfKeys | None = field(default=None, compare=False, repr=False)

    @property
    def artist(self) -> str:
        """The display credit, e.g. "Simon & Garfunkel" or "Dr. Dre Feat. Snoop Dogg"."""
        parts: list[str] = []
        for i, a in enumerate(self.artists):
            parts.append(a.anv or a.name)
            if i < len(self.artists) - 1:
                join = a.join.strip() or ","
                parts.append(", " if join == "," else f" {join} ")
        return "".join(parts).replace(" , ", ", ")

    @property
    def label(self) -> str:
        return self.labels[0].name if self.labels else ""

    @property
    def catno(self) -> str:
        return self.labels[0].catno if self.labels else ""

    @property
    def format_summary(self) -> str:
        """A short human line like `2×Vinyl, LP, Album + CD`."""
        out = []
        for f in self.formats:
            head = f"{f.qty}×{f.name}" if f.qty > 1 else f.name
            out.append(", ".join([head, *f.descriptions]))
        return " + ".join(out)


@dataclass(frozen=True, slots=True)
class Record:
    """One copy in the collection. `fields` maps a custom field's name to its value."""

    instance_id: int
    release: Release
    folder_id: int
    date_added: datetime | None = None
    rating: int = 0
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    size: Size = "regular"
    width: float | None = None  # explicit width in cm set by the user, if any

    @property
    def release_id(self) -> int:
        return self.release.id


@dataclass(frozen=True, slots=True)
class Folder:
    id: int
    name: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class CustomField:
    id: int
    name: str
    type: str = "textarea"  # "dropdown" or "textarea"
    options: tuple[str, ...] = ()
    position: int = 0
    public: bool = False
