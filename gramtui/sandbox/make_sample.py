"""Rebuild data/sample.json.gz from the real recorded Discogs samples.

    python -m gramtui.sandbox.make_sample [PATH/TO/discogs-samples]

Sources (see shared/discogs-samples/API-NOTES.md): the brotherlogic collection pages (real
instances, dates, ratings, releases), wantlist page (real wants), inventory page (real listings:
prices, grades, comments, release descriptions) and master versions; the 2020 data-dump excerpt
(real releases incl. Japanese and Cyrillic titles, cassettes, box sets) to fill the collection to
about 400 copies. Hand-made edge cases are added on top (ids 39000001+): `AC/DC [/live]`,
`[dub] mix`, catalogue numbers `MPI/LP - 512`, `MPI/LP 521`, `MPI/LP-519`, `ABC-9`, `ABC-10`,
and a release with no labels. Folders, custom field values and the listing/want mix are drawn
with a fixed seed. Listing dates are moved six years later so the demo inventory is recent.

Row layouts (compact lists, in this order):
  releases  [id, title, year, master_id, artists[[name, anv, join, id]], labels[[name, catno, id]],
             formats[[name, qty, descriptions|null, text]], genres, styles, thumb, cover_image,
             country, released]
  masters   [id, title, year, main_release, artists, genres, styles]
  instances [instance_id, release_id, folder_id, rating, added_unix, {field_id: value}]
  listings  [listing_id, release_id, status, "price", condition, sleeve, posted_unix, comments,
             allow_offers, weight]
  wants     [release_id, added_unix, rating, notes]
"""

from __future__ import annotations

import gzip
import json
import random
import sys
import xml.etree.ElementTree as ET
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

from gramtui.sandbox.model import ArtistCredit, FormatEntry, LabelCredit, ReleaseData
from gramtui.sandbox.sample import (
    FOR_SALE,
    choose_folder,
    choose_notes,
    choose_rating,
    format_kind,
    release_to_row,
    synth_listing,
)

TARGET_INSTANCES = 400
LISTINGS_FROM_INVENTORY = 40
LINKED_LISTINGS = 20
WANTS = 40
LISTING_SHIFT = 2190 * 86_400  # six years: 2020-03 listings become 2026-03
COUNTRIES = ("US", "UK", "UK", "US", "Germany", "Europe", "France", "Japan", "Italy", "Canada")
ABBREVIATIONS = {
    "Comp": "Compilation",
    "Ltd": "Limited Edition",
    "RE": "Reissue",
    "RM": "Remastered",
    "Dlx": "Deluxe Edition",
    "Smplr": "Sampler",
    "Num": "Numbered",
    "Promo": "Promo",
    "Exp": "Expanded Edition",
}
COLOURS = {
    "Ora": "Orange",
    "Whi": "White",
    "Bla": "Black",
    "Cle": "Clear",
    "Red": "Red",
    "Gol": "Gold",
    "Pap": "Paper Sleeve",
    "Han": "Hand-Numbered",
    "Gat": "Gatefold",
    "C30": "C30",
    "2nd": "2nd Edition",
}
MASTER_ARTISTS = {
    38998: ArtistCredit("The Fall", "", "", 2228),
    67464: ArtistCredit("David Axelrod", "", "", 5451),
}


def unix(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp).timestamp())


def country_for(release_id: int) -> str:
    return COUNTRIES[zlib.crc32(str(release_id).encode()) % len(COUNTRIES)]


def from_basic(b: dict[str, Any]) -> ReleaseData:
    """A release from a `basic_information` object (collection item or want)."""
    year = b.get("year") or 0
    return ReleaseData(
        b["id"],
        b["title"],
        year,
        b.get("master_id") or 0,
        tuple(
            ArtistCredit(a["name"], a.get("anv", ""), a.get("join", ""), a["id"])
            for a in b["artists"]
        ),
        tuple(LabelCredit(lab["name"], lab.get("catno", ""), lab["id"]) for lab in b["labels"]),
        tuple(
            FormatEntry(
                f["name"],
                f["qty"],
                tuple(f["descriptions"]) if "descriptions" in f else None,
                f.get("text", ""),
            )
            for f in b["formats"]
        ),
        tuple(b.get("genres", ())),
        tuple(b.get("styles", ())),
        b.get("thumb", ""),
        b.get("cover_image", ""),
        country_for(b["id"]),
        str(year) if year else "",
    )


def parse_format_text(text: str) -> tuple[FormatEntry, ...]:
    """`2xLP, Album, RE + 7"` (listing and version format strings) back into format entries."""
    out: list[FormatEntry] = []
    for part in text.split(" + "):
        head, *rest = [t.strip() for t in part.split(",")]
        position = len(out)  # a "Box" token adds a Box Set entry after this one
        qty = "1"
        if "x" in head and head.split("x", 1)[0].isdigit():
            qty, head = head.split("x", 1)
        name, descriptions = {
            "LP": ("Vinyl", ["LP"]),
            '7"': ("Vinyl", ['7"']),
            '10"': ("Vinyl", ['10"']),
            '12"': ("Vinyl", ['12"']),
            "Cass": ("Cassette", []),
            "Box": ("Box Set", []),
        }.get(head, (head, []))
        texts = []
        for token in rest:
            if token == "Box":
                out.append(FormatEntry("Box Set", "1", ()))
            elif token in COLOURS:
                texts.append(COLOURS[token])
            else:
                descriptions.append(ABBREVIATIONS.get(token, token))
        out.insert(position, FormatEntry(name, qty, tuple(descriptions), ", ".join(texts)))
    return tuple(out)


def from_listing(rel: dict[str, Any]) -> ReleaseData:
    """A release from an inventory listing's `release` (no label name there: Not On Label)."""
    artist = rel["artist"]
    artist_id = 1_000_000 + zlib.crc32(artist.encode()) % 5_000_000
    year = rel.get("year") or 0
    return ReleaseData(
        rel["id"],
        rel["title"],
        year,
        0,
        (ArtistCredit(artist, "", "", artist_id),),
        (LabelCredit("Not On Label", rel["catalog_number"], 750),),
        parse_format_text(rel["format"]),
        (),
        (),
        rel.get("thumbnail", ""),
        (rel.get("images") or [{}])[0].get("uri", ""),
        country_for(rel["id"]),
        str(year) if year else "",
    )


def from_version(master_id: int, v: dict[str, Any]) -> ReleaseData:
    names = v["label"].split(", ")
    catnos = v["catno"].split(", ")
    released = v.get("released", "")
    year = int(released[:4]) if released[:4].isdigit() else 0
    return ReleaseData(
        v["id"],
        v["title"],
        year,
        master_id,
        (MASTER_ARTISTS[master_id],),
        tuple(
            LabelCredit(n, c, 1_000 + zlib.crc32(n.encode()) % 900_000)
            for n, c in zip(names, catnos, strict=False)
        ),
        parse_format_text(v["format"]),
        ("Rock",) if master_id == 38998 else ("Jazz", "Rock"),
        (),
        v.get("thumb", ""),
        "",
        v.get("country", ""),
        released,
    )


def from_dump(el: ET.Element) -> ReleaseData:
    def texts(path: str) -> tuple[str, ...]:
        return tuple(x.text or "" for x in el.findall(path))

    released = el.findtext("released") or ""
    year = int(released[:4]) if released[:4].isdigit() else 0
    formats = []
    for f in el.findall("formats/format"):
        descs = f.findall("descriptions/description")
        formats.append(
            FormatEntry(
                f.get("name", ""),
                f.get("qty", "1"),
                tuple(d.text or "" for d in descs) if descs else None,
                f.get("text", ""),
            )
        )
    return ReleaseData(
        int(el.get("id", "0")),
        el.findtext("title") or "",
        year,
        int(el.findtext("master_id") or 0),
        tuple(
            ArtistCredit(
                a.findtext("name") or "",
                a.findtext("anv") or "",
                a.findtext("join") or "",
                int(a.findtext("id") or 0),
            )
            for a in el.findall("artists/artist")
        ),
        tuple(
            LabelCredit(lab.get("name", ""), lab.get("catno", ""), int(lab.get("id", "0")))
            for lab in el.findall("labels/label")
        ),
        tuple(formats),
        texts("genres/genre"),
        texts("styles/style"),
        "",
        "",
        el.findtext("country") or "",
        released,
    )


def edge_cases() -> list[ReleaseData]:
    """Hand-made releases with the strings that break naive code."""

    def vinyl(*descriptions: str) -> tuple[FormatEntry, ...]:
        return (FormatEntry("Vinyl", "1", descriptions),)

    mpi = 880_512
    return [
        ReleaseData(
            39_000_001,
            "If You Want Blood [red]",
            1978,
            0,
            (ArtistCredit("AC/DC [/live]", "", "", 84752),),
            (LabelCredit("Atlantic", "SD 19212", 681),),
            vinyl("LP", "Album"),
            ("Rock",),
            ("Hard Rock",),
            country="US",
            released="1978",
        ),
        ReleaseData(
            39_000_002,
            "[dub] mix",
            1976,
            0,
            (ArtistCredit("King Tubby", "", "", 36931),),
            (LabelCredit("Blood & Fire", "BAF 7-001", 6153),),
            vinyl('7"', "45 RPM"),
            ("Reggae",),
            ("Dub",),
            country="Jamaica",
            released="1976",
        ),
        ReleaseData(
            39_000_003,
            "Atmosfere Sintetiche",
            1974,
            0,
            (ArtistCredit("Gianni Safred", "", "", 314051),),
            (LabelCredit("Musique Pour L'Image", "MPI/LP - 512", mpi),),
            vinyl("LP"),
            ("Electronic", "Stage & Screen"),
            ("Library Music",),
            country="Italy",
            released="1974",
        ),
        ReleaseData(
            39_000_004,
            "Ritmi Moderni",
            1975,
            0,
            (ArtistCredit("Alessandro Alessandroni", "", "", 102833),),
            (LabelCredit("Musique Pour L'Image", "MPI/LP 521", mpi),),
            vinyl("LP"),
            ("Jazz",),
            ("Library Music",),
            country="Italy",
            released="1975",
        ),
        ReleaseData(
            39_000_005,
            "Tensioni",
            1975,
            0,
            (ArtistCredit("Piero Umiliani", "", "", 54183),),
            (LabelCredit("Musique Pour L'Image", "MPI/LP-519", mpi),),
            vinyl("LP"),
            ("Electronic",),
            ("Library Music",),
            country="Italy",
            released="1975",
        ),
        ReleaseData(
            39_000_006,
            "Nine",
            1969,
            0,
            (ArtistCredit("The Numbers", "", "", 993011),),
            (LabelCredit("ABC Records", "ABC-9", 8163),),
            vinyl('7"', "Single"),
            ("Rock",),
            ("Garage Rock",),
            country="US",
            released="1969",
        ),
        ReleaseData(
            39_000_007,
            "Ten",
            1969,
            0,
            (ArtistCredit("The Numbers", "", "", 993011),),
            (LabelCredit("ABC Records", "ABC-10", 8163),),
            vinyl('7"', "Single"),
            ("Rock",),
            ("Garage Rock",),
            country="US",
            released="1969",
        ),
        ReleaseData(
            39_000_008,
            "Untitled",
            0,
            0,
            (ArtistCredit("Unknown Artist", "", "", 194),),
            (),
            vinyl('12"', "White Label"),
            ("Electronic",),
            ("Techno",),
        ),
    ]


def build(samples: Path) -> dict[str, Any]:
    rng = random.Random(2026)
    bl = samples / "api/brotherlogic-godiscogs/testdata"
    user = bl / "users/brotherlogic"
    releases: dict[int, ReleaseData] = {}

    collection: list[tuple[int, int, int, int]] = []
    for page in ("releases_per_page=100_token=token", "releases_per_page=100_token=token_page=2"):
        for item in json.loads((user / "collection/folders/0" / page).read_text())["releases"]:
            release = from_basic(item["basic_information"])
            if format_kind(release.formats) == "other":
                continue  # files, DVDs: not on a shelf
            releases.setdefault(release.id, release)
            collection.append(
                (item["instance_id"], release.id, item["rating"], unix(item["date_added"]))
            )

    wants_page = json.loads((user / "wants_per_page=100_token=token").read_text())["wants"]
    for item in wants_page:
        releases.setdefault(item["id"], from_basic(item["basic_information"]))

    inventory = json.loads(
        (user / "inventory_status=For%20Sale_per_page=100_token=token").read_text()
    )["listings"]
    for item in inventory:
        releases.setdefault(item["release"]["id"], from_listing(item["release"]))

    for master_id in MASTER_ARTISTS:
        path = bl / f"masters/{master_id}/versions_per_page=500_token=token"
        for v in json.loads(path.read_text())["versions"]:
            releases.setdefault(v["id"], from_version(master_id, v))

    dumps = samples / "dumps/philipmat-discogs-xml2db"
    with gzip.open(dumps / "discogs_20200806_releases.xml.gz") as fh:
        dump = [from_dump(el) for el in ET.parse(fh).getroot().findall("release")]
    for release in dump:
        releases.setdefault(release.id, release)
    edges = edge_cases()
    for release in edges:
        releases[release.id] = release

    # Fill the collection: every dump box set and non-Latin title, some tapes, then vinyl and CD.
    shelfable = [r for r in dump if format_kind(r.formats) != "other" and r.artists]

    def non_latin(r: ReleaseData) -> bool:
        return any(ord(ch) > 0x3FF for ch in r.title)

    picks = [r for r in shelfable if format_kind(r.formats) == "box" or non_latin(r)]
    tapes = [r for r in shelfable if format_kind(r.formats) == "cassette" and r not in picks]
    picks += rng.sample(tapes, min(20, len(tapes)))
    rest = [r for r in shelfable if r not in picks]
    need = TARGET_INSTANCES - len(collection) - len(edges) - len(picks)
    picks += rng.sample(rest, need)
    picks += edges
    rng.shuffle(picks)

    start, end = unix("2017-10-01T09:00:00-07:00"), unix("2026-08-20T18:00:00-07:00")
    first_id, last_id = 250_000_000, 2_176_900_000
    step = (end - start) // len(picks)
    for k, release in enumerate(picks):
        added = start + k * step + rng.randrange(step)
        instance_id = first_id + (last_id - first_id) * (added - start) // (end - start)
        collection.append((instance_id, release.id, choose_rating(rng), added))

    instances: list[list[Any]] = []  # compact rows, as stored in the bundle
    for instance_id, release_id, rating, added in collection:
        kind = format_kind(releases[release_id].formats)
        folder = choose_folder(kind, rng)
        instances.append(
            [instance_id, release_id, folder, rating, added, choose_notes(kind, folder, rng)]
        )

    listings: list[list[Any]] = []
    statuses = ["For Sale"] * (LISTINGS_FROM_INVENTORY - 6) + [
        "Draft",
        "Draft",
        "Expired",
        "Expired",
        "Sold",
        "Sold",
    ]
    rng.shuffle(statuses)
    for item, status in zip(inventory, statuses, strict=False):
        listings.append(
            [
                item["id"],
                item["release"]["id"],
                status,
                f"{item['price']['value']:.2f}",
                item["condition"],
                item["sleeve_condition"],
                unix(item["posted"]) + LISTING_SHIFT,
                item["comments"],
                item["allow_offers"],
                item["weight"],
            ]
        )
    for_sale = [row for row in instances if row[2] == FOR_SALE]
    linked_statuses = (
        ["For Sale"] * (LINKED_LISTINGS - 6) + ["Draft"] * 3 + ["Expired"] * 2 + ["Sold"]
    )
    for k, (row, status) in enumerate(zip(for_sale, linked_statuses, strict=False)):
        x = synth_listing(2_300_000_000 + k * 7_919, row[1], rng, 0)
        listings.append(
            [
                x.id,
                x.release_id,
                status,
                str(x.price),
                x.condition,
                x.sleeve_condition,
                x.posted,
                x.comments,
                x.allow_offers,
                x.weight,
            ]
        )

    owned = {row[1] for row in instances}
    wants: list[list[Any]] = []
    for item in wants_page:
        if item["id"] in owned or len(wants) == WANTS - 2:
            continue
        wants.append([item["id"], unix(item["date_added"]), item["rating"], item["notes"]])
    # Two wants for other pressings of masters the collection knows (want-by-master cases).
    wants.append([1624649, unix("2021-02-03T10:11:12-08:00"), 0, "Any CD pressing"])
    wants.append([1823781, unix("2022-05-06T07:08:09-07:00"), 0, ""])

    master_ids = {r.master_id for r in releases.values() if r.master_id}
    with gzip.open(dumps / "discogs_20200806_masters.xml.gz") as fh:
        masters = []
        for el in ET.parse(fh).getroot().findall("master"):
            if int(el.get("id", "0")) not in master_ids:
                continue
            masters.append(
                [
                    int(el.get("id", "0")),
                    el.findtext("title") or "",
                    int(el.findtext("year") or 0),
                    int(el.findtext("main_release") or 0),
                    [
                        [
                            a.findtext("name") or "",
                            a.findtext("anv") or "",
                            a.findtext("join") or "",
                            int(a.findtext("id") or 0),
                        ]
                        for a in el.findall("artists/artist")
                    ],
                    [g.text or "" for g in el.findall("genres/genre")],
                    [s.text or "" for s in el.findall("styles/style")],
                ]
            )

    return {
        "format": 1,
        "releases": [release_to_row(r) for r in releases.values()],
        "masters": masters,
        "instances": instances,
        "listings": listings,
        "wants": wants,
    }


def main(argv: list[str]) -> None:
    samples = Path(argv[1] if len(argv) > 1 else "../shared/discogs-samples")
    bundle = build(samples)
    out = Path(__file__).parent / "data" / "sample.json.gz"
    text = json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))
    with gzip.GzipFile(out, "wb", mtime=0) as fh:  # mtime 0: the same input, the same bytes
        fh.write(text.encode("utf-8"))
    print(
        f"{out}: {len(bundle['releases'])} releases, {len(bundle['instances'])} instances, "
        f"{len(bundle['listings'])} listings, {len(bundle['wants'])} wants, "
        f"{out.stat().st_size // 1024} KiB"
    )


if __name__ == "__main__":
    main(sys.argv)
