"""What one record of each dump kind holds once parsed (plain tuples: cheap to build and to pickle).

Empty text is "", a missing number is None. The 2025 format omits empty elements and some artist
ids; the same tuple comes out either way.
"""

from __future__ import annotations

from typing import NamedTuple


class Credit(NamedTuple):
    artist_id: int | None  # None: credited by name only (2024-12 format onwards)
    name: str
    anv: str
    join: str
    role: str
    tracks: str


class LabelCredit(NamedTuple):
    label_id: int | None
    name: str
    catno: str


class FormatEntry(NamedTuple):
    name: str
    qty: int
    text: str
    descriptions: tuple[str, ...]


class Identifier(NamedTuple):
    type: str
    description: str
    value: str


class Track(NamedTuple):
    position: str
    title: str
    duration: str


class DumpRelease(NamedTuple):
    id: int
    status: str
    title: str
    country: str
    released: str
    master_id: int | None
    is_main_release: bool
    data_quality: str
    notes: str
    artists: tuple[Credit, ...]
    extraartists: tuple[Credit, ...]
    labels: tuple[LabelCredit, ...]
    series: tuple[LabelCredit, ...]
    formats: tuple[FormatEntry, ...]
    identifiers: tuple[Identifier, ...]
    tracks: tuple[Track, ...]
    genres: tuple[str, ...]
    styles: tuple[str, ...]


class DumpMaster(NamedTuple):
    id: int
    main_release: int | None
    year: int | None
    title: str
    data_quality: str
    artists: tuple[Credit, ...]
    genres: tuple[str, ...]
    styles: tuple[str, ...]


class Alias(NamedTuple):
    artist_id: int | None
    name: str


class DumpArtist(NamedTuple):
    id: int
    name: str
    realname: str
    profile: str
    data_quality: str
    aliases: tuple[Alias, ...]
    namevariations: tuple[str, ...]


class DumpLabel(NamedTuple):
    id: int
    name: str
    profile: str
    data_quality: str
    parent_id: int | None
    parent_name: str


DumpRecord = DumpRelease | DumpMaster | DumpArtist | DumpLabel
