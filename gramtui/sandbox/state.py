"""The sandbox's in-memory Discogs account: folders, fields, collection, inventory, wants, market.

Every change goes through a method here, whether it comes from an HTTP request or from a test
playing "the user edits on Discogs", so both follow the same rules. One re-entrant lock guards it
all; sorted views are cached per state version so paging through 50,000 instances sorts once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import TypeVar, cast

from gramtui.domain.marketplace import CONDITIONS, LISTING_STATUSES, SLEEVE_CONDITIONS
from gramtui.sandbox import market
from gramtui.sandbox.collation import collation_key
from gramtui.sandbox.errors import (
    FieldValueError,
    ForbiddenError,
    InvalidError,
    NotFoundError,
)
from gramtui.sandbox.model import (
    CustomFieldDef,
    Folder,
    Instance,
    ListingData,
    MarketStats,
    MasterData,
    ReleaseData,
    WantData,
)

ALL_FOLDER = 0
UNCATEGORIZED = 1
FOLDER_NAME_LIMIT = 50  # real: longer names come back cut to 50 characters
COLLECTION_SORTS = ("label", "artist", "title", "catno", "format", "rating", "added", "year")
INVENTORY_SORTS = (
    "listed",
    "price",
    "item",
    "artist",
    "label",
    "catno",
    "audio",
    "status",
    "location",
)
EDITABLE_STATUSES = ("For Sale", "Draft", "Expired")
SETTABLE_STATUSES = ("For Sale", "Draft")  # what a create or edit may ask for

MSG_NO_FOLDER = "The requested folder does not exist."
MSG_NO_ITEM = "The requested collection item does not exist in this user's collection."
_T = TypeVar("_T")
MSG_NO_RELEASE = "Release not found."
MSG_NO_MASTER = "Master Release not found."
MSG_NOT_FOUND = "The requested resource was not found."
MSG_NO_WANT = "That release does not exist in the user's wantlist."
MSG_PERMISSION = "You don't have permission to access this resource."


def _instance_key(
    sort: str, releases: dict[int, ReleaseData]
) -> Callable[[Instance], tuple[object, ...]]:
    def label(i: Instance) -> tuple[object, ...]:
        r = releases[i.release_id]
        names = ", ".join(lab.name for lab in r.labels)
        catno = r.labels[0].catno if r.labels else ""
        return (collation_key(names), collation_key(catno), i.instance_id)

    def artist(i: Instance) -> tuple[object, ...]:
        r = releases[i.release_id]
        return (collation_key(r.artist_credit), collation_key(r.title), i.instance_id)

    def title(i: Instance) -> tuple[object, ...]:
        return (collation_key(releases[i.release_id].title), i.instance_id)

    def catno(i: Instance) -> tuple[object, ...]:
        r = releases[i.release_id]
        return (collation_key(r.labels[0].catno if r.labels else ""), i.instance_id)

    def fmt(i: Instance) -> tuple[object, ...]:
        r = releases[i.release_id]
        text = " + ".join(", ".join([f.name, *(f.descriptions or ())]) for f in r.formats)
        return (collation_key(text), i.instance_id)

    keys: dict[str, Callable[[Instance], tuple[object, ...]]] = {
        "label": label,
        "artist": artist,
        "title": title,
        "catno": catno,
        "format": fmt,
        "rating": lambda i: (i.rating, i.instance_id),
        "added": lambda i: (i.added, i.instance_id),
        "year": lambda i: (releases[i.release_id].year, i.instance_id),
    }
    return keys[sort]


def parse_price(value: object) -> Decimal:
    """A listing price from a request body: a positive number with at most two decimals."""
    if isinstance(value, bool):
        raise InvalidError("Invalid price: must be a positive number.")
    try:
        price = Decimal(str(value))
    except InvalidOperation:
        raise InvalidError("Invalid price: must be a positive number.") from None
    if not price.is_finite() or price <= 0:
        raise InvalidError("Invalid price: must be a positive number.")
    return price.quantize(Decimal("0.01"))


class SandboxState:
    """One Discogs account held in memory. All methods are thread-safe."""

    def __init__(
        self,
        *,
        username: str,
        folders: Iterable[Folder],
        fields: Iterable[CustomFieldDef],
        releases: Iterable[ReleaseData],
        instances: Iterable[Instance],
        listings: Iterable[ListingData] = (),
        wants: Iterable[WantData] = (),
        masters: Iterable[MasterData] = (),
        market_seed: int = 0,
    ) -> None:
        self.lock = threading.RLock()
        self.username = username
        self.user_id = 7_350_212
        self.folders: dict[int, Folder] = {f.id: f for f in folders}
        self.fields: dict[int, CustomFieldDef] = {f.id: f for f in fields}
        self.releases: dict[int, ReleaseData] = {r.id: r for r in releases}
        self.instances: dict[int, Instance] = {i.instance_id: i for i in instances}
        self.listings: dict[int, ListingData] = {x.id: x for x in listings}
        self.wants: dict[int, WantData] = {w.release_id: w for w in wants}
        self.masters: dict[int, MasterData] = {m.id: m for m in masters}
        # Market figures are drawn on first use (seeded by release id); set entries to override.
        self.suggestions: dict[int, dict[str, dict[str, float | str]]] = {}
        self.stats: dict[int, MarketStats] = {}
        self.market_seed = market_seed
        self.version = 0
        self._cache: dict[tuple[object, ...], tuple[int, object]] = {}
        self._next_folder_id = max([9_510_194, *self.folders]) + 1
        self._next_instance_id = max([2_176_916_229, *self.instances]) + 1
        self._next_listing_id = max([2_375_135_419, *self.listings]) + 1
        self.on_change: Callable[[], None] | None = None  # called (under the lock) after a change

    # ----- reading -------------------------------------------------------------------------

    def _cached(self, key: tuple[object, ...], compute: Callable[[], _T]) -> _T:
        hit = self._cache.get(key)
        if hit is not None and hit[0] == self.version:
            return cast(_T, hit[1])  # stored by compute() for this same key
        value = compute()
        self._cache[key] = (self.version, value)
        return value

    def _changed(self) -> None:
        self.version += 1
        if self.on_change is not None:
            self.on_change()

    def __getstate__(self) -> dict[str, object]:
        """For keeping the account between demo starts: everything but the lock, the cache and
        the hook (which are made anew)."""
        with self.lock:
            state = dict(self.__dict__)
        for transient in ("lock", "_cache", "on_change"):
            state.pop(transient, None)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.lock = threading.RLock()
        self._cache = {}
        self.on_change = None

    def folder_counts(self) -> dict[int, int]:
        """Instances per folder id, with every folder present (0 for empty ones)."""

        def compute() -> dict[int, int]:
            counts = dict.fromkeys(self.folders, 0)
            for inst in self.instances.values():
                counts[inst.folder_id] = counts.get(inst.folder_id, 0) + 1
            return counts

        with self.lock:
            return self._cached(("counts",), compute)

    def folder(self, folder_id: int) -> Folder:
        with self.lock:
            if folder_id == ALL_FOLDER:
                return Folder(ALL_FOLDER, "All")
            found = self.folders.get(folder_id)
            if found is None:
                raise NotFoundError(MSG_NO_FOLDER)
            return found

    def folder_count(self, folder_id: int) -> int:
        with self.lock:
            if folder_id == ALL_FOLDER:
                return len(self.instances)
            return self.folder_counts().get(folder_id, 0)

    def folder_list(self) -> list[Folder]:
        """`All` first, then the folders by name, case-insensitively (as recorded)."""
        with self.lock:
            rest = sorted(self.folders.values(), key=lambda f: (f.name.casefold(), f.id))
            return [Folder(ALL_FOLDER, "All"), *rest]

    def release(self, release_id: int) -> ReleaseData:
        found = self.releases.get(release_id)
        if found is None:
            raise NotFoundError(MSG_NO_RELEASE)
        return found

    def instance(self, instance_id: int, release_id: int | None = None) -> Instance:
        with self.lock:
            found = self.instances.get(instance_id)
            if found is None or (release_id is not None and found.release_id != release_id):
                raise NotFoundError(MSG_NO_ITEM)
            return found

    def instances_in(
        self, folder_id: int, sort: str = "label", order: str = "asc"
    ) -> list[Instance]:
        """A folder's instances (0 = all) in the given order; do not mutate the list."""
        with self.lock:
            self.folder(folder_id)

            def compute() -> list[Instance]:
                chosen = [
                    i
                    for i in self.instances.values()
                    if folder_id == ALL_FOLDER or i.folder_id == folder_id
                ]
                key = _instance_key(sort, self.releases)
                return sorted(chosen, key=key, reverse=order == "desc")

            return self._cached(("folder", folder_id, sort, order), compute)

    def copies(self, release_id: int) -> int:
        """How many instances of a release the collection holds."""

        def compute() -> dict[int, int]:
            counts: dict[int, int] = {}
            for inst in self.instances.values():
                counts[inst.release_id] = counts.get(inst.release_id, 0) + 1
            return counts

        with self.lock:
            return self._cached(("copies",), compute).get(release_id, 0)

    def instances_of_release(self, release_id: int) -> list[Instance]:
        with self.lock:
            self.release(release_id)
            found = [i for i in self.instances.values() if i.release_id == release_id]
            return sorted(found, key=lambda i: i.instance_id)

    def listings_with(
        self,
        status: str = "All",
        sort: str = "listed",
        order: str = "asc",
    ) -> list[ListingData]:
        """Inventory listings filtered by status (`All`: every one not Deleted)."""
        if status != "All" and status not in LISTING_STATUSES:
            raise InvalidError(
                "Invalid status: expected one of All, Deleted, Draft, Expired, For Sale, Sold, "
                "Suspended, Violation."
            )

        def item_key(x: ListingData) -> tuple[object, ...]:
            r = self.releases.get(x.release_id)
            title = r.title if r else ""
            artist = r.artist_credit if r else ""
            label = r.labels[0].name if r and r.labels else ""
            catno = r.labels[0].catno if r and r.labels else ""
            values = {
                "listed": x.posted,
                "price": x.price,
                "item": collation_key(f"{artist} {title}"),
                "artist": collation_key(artist),
                "label": collation_key(label),
                "catno": collation_key(catno),
                "audio": 0,
                "status": x.status,
                "location": collation_key(x.location),
            }
            return (values[sort], x.id)

        def compute() -> list[ListingData]:
            chosen = [
                x
                for x in self.listings.values()
                if (x.status != "Deleted" if status == "All" else x.status == status)
            ]
            return sorted(chosen, key=item_key, reverse=order == "desc")

        with self.lock:
            return self._cached(("inventory", status, sort, order), compute)

    def listing(self, listing_id: int) -> ListingData:
        with self.lock:
            found = self.listings.get(listing_id)
            if found is None:
                raise NotFoundError(MSG_NOT_FOUND)
            return found

    def wants_sorted(self) -> list[WantData]:
        """The wantlist, newest first."""
        with self.lock:
            return self._cached(
                ("wants",),
                lambda: sorted(self.wants.values(), key=lambda w: (-w.added, w.release_id)),
            )

    def suggestions_for(self, release_id: int) -> dict[str, dict[str, float | str]]:
        """Price suggestions per grade for a known release (`{}` when Discogs has none)."""
        with self.lock:
            self.release(release_id)
            found = self.suggestions.get(release_id)
            if found is None:
                found = market.suggestions_for(market.mint_value(release_id, self.market_seed))
                self.suggestions[release_id] = found
            return found

    def stats_for(self, release_id: int) -> MarketStats:
        with self.lock:
            self.release(release_id)
            found = self.stats.get(release_id)
            if found is None:
                found = market.stats_for(release_id, self.market_seed)
                self.stats[release_id] = found
            return found

    def versions_of(self, master_id: int) -> list[ReleaseData]:
        def compute() -> dict[int, list[ReleaseData]]:
            index: dict[int, list[ReleaseData]] = {}
            for r in self.releases.values():
                if r.master_id:
                    index.setdefault(r.master_id, []).append(r)
            return index

        with self.lock:
            index = self._cached(("masters",), compute)
            return list(index.get(master_id, []))

    def master(self, master_id: int) -> MasterData:
        """A master as stored, or derived from its versions when only those are known."""
        with self.lock:
            found = self.masters.get(master_id)
            if found is not None:
                return found
            versions = self.versions_of(master_id)
            if not versions:
                raise NotFoundError(MSG_NO_MASTER)
            main = min(versions, key=lambda r: (r.year or 9999, r.id))
            years = [r.year for r in versions if r.year]
            return MasterData(
                master_id,
                main.title,
                min(years) if years else 0,
                main.id,
                main.artists,
                main.genres,
                main.styles,
            )

    # ----- changing: collection ------------------------------------------------------------

    def create_folder(self, name: str) -> Folder:
        name = name.strip() if isinstance(name, str) else ""
        if not name:
            raise InvalidError("Invalid name: a folder needs a non-empty name.")
        with self.lock:
            folder = Folder(self._next_folder_id, name[:FOLDER_NAME_LIMIT])
            self._next_folder_id += 1
            self.folders[folder.id] = folder
            self._changed()
            return folder

    def rename_folder(self, folder_id: int, name: str) -> Folder:
        name = name.strip() if isinstance(name, str) else ""
        with self.lock:
            folder = self.folder(folder_id)
            if folder_id in (ALL_FOLDER, UNCATEGORIZED):
                raise ForbiddenError(MSG_PERMISSION)
            if not name:
                raise InvalidError("Invalid name: a folder needs a non-empty name.")
            folder.name = name[:FOLDER_NAME_LIMIT]
            self._changed()
            return folder

    def delete_folder(self, folder_id: int) -> None:
        with self.lock:
            self.folder(folder_id)
            if folder_id in (ALL_FOLDER, UNCATEGORIZED):
                raise ForbiddenError(MSG_PERMISSION)
            if self.folder_count(folder_id):
                raise InvalidError("Only empty folders can be deleted.")
            del self.folders[folder_id]
            self._changed()

    def add_instance(
        self, release_id: int, folder_id: int = UNCATEGORIZED, *, added: int | None = None
    ) -> Instance:
        """A new copy of a release in a folder (not 0), added now unless `added` is given."""
        with self.lock:
            self.release(release_id)
            if folder_id == ALL_FOLDER:
                raise InvalidError("Invalid folder_id: releases cannot be added to folder 0.")
            self.folder(folder_id)
            inst = Instance(
                self._next_instance_id,
                release_id,
                folder_id,
                added=int(time.time()) if added is None else added,
            )
            self._next_instance_id += 1
            self.instances[inst.instance_id] = inst
            self._changed()
            return inst

    def move_instance(self, instance_id: int, folder_id: int) -> None:
        with self.lock:
            inst = self.instance(instance_id)
            if folder_id == ALL_FOLDER or folder_id not in self.folders:
                raise InvalidError("Invalid folder_id: folder does not exist.")
            inst.folder_id = folder_id
            self._changed()

    def set_rating(self, instance_id: int, rating: int) -> None:
        if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 5:
            raise InvalidError("Invalid rating: must be an integer from 0 to 5.")
        with self.lock:
            self.instance(instance_id).rating = rating
            self._changed()

    def set_field(self, instance_id: int, field_id: int, value: str) -> None:
        """Set a custom field's value on an instance ("" clears it); dropdowns check options."""
        with self.lock:
            inst = self.instance(instance_id)
            spec = self.fields.get(field_id)
            if spec is None or not isinstance(value, str):
                raise FieldValueError("HTTP fetch failed from 'collection': 400: Bad Request")
            if spec.type == "dropdown" and value and value not in spec.options:
                raise FieldValueError("HTTP fetch failed from 'collection': 400: Bad Request")
            if value:
                inst.notes[field_id] = value
            else:
                inst.notes.pop(field_id, None)
            self._changed()

    def delete_instance(self, instance_id: int) -> None:
        with self.lock:
            self.instance(instance_id)
            del self.instances[instance_id]
            self._changed()

    def add_release(self, release: ReleaseData) -> None:
        """Make a release known to the database endpoints (for tests that need a new one)."""
        with self.lock:
            self.releases[release.id] = release
            self._changed()

    # ----- changing: marketplace -----------------------------------------------------------

    def create_listing(
        self,
        release_id: int,
        price: object,
        condition: str,
        *,
        status: str = "For Sale",
        sleeve_condition: str = "",
        comments: str = "",
        allow_offers: bool = False,
        posted: int | None = None,
        **extra: object,
    ) -> ListingData:
        with self.lock:
            if release_id not in self.releases:
                raise InvalidError("Invalid release_id: release does not exist.")
            listing = ListingData(
                self._next_listing_id,
                release_id,
                "For Sale",
                parse_price(price),
                "",
                posted=int(time.time()) if posted is None else posted,
            )
            self._apply_listing_changes(
                listing,
                {
                    "condition": condition,
                    "status": status,
                    "sleeve_condition": sleeve_condition,
                    "comments": comments,
                    "allow_offers": allow_offers,
                    **extra,
                },
            )
            self._next_listing_id += 1
            self.listings[listing.id] = listing
            self._changed()
            return listing

    def edit_listing(self, listing_id: int, changes: dict[str, object]) -> ListingData:
        """Apply a (partial) edit body; only For Sale, Draft and Expired listings are editable."""
        with self.lock:
            listing = self.listing(listing_id)
            if listing.status not in EDITABLE_STATUSES:
                raise InvalidError(
                    f"This listing cannot be edited: its status is {listing.status}. Only "
                    "For Sale, Draft and Expired listings can be edited."
                )
            rid = changes.get("release_id")
            if rid is not None and str(rid) != str(listing.release_id):
                raise InvalidError("Invalid release_id: it does not match the listing.")
            if "price" in changes:
                price = parse_price(changes["price"])
            else:
                price = listing.price
            self._apply_listing_changes(listing, changes)
            listing.price = price
            self._changed()
            return listing

    def _apply_listing_changes(self, listing: ListingData, changes: dict[str, object]) -> None:
        # Validate everything first so a bad body changes nothing.
        condition = changes.get("condition", listing.condition)
        if condition not in CONDITIONS:
            raise InvalidError("Invalid condition: expected one of " + ", ".join(CONDITIONS) + ".")
        sleeve = changes.get("sleeve_condition", listing.sleeve_condition) or ""
        if sleeve and sleeve not in SLEEVE_CONDITIONS:
            raise InvalidError(
                "Invalid sleeve_condition: expected one of " + ", ".join(SLEEVE_CONDITIONS) + "."
            )
        status = changes.get("status", listing.status)
        if status != listing.status and status not in SETTABLE_STATUSES:
            raise InvalidError("Invalid status: expected one of For Sale, Draft.")
        listing.condition = str(condition)
        listing.sleeve_condition = str(sleeve)
        listing.status = str(status)
        for name in ("comments", "external_id", "location"):
            if name in changes:
                setattr(listing, name, str(changes[name] or ""))
        if "allow_offers" in changes:
            listing.allow_offers = changes["allow_offers"] in (True, "true", "True", "1", 1)
        weight, quantity = changes.get("weight"), changes.get("format_quantity")
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            listing.weight = float(weight)
        if isinstance(quantity, int):
            listing.format_quantity = int(quantity)

    def set_listing_price(self, listing_id: int, price: object) -> None:
        """The user changes a price on Discogs (any status, no rules but a positive price)."""
        with self.lock:
            self.listing(listing_id).price = parse_price(price)
            self._changed()

    def set_listing_status(self, listing_id: int, status: str) -> None:
        """The user (or a buyer) changes a listing's status on Discogs, e.g. it is Sold."""
        if status not in LISTING_STATUSES:
            raise InvalidError("Invalid status: expected one of " + ", ".join(LISTING_STATUSES))
        with self.lock:
            self.listing(listing_id).status = status
            self._changed()

    def delete_listing(self, listing_id: int) -> None:
        with self.lock:
            listing = self.listing(listing_id)
            if listing.status == "Deleted":
                raise NotFoundError(MSG_NOT_FOUND)
            listing.status = "Deleted"
            self._changed()

    # ----- changing: wantlist --------------------------------------------------------------

    def add_want(
        self,
        release_id: int,
        notes: str | None = None,
        rating: int | None = None,
        *,
        added: int | None = None,
    ) -> WantData:
        """Add (or re-add) a release to the wantlist."""
        with self.lock:
            if release_id not in self.releases:
                raise NotFoundError(MSG_NO_WANT)
            want = self.wants.get(release_id)
            if want is None:
                want = WantData(release_id, int(time.time()) if added is None else added)
                self.wants[release_id] = want
            self._edit_want(want, notes, rating)
            return want

    def edit_want(
        self, release_id: int, notes: str | None = None, rating: int | None = None
    ) -> WantData:
        with self.lock:
            want = self.wants.get(release_id)
            if want is None:
                raise NotFoundError(MSG_NO_WANT)
            self._edit_want(want, notes, rating)
            return want

    def _edit_want(self, want: WantData, notes: str | None, rating: int | None) -> None:
        if rating is not None:
            if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 5:
                raise InvalidError("Invalid rating: must be an integer from 0 to 5.")
            want.rating = rating
        if notes is not None:
            want.notes = str(notes)
        self._changed()

    def remove_want(self, release_id: int) -> bool:
        """Remove a want; False when it was not there (the API still answers 204)."""
        with self.lock:
            removed = self.wants.pop(release_id, None) is not None
            if removed:
                self._changed()
            return removed
