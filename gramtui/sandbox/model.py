"""The sandbox's own picture of Discogs data, kept as raw as the API serves it.

The domain types (gramtui.domain) are what the app believes; these are what the server stores, so
they keep what a client has to cope with: artist and label ids, `qty` as text, descriptions that
may be missing (None), master id 0 for "no master", prices as Decimal in the seller's currency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ArtistCredit:
    name: str
    anv: str = ""
    join: str = ""
    id: int = 0


@dataclass(frozen=True, slots=True)
class LabelCredit:
    name: str
    catno: str = ""
    id: int = 0


@dataclass(frozen=True, slots=True)
class FormatEntry:
    name: str
    qty: str = "1"
    descriptions: tuple[str, ...] | None = None  # None: Discogs leaves the key out
    text: str = ""


@dataclass(slots=True)
class ReleaseData:
    id: int
    title: str
    year: int = 0
    master_id: int = 0
    artists: tuple[ArtistCredit, ...] = ()
    labels: tuple[LabelCredit, ...] = ()
    formats: tuple[FormatEntry, ...] = ()
    genres: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    thumb: str = ""
    cover_image: str = ""
    country: str = ""
    released: str = ""

    @property
    def artist_credit(self) -> str:
        """The credit as Discogs writes it in listing descriptions: names joined by their joins."""
        out = []
        for i, a in enumerate(self.artists):
            out.append(a.anv or a.name)
            if i < len(self.artists) - 1:
                join = a.join.strip() or ","
                out.append(", " if join == "," else f" {join} ")
        return "".join(out)


@dataclass(slots=True)
class Instance:
    instance_id: int
    release_id: int
    folder_id: int
    rating: int = 0
    added: int = 0  # Unix seconds
    notes: dict[int, str] = field(default_factory=dict)  # field id -> value


@dataclass(slots=True)
class Folder:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class CustomFieldDef:
    id: int
    name: str
    type: str  # "dropdown" or "textarea"
    position: int
    options: tuple[str, ...] = ()
    lines: int = 0
    public: bool = False


@dataclass(slots=True)
class ListingData:
    id: int
    release_id: int
    status: str
    price: Decimal
    condition: str
    sleeve_condition: str = ""
    posted: int = 0  # Unix seconds
    comments: str = ""
    allow_offers: bool = False
    weight: float = 0.0
    format_quantity: int = 0
    external_id: str = ""
    location: str = ""
    currency: str = "USD"


@dataclass(slots=True)
class WantData:
    release_id: int
    added: int  # Unix seconds
    rating: int = 0
    notes: str = ""


@dataclass(frozen=True, slots=True)
class MarketStats:
    num_for_sale: int | None
    lowest_price: float | None
    blocked_from_sale: bool = False


@dataclass(frozen=True, slots=True)
class MasterData:
    id: int
    title: str
    year: int = 0
    main_release: int = 0
    artists: tuple[ArtistCredit, ...] = ()
    genres: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
