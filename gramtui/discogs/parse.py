"""Discogs JSON -> domain objects, tolerant of what Discogs leaves out or adds.

Extra keys are ignored; optional ones may be missing or null (descriptions, notes, labels, formats,
thumb, dates); `year: 0` and `master_id: 0` mean unknown (None); `qty` comes as a string. A key
we cannot do without (an id, an instance id, a price) raises BadResponse naming it and where.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from gramtui.discogs import parse_fast
from gramtui.discogs.errors import BadResponse
from gramtui.discogs.models import (
    CollectionItem,
    CollectionValue,
    Community,
    Identity,
    MasterInfo,
    Page,
)
from gramtui.domain.ids import MAX_DISCOGS_ID
from gramtui.domain.marketplace import Listing, Want
from gramtui.domain.money import Money
from gramtui.domain.records import Artist, CustomField, Folder, Format, Label, Release

log = logging.getLogger(__name__)

T = TypeVar("T")


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadResponse(f"{where} is not an object but {type(value).__name__}")
    return value


def _required(obj: dict[str, Any], key: str, where: str) -> Any:
    value = obj.get(key)
    if value is None:
        raise BadResponse(f"{where} has no '{key}'")
    return value


def _list(obj: dict[str, Any], key: str, where: str) -> list[Any]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadResponse(f"'{key}' of {where} is not a list")
    return value


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise BadResponse(f"{what} is not a whole number: {value!r}")
    if isinstance(value, int):
        return _stored(value, what)
    if isinstance(value, float) and value.is_integer():
        return _stored(int(value), what)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return _stored(int(value), what)
    raise BadResponse(f"{what} is not a whole number: {str(value)[:40]!r}")


def _stored(value: int, what: str) -> int:
    """Every number Discogs sends lies within the ids' range; beyond it SQLite could not store it."""
    if not -MAX_DISCOGS_ID <= value <= MAX_DISCOGS_ID:
        raise BadResponse(f"{what} is beyond the range of Discogs ids (2^63-1)")
    return value


def _known(value: Any, what: str) -> int | None:
    """Discogs writes 0 (or null) for an unknown year or master."""
    return (_int(value, what) or None) if value is not None else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _texts(obj: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    return tuple(str(v) for v in _list(obj, key, where) if v is not None)


def _date(value: Any, what: str) -> datetime | None:
    """`2015-05-27T17:42:11-07:00` -> an aware datetime in UTC (a date without offset is UTC)."""
    if value in (None, ""):
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise BadResponse(f"{what} is not a date: {value!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_money(value: Any, where: str) -> Money:
    """`{"currency": "USD", "value": 14.31}` (or `curr_abbr`) -> Money, rounded to the cent."""
    obj = _obj(value, where)
    amount = _required(obj, "value", where)
    currency = obj.get("currency") or obj.get("curr_abbr")
    if not currency:
        raise BadResponse(f"{where} has no 'currency'")
    if isinstance(amount, bool) or not isinstance(amount, int | float | str):
        raise BadResponse(f"'value' of {where} is not a number: {amount!r}")
    try:
        return Money.from_value(amount, str(currency))
    except ArithmeticError:
        raise BadResponse(f"'value' of {where} is not a number: {amount!r}") from None


def parse_identity(data: Any) -> Identity:
    obj = _obj(data, "the identity")
    return Identity(
        id=_int(_required(obj, "id", "the identity"), "the identity's id"),
        username=str(_required(obj, "username", "the identity")),
    )


def parse_folder(value: Any, where: str = "the folder") -> Folder:
    obj = _obj(value, where)
    return Folder(
        id=_int(_required(obj, "id", where), f"the id of {where}"),
        name=_text(obj.get("name")),
        count=_int(obj.get("count") or 0, f"the count of {where}"),
    )


def parse_folders(data: Any) -> list[Folder]:
    obj = _obj(data, "the folder list")
    if "folders" not in obj:
        raise BadResponse("the folder list has no 'folders'")
    folders = _list(obj, "folders", "the folder list")
    return [parse_folder(f, f"folders[{i}]") for i, f in enumerate(folders)]


def parse_fields(data: Any) -> list[CustomField]:
    obj = _obj(data, "the field list")
    if "fields" not in obj:
        raise BadResponse("the field list has no 'fields'")
    out = []
    for i, value in enumerate(_list(obj, "fields", "the field list")):
        where = f"fields[{i}]"
        f = _obj(value, where)
        out.append(
            CustomField(
                id=_int(_required(f, "id", where), f"the id of {where}"),
                name=_text(f.get("name")),
                type=_text(f.get("type")) or "textarea",
                options=_texts(f, "options", where),
                position=_int(f.get("position") or 0, f"the position of {where}"),
                public=bool(f.get("public", False)),
            )
        )
    return out


def parse_release(value: Any, where: str = "the release") -> Release:
    """A full `/releases/{id}` answer or a `basic_information` object."""
    obj = _obj(value, where)
    artists = []
    for i, a in enumerate(_list(obj, "artists", where)):
        a = _obj(a, f"artists[{i}] of {where}")
        artists.append(Artist(_text(a.get("name")), _text(a.get("anv")), _text(a.get("join"))))
    labels = []
    for i, lab in enumerate(_list(obj, "labels", where)):
        lab = _obj(lab, f"labels[{i}] of {where}")
        labels.append(Label(_text(lab.get("name")), _text(lab.get("catno"))))
    formats = []
    for i, f in enumerate(_list(obj, "formats", where)):
        fwhere = f"formats[{i}] of {where}"
        f = _obj(f, fwhere)
        qty = f.get("qty")
        formats.append(
            Format(
                name=_text(f.get("name")),
                qty=_int(qty, f"the qty of {fwhere}") if qty not in (None, "") else 1,
                descriptions=_texts(f, "descriptions", fwhere),
                text=_text(f.get("text")),
            )
        )
    return Release(
        id=_int(_required(obj, "id", where), f"the id of {where}"),
        title=_text(obj.get("title")),
        artists=tuple(artists),
        labels=tuple(labels),
        formats=tuple(formats),
        year=_known(obj.get("year"), f"the year of {where}"),
        genres=_texts(obj, "genres", where),
        styles=_texts(obj, "styles", where),
        master_id=_known(obj.get("master_id"), f"the master_id of {where}"),
        thumb=_text(obj.get("thumb")),
    )


def parse_collection_item(
    value: Any, where: str = "the collection item", folder: int | None = None
) -> CollectionItem:
    """`folder` is the folder the page was read from: the item's folder when it names none
    (answers for non-owners leave `folder_id` out; 0 then stands for "somewhere in All")."""
    item = parse_fast.collection_item(value, folder)  # the usual item, without the checks' cost
    if item is not None:
        return item
    obj = _obj(value, where)
    if obj.get("folder_id") is None and folder is not None:
        obj = {**obj, "folder_id": folder}
    instance_id = _int(_required(obj, "instance_id", where), f"the instance_id of {where}")
    notes: dict[int, str] = {}
    for i, note in enumerate(_list(obj, "notes", where)):
        note = _obj(note, f"notes[{i}] of {where}")
        field_id = _required(note, "field_id", f"notes[{i}] of {where}")
        notes[_int(field_id, f"the field_id of notes[{i}] of {where}")] = _text(note.get("value"))
    return CollectionItem(
        instance_id=instance_id,
        folder_id=_int(_required(obj, "folder_id", where), f"the folder_id of {where}"),
        release=parse_release(
            _required(obj, "basic_information", where), f"the basic_information of {where}"
        ),
        date_added=_date(obj.get("date_added"), f"the date_added of {where}"),
        rating=_int(obj.get("rating") or 0, f"the rating of {where}"),
        notes=notes,
    )


def parse_listing(value: Any, where: str = "the listing") -> Listing:
    obj = _obj(value, where)
    release = _obj(_required(obj, "release", where), f"the release of {where}")
    return Listing(
        listing_id=_int(_required(obj, "id", where), f"the id of {where}"),
        release_id=_int(
            _required(release, "id", f"the release of {where}"), f"the release id of {where}"
        ),
        status=str(_required(obj, "status", where)),
        price=parse_money(_required(obj, "price", where), f"the price of {where}"),
        condition=_text(obj.get("condition")),
        sleeve_condition=_text(obj.get("sleeve_condition")),
        posted=_date(obj.get("posted"), f"the posted date of {where}"),
        comments=_text(obj.get("comments")),
        artist=_text(release.get("artist")),
        title=_text(release.get("title")),
        format=_text(release.get("format")),
        catno=_text(release.get("catalog_number")),
    )


def parse_want(value: Any, where: str = "the want") -> Want:
    obj = _obj(value, where)
    release_id = _int(_required(obj, "id", where), f"the id of {where}")
    basic = obj.get("basic_information")
    release = (
        parse_release(basic, f"the basic_information of {where}")
        if basic is not None
        else Release(id=release_id, title="")
    )
    return Want(
        release_id=release_id,
        date_added=_date(obj.get("date_added"), f"the date_added of {where}"),
        notes=_text(obj.get("notes")),
        rating=_int(obj.get("rating") or 0, f"the rating of {where}"),
        title=release.title,
        artist=release.artist,
        year=release.year,
        format=release.format_summary,
        master_id=release.master_id,
    )


def parse_page(data: Any, key: str, parse_item: Callable[[Any, str], T]) -> Page[T]:
    """A paginated answer: `{"pagination": {...}, key: [...]}`; `urls` is not needed."""
    obj = _obj(data, "the page")
    pagination = _obj(_required(obj, "pagination", "the page"), "the pagination")
    if key not in obj:
        raise BadResponse(f"the page has no '{key}'")
    figures = {
        name: _int(_required(pagination, name, "the pagination"), f"the pagination's {name}")
        for name in ("page", "pages", "per_page", "items")
    }
    return Page(
        items=tuple(
            parse_item(v, f"{key}[{i}]") for i, v in enumerate(_list(obj, key, "the page"))
        ),
        page=figures["page"],
        pages=figures["pages"],
        per_page=figures["per_page"],
        total=figures["items"],
    )


def parse_price_suggestions(data: Any) -> dict[str, Money]:
    """Grade -> suggested price; `{}` (no suggestion) gives an empty dict."""
    obj = _obj(data, "the price suggestions")
    return {grade: parse_money(v, f"the suggestion for {grade!r}") for grade, v in obj.items()}


def parse_market_stats(data: Any) -> tuple[Money | None, int | None]:
    """(lowest price, number for sale); each None when Discogs says null (nothing for sale)."""
    obj = _obj(data, "the market stats")
    lowest = obj.get("lowest_price")
    count = obj.get("num_for_sale")
    return (
        parse_money(lowest, "the lowest_price") if lowest is not None else None,
        _int(count, "num_for_sale") if count is not None else None,
    )


def parse_master(data: Any) -> MasterInfo:
    obj = _obj(data, "the master")
    return MasterInfo(
        id=_int(_required(obj, "id", "the master"), "the master's id"),
        year=_known(obj.get("year"), "the master's year"),
        main_release=_known(obj.get("main_release"), "the master's main_release"),
        title=_text(obj.get("title")),
    )


def parse_community(data: Any) -> Community:
    """The community's have/want of a `/releases/{id}` answer. A missing or malformed count is
    logged and left unknown (None): it only ranks the rarity chart, not worth failing a task."""
    obj = _obj(data, "the release")
    release_id = _int(_required(obj, "id", "the release"), "the id of the release")
    community = obj.get("community")
    if not isinstance(community, dict):
        log.warning("release %s: no community object in the answer (%r)", release_id, community)
        return Community(release_id, None, None)
    have, want = community.get("have"), community.get("want")
    if not _count(have) or not _count(want):
        log.warning("release %s: unusable community have/want %r/%r", release_id, have, want)
        return Community(release_id, None, None)
    return Community(release_id, have, want)


def _count(value: Any) -> bool:
    """A plain non-negative integer (a bool or a numeric string is not a count)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def parse_collection_value(data: Any) -> CollectionValue:
    obj = _obj(data, "the collection value")
    return CollectionValue(
        *(
            _text(_required(obj, key, "the collection value"))
            for key in ("minimum", "median", "maximum")
        )
    )


def parse_created_listing(data: Any) -> int:
    obj = _obj(data, "the new listing")
    return _int(_required(obj, "listing_id", "the new listing"), "the new listing's listing_id")
