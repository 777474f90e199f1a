"""The JSON bodies Discogs sends, built from sandbox records with the server's own base URL.

Field names, nesting and order follow the recordings: the 2026 collection item and want shapes
(damidhagor), the 2020 owner inventory listing (brotherlogic), versions, masters and releases.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from gramtui.sandbox.model import (
    CustomFieldDef,
    Folder,
    FormatEntry,
    Instance,
    ListingData,
    MarketStats,
    MasterData,
    ReleaseData,
    WantData,
)
from gramtui.sandbox.state import SandboxState


def _pacific() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("America/Los_Angeles")
    except Exception:  # no tz database on this machine: a fixed offset keeps the shape
        return timezone(timedelta(hours=-8))


PACIFIC = _pacific()  # Discogs stamps dates in US Pacific time, e.g. 2026-08-23T10:02:33-07:00
SHORT_DESCRIPTIONS = {
    "Compilation": "Comp",
    "Limited Edition": "Ltd",
    "Reissue": "RE",
    "Remastered": "RM",
    "Deluxe Edition": "Dlx",
    "Numbered": "Num",
    "Sampler": "Smplr",
    "Picture Disc": "Pic",
    "Test Pressing": "TP",
    "White Label": "W/Lbl",
    "Mini-Album": "MiniAlbum",
    "Maxi-Single": "Maxi",
    "Record Store Day": "RSD",
    "Unofficial Release": "Unofficial",
    "Special Edition": "S/Edition",
    "Enhanced": "Enh",
    "Expanded Edition": "Exp",
}
SHORT_NAMES = {"Cassette": "Cass", "Box Set": "Box", "Flexi-disc": "Flexi"}
SIZES = ("LP", '12"', '10"', '7"')


def stamp(unix: int) -> str:
    """Unix seconds as Discogs writes them: ISO 8601 with the Pacific offset."""
    return datetime.fromtimestamp(unix, UTC).astimezone(PACIFIC).isoformat()


def format_text(formats: tuple[FormatEntry, ...]) -> str:
    """The short format line of listings and versions, e.g. `2xLP, Album, RE + 7"`."""
    parts = []
    for f in formats:
        descriptions = list(f.descriptions or ())
        size = next((d for d in descriptions if d in SIZES), None)
        head = size if f.name == "Vinyl" and size else SHORT_NAMES.get(f.name, f.name)
        if head == size:
            descriptions.remove(size)
        if f.qty not in ("", "1"):
            head = f"{f.qty}x{head}"
        tokens = [head, *(SHORT_DESCRIPTIONS.get(d, d) for d in descriptions)]
        if f.text:
            tokens.append(f.text)
        parts.append(", ".join(tokens))
    return " + ".join(parts)


def artist_json(a: Any, base: str) -> dict[str, Any]:
    return {
        "name": a.name,
        "anv": a.anv,
        "join": a.join,
        "role": "",
        "tracks": "",
        "id": a.id,
        "resource_url": f"{base}/artists/{a.id}",
    }


def label_json(lab: Any, base: str) -> dict[str, Any]:
    return {
        "name": lab.name,
        "catno": lab.catno,
        "entity_type": "1",
        "entity_type_name": "Label",
        "id": lab.id,
        "resource_url": f"{base}/labels/{lab.id}",
    }


def formats_json(formats: tuple[FormatEntry, ...]) -> list[dict[str, Any]]:
    out = []
    for f in formats:
        item: dict[str, Any] = {"name": f.name, "qty": f.qty}
        if f.text:
            item["text"] = f.text
        if f.descriptions is not None:
            item["descriptions"] = list(f.descriptions)
        out.append(item)
    return out


def basic_information(r: ReleaseData, base: str) -> dict[str, Any]:
    return {
        "id": r.id,
        "master_id": r.master_id,
        "master_url": f"{base}/masters/{r.master_id}" if r.master_id else None,
        "resource_url": f"{base}/releases/{r.id}",
        "thumb": r.thumb,
        "cover_image": r.cover_image,
        "title": r.title,
        "year": r.year,
        "formats": formats_json(r.formats),
        "labels": [label_json(lab, base) for lab in r.labels],
        "artists": [artist_json(a, base) for a in r.artists],
        "genres": list(r.genres),
        "styles": list(r.styles),
    }


def collection_item(i: Instance, state: SandboxState, base: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": i.release_id,
        "instance_id": i.instance_id,
        "date_added": stamp(i.added),
        "rating": i.rating,
        "basic_information": basic_information(state.releases[i.release_id], base),
        "folder_id": i.folder_id,
    }
    if i.notes:
        item["notes"] = [{"field_id": k, "value": v} for k, v in sorted(i.notes.items())]
    return item


def added_item(i: Instance, state: SandboxState, base: str, username: str) -> dict[str, Any]:
    """The 2026 answer to adding a release to a folder: the full item plus its resource_url."""
    item = collection_item(i, state, base)
    item["resource_url"] = (
        f"{base}/users/{username}/collection/folders/{i.folder_id}"
        f"/releases/{i.release_id}?instance_id={i.instance_id}"
    )
    return item


def folder_json(f: Folder, count: int, base: str, username: str) -> dict[str, Any]:
    return {
        "id": f.id,
        "name": f.name,
        "count": count,
        "resource_url": f"{base}/users/{username}/collection/folders/{f.id}",
    }


def field_json(f: CustomFieldDef) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f.id,
        "name": f.name,
        "type": f.type,
        "position": f.position,
        "public": f.public,
    }
    if f.type == "dropdown":
        item["options"] = list(f.options)
    else:
        item["lines"] = f.lines
    return item


def want_json(w: WantData, state: SandboxState, base: str, username: str) -> dict[str, Any]:
    return {
        "id": w.release_id,
        "resource_url": f"{base}/users/{username}/wants/{w.release_id}",
        "rating": w.rating,
        "date_added": stamp(w.added),
        "basic_information": basic_information(state.releases[w.release_id], base),
        "notes": w.notes,
    }


def _money(value: float, currency: str) -> dict[str, Any]:
    return {"currency": currency, "value": value}


def _original(value: float, currency: str) -> dict[str, Any]:
    symbol = "$" if currency == "USD" else f"{currency} "
    return {
        "curr_abbr": currency,
        "formatted": f"{symbol}{value:,.2f}",
        "value": value,
        "curr_id": 1,
    }


def listing_json(x: ListingData, state: SandboxState, base: str, owner: bool) -> dict[str, Any]:
    r = state.releases[x.release_id]
    fmt = format_text(r.formats)
    price = float(x.price)
    shipping = 3.5 if "CD" in fmt or "Cass" in fmt else 4.0
    user = state.username
    image = r.cover_image or r.thumb
    item: dict[str, Any] = {
        "status": x.status,
        "original_price": _original(price, x.currency),
        "price": _money(price, x.currency),
        "original_shipping_price": _original(shipping, x.currency),
        "shipping_price": _money(shipping, x.currency),
        "allow_offers": x.allow_offers,
        "uri": f"https://www.discogs.com/sell/item/{x.id}",
        "sleeve_condition": x.sleeve_condition,
        "id": x.id,
        "posted": stamp(x.posted),
        "ships_from": "United States",
        "in_cart": False,
        "comments": x.comments,
        "seller": {
            "username": user,
            "id": state.user_id,
            "uid": state.user_id,
            "is_mp2020_seller": True,
            "url": f"{base}/users/{user}",
            "html_url": f"https://www.discogs.com/user/{user}",
            "resource_url": f"{base}/users/{user}",
            "avatar_url": "",
            "shipping": "Shipping is $3.50 for a CD or tape, $4 for an LP.",
            "payment": "PayPal",
            "stats": {"rating": "100.0", "total": 42, "stars": 5.0},
        },
        "condition": x.condition,
        "release": {
            "description": f"{r.artist_credit} - {r.title} ({fmt})",
            "format": fmt,
            "year": r.year,
            "images": [
                {
                    "uri": image,
                    "height": 600,
                    "width": 600,
                    "resource_url": image,
                    "type": "primary",
                    "uri150": r.thumb,
                }
            ]
            if image
            else [],
            "id": r.id,
            "stats": {
                "user": {
                    "in_collection": state.copies(r.id),
                    "in_wantlist": int(r.id in state.wants),
                },
                "community": {"in_collection": 100 + r.id % 900, "in_wantlist": 10 + r.id % 300},
            },
            "catalog_number": r.labels[0].catno if r.labels else "",
            "artist": r.artist_credit,
            "title": r.title,
            "resource_url": f"{base}/releases/{r.id}",
            "thumbnail": r.thumb,
        },
        "resource_url": f"{base}/marketplace/listings/{x.id}",
        "audio": False,
    }
    if owner:
        item.update(
            {
                "weight": x.weight,
                "estimated_weight": int(x.weight),
                "format_quantity": x.format_quantity,
                "external_id": x.external_id,
                "location": x.location,
            }
        )
    return item


def stats_json(s: MarketStats, currency: str = "USD") -> dict[str, Any]:
    lowest = None if s.lowest_price is None else _money(s.lowest_price, currency)
    return {
        "lowest_price": lowest,
        "num_for_sale": s.num_for_sale,
        "blocked_from_sale": s.blocked_from_sale,
    }


def release_json(r: ReleaseData, state: SandboxState, base: str) -> dict[str, Any]:
    """GET /releases/{id}: the full release (tracklist, credits and images left empty)."""
    stats = state.stats_for(r.id)
    year = r.year
    return {
        "id": r.id,
        "status": "Accepted",
        "year": year,
        "resource_url": f"{base}/releases/{r.id}",
        "uri": f"https://www.discogs.com/release/{r.id}",
        "artists": [artist_json(a, base) for a in r.artists],
        "artists_sort": r.artist_credit,
        "labels": [label_json(lab, base) for lab in r.labels],
        "series": [],
        "companies": [],
        "formats": formats_json(r.formats),
        "data_quality": "Correct",
        "community": {
            "have": 100 + r.id % 900,
            "want": 10 + r.id % 300,
            "rating": {"count": r.id % 50, "average": 3.5},
            "status": "Accepted",
            "data_quality": "Correct",
            "contributors": [],
            "submitter": None,
        },
        "format_quantity": sum(int(f.qty) for f in r.formats if f.qty.isdigit()),
        "date_added": "2012-04-01T10:00:00-07:00",
        "date_changed": "2024-11-12T08:30:00-08:00",
        "num_for_sale": stats.num_for_sale or 0,
        "lowest_price": stats.lowest_price,
        "master_id": r.master_id,
        "master_url": f"{base}/masters/{r.master_id}" if r.master_id else None,
        "title": r.title,
        "country": r.country,
        "released": r.released,
        "released_formatted": r.released[:4],
        "notes": "",
        "identifiers": [],
        "videos": [],
        "genres": list(r.genres),
        "styles": list(r.styles),
        "tracklist": [],
        "extraartists": [],
        "images": [],
        "thumb": r.thumb,
        "estimated_weight": 230 if "Vinyl" in {f.name for f in r.formats} else 85,
        "blocked_from_sale": stats.blocked_from_sale,
    }


def master_json(m: MasterData, state: SandboxState, base: str) -> dict[str, Any]:
    versions = state.versions_of(m.id)
    latest = max(versions, key=lambda r: (r.year, r.id)) if versions else None
    lowest = [
        s.lowest_price
        for s in map(state.stats_for, (v.id for v in versions))
        if s.lowest_price is not None
    ]
    return {
        "id": m.id,
        "main_release": m.main_release,
        "most_recent_release": latest.id if latest else m.main_release,
        "resource_url": f"{base}/masters/{m.id}",
        "uri": f"https://www.discogs.com/master/{m.id}",
        "versions_url": f"{base}/masters/{m.id}/versions",
        "main_release_url": f"{base}/releases/{m.main_release}",
        "most_recent_release_url": f"{base}/releases/{latest.id if latest else m.main_release}",
        "num_for_sale": sum(state.stats_for(v.id).num_for_sale or 0 for v in versions),
        "lowest_price": min(lowest) if lowest else None,
        "images": [],
        "genres": list(m.genres),
        "styles": list(m.styles),
        "year": m.year,
        "tracklist": [],
        "artists": [artist_json(a, base) for a in m.artists],
        "title": m.title,
        "data_quality": "Correct",
        "videos": [],
    }


def version_json(r: ReleaseData, state: SandboxState, base: str) -> dict[str, Any]:
    names = []
    for f in r.formats:
        if f.name not in names:
            names.append(f.name)
    return {
        "id": r.id,
        "label": ", ".join(lab.name for lab in r.labels),
        "country": r.country,
        "title": r.title,
        "major_formats": names,
        "format": format_text(r.formats),
        "catno": ", ".join(lab.catno for lab in r.labels),
        "released": r.released,
        "status": "Accepted",
        "resource_url": f"{base}/releases/{r.id}",
        "thumb": r.thumb,
        "stats": {
            "user": {"in_collection": state.copies(r.id), "in_wantlist": int(r.id in state.wants)},
            "community": {"in_collection": 100 + r.id % 900, "in_wantlist": 10 + r.id % 300},
        },
    }
