"""The bundled sample collection, and deterministic scaling of it to any size.

`data/sample.json.gz` is made by `python -m gramtui.sandbox.make_sample` from the real recorded
responses and data-dump excerpts in shared/discogs-samples (see that module). Scaling keeps the
bundled account and adds pressings synthesised from its releases: a known work on another label,
catalogue number and format, or one artist's name with another record's title. The same
(instances, seed, listings, wants) always gives the same account.
"""

from __future__ import annotations

import gzip
import json
import random
from decimal import Decimal
from importlib import resources
from typing import Any

from gramtui.domain.marketplace import CONDITIONS
from gramtui.sandbox import market
from gramtui.sandbox.model import (
    ArtistCredit,
    CustomFieldDef,
    Folder,
    FormatEntry,
    Instance,
    LabelCredit,
    ListingData,
    MasterData,
    ReleaseData,
    WantData,
)
from gramtui.sandbox.state import UNCATEGORIZED, SandboxState

USERNAME = "demo"

# Folder ids borrowed from the real 35-folder account in the samples, names a collector would use.
TWELVES, SEVENS, TENS, CDS, TAPES, BOXSETS = 242017, 267116, 267115, 242018, 565206, 288751
FOR_SALE, CLEANING, LISTENING, DJ45S = 488127, 1281013, 812802, 753688
FOLDERS: tuple[tuple[int, str], ...] = (
    (UNCATEGORIZED, "Uncategorized"),
    (TWELVES, "12s"),
    (SEVENS, "7s"),
    (TENS, "10s"),
    (CDS, "CDs"),
    (TAPES, "Tapes"),
    (BOXSETS, "Boxsets"),
    (FOR_SALE, "For Sale"),
    (CLEANING, "Cleaning Pile"),
    (LISTENING, "Listening Pile"),
    (DJ45S, "DJ45s"),
)

MEDIA, SLEEVE, NOTES, CLEANED, WIDTH = 1, 2, 3, 4, 5
FIELDS: tuple[CustomFieldDef, ...] = (
    CustomFieldDef(MEDIA, "Media Condition", "dropdown", 1, options=CONDITIONS, public=True),
    CustomFieldDef(
        SLEEVE,
        "Sleeve Condition",
        "dropdown",
        2,
        options=("Generic", "No Cover", *CONDITIONS),
        public=True,
    ),
    CustomFieldDef(NOTES, "Notes", "textarea", 3, lines=3, public=True),
    CustomFieldDef(CLEANED, "Cleaned", "dropdown", 4, options=("Yes", "No")),
    CustomFieldDef(WIDTH, "Width", "textarea", 5, lines=1),
)
NOTE_TEXTS = (
    "Small seam split at the bottom.",
    "Signed on the back cover.",
    "Bought at Rough Trade East.",
    "Inner sleeve missing.",
    "Gatefold, light ring wear.",
    "Promo stamp on the label.",
    "Obi strip included.",
    "Slight warp, plays fine.",
    "Hype sticker on shrink.",
    "Gift from Dad.",
    "Replace the outer sleeve.",
    "帯付き",
)

# Instance dates of synthesised copies and ids of synthesised things stay clear of real ones.
FIRST_ADDED, LAST_ADDED = 1_325_404_800, 1_787_504_553  # 2012-01-01 .. 2026-08-23 17:02:33 UTC
SYNTH_RELEASE_BASE, SYNTH_MASTER_BASE = 40_000_000, 5_000_000
SYNTH_INSTANCE_BASE, SYNTH_LISTING_BASE = 2_200_000_000, 2_400_000_000
WANT_FIRST_ADDED = 1_577_836_800  # 2020-01-01

# How synthesised pressings are spread over format kinds (box sets about 5%).
KIND_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("lp", 0.42),
    ("7", 0.18),
    ("10", 0.04),
    ("cd", 0.25),
    ("cassette", 0.06),
    ("box", 0.05),
)


def format_kind(formats: tuple[FormatEntry, ...]) -> str:
    """Which shelf kind a release's formats make: box, 7, 10, lp, cassette, cd or other."""
    names = {f.name for f in formats}
    descriptions = {d for f in formats for d in (f.descriptions or ())}
    if "Box Set" in names:
        return "box"
    if "Vinyl" in names:
        if '7"' in descriptions:
            return "7"
        return "10" if '10"' in descriptions else "lp"
    if "Cassette" in names:
        return "cassette"
    if names & {"CD", "CDr"}:
        return "cd"
    return "other"


SHELF_FOLDER = {
    "box": BOXSETS,
    "7": SEVENS,
    "10": TENS,
    "lp": TWELVES,
    "cassette": TAPES,
    "cd": CDS,
    "other": UNCATEGORIZED,
}


def choose_folder(kind: str, rng: random.Random) -> int:
    """Where a copy lives: mostly the shelf for its format, some in working folders."""
    roll = rng.random()
    if roll < 0.05:
        return UNCATEGORIZED
    if roll < 0.11:
        return FOR_SALE
    if roll < 0.17 and kind in ("lp", "7", "10"):
        return CLEANING
    if roll < 0.21:
        return LISTENING
    return SHELF_FOLDER[kind]


def choose_notes(kind: str, folder_id: int, rng: random.Random) -> dict[int, str]:
    """Custom field values as collectors fill them in: often conditions, sometimes more."""
    notes: dict[int, str] = {}
    if rng.random() < 0.55:
        notes[MEDIA] = rng.choice(CONDITIONS[:5])
        notes[SLEEVE] = rng.choice(("Generic", *CONDITIONS[:5]))
    if rng.random() < 0.1:
        notes[NOTES] = rng.choice(NOTE_TEXTS)
    if folder_id == CLEANING:
        notes[CLEANED] = "No"
    elif kind in ("lp", "7", "10", "box") and rng.random() < 0.6:
        notes[CLEANED] = "Yes" if rng.random() < 0.7 else "No"
    if kind == "box" or rng.random() < 0.02:
        notes[WIDTH] = f"{rng.uniform(3.0, 9.0) if kind == 'box' else rng.uniform(0.3, 1.2):.1f}"
    return notes


def choose_rating(rng: random.Random) -> int:
    return 0 if rng.random() < 0.7 else rng.randint(1, 5)


# ----- the bundle ---------------------------------------------------------------------------


def release_from_row(row: list[Any]) -> ReleaseData:
    (
        rid,
        title,
        year,
        master,
        artists,
        labels,
        formats,
        genres,
        styles,
        thumb,
        cover,
        country,
        released,
    ) = row
    return ReleaseData(
        rid,
        title,
        year,
        master,
        tuple(ArtistCredit(*a) for a in artists),
        tuple(LabelCredit(*lab) for lab in labels),
        tuple(
            FormatEntry(f[0], f[1], None if f[2] is None else tuple(f[2]), f[3]) for f in formats
        ),
        tuple(genres),
        tuple(styles),
        thumb,
        cover,
        country,
        released,
    )


def release_to_row(r: ReleaseData) -> list[Any]:
    return [
        r.id,
        r.title,
        r.year,
        r.master_id,
        [[a.name, a.anv, a.join, a.id] for a in r.artists],
        [[lab.name, lab.catno, lab.id] for lab in r.labels],
        [
            [f.name, f.qty, None if f.descriptions is None else list(f.descriptions), f.text]
            for f in r.formats
        ],
        list(r.genres),
        list(r.styles),
        r.thumb,
        r.cover_image,
        r.country,
        r.released,
    ]


def load_bundle() -> dict[str, Any]:
    """The bundled sample as stored (compact rows; see make_sample for the layout)."""
    ref = resources.files("gramtui.sandbox").joinpath("data").joinpath("sample.json.gz")
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        bundle: dict[str, Any] = json.load(text)
        return bundle


# ----- building and scaling -----------------------------------------------------------------


def _scaled(count: int | None, base: int, instances: int | None, base_instances: int) -> int:
    if count is not None:
        return max(0, count)
    if instances is None:
        return base
    return round(base * instances / base_instances)


def _catno_variant(catno: str, rng: random.Random) -> str:
    """Another catalogue number in the same series: the last run of digits changed."""
    end = len(catno)
    while end and not catno[end - 1].isdigit():
        end -= 1
    start = end
    while start and catno[start - 1].isdigit():
        start -= 1
    if start == end:
        return f"{catno}-{rng.randint(1, 99)}" if catno and catno != "none" else catno
    width = end - start
    number = rng.randint(1, 10**width - 1) if width < 5 else rng.randint(1, 99_999)
    return f"{catno[:start]}{number:0{width}d}{catno[end:]}"


class _Synthesiser:
    """Makes new pressings from the bundled releases, deterministically from one RNG."""

    def __init__(self, releases: list[ReleaseData], rng: random.Random) -> None:
        self.rng = rng
        pressable = [r for r in releases if format_kind(r.formats) != "other" and r.artists]
        self.works = pressable
        self.by_kind = {
            kind: [r for r in pressable if format_kind(r.formats) == kind]
            for kind, _ in KIND_WEIGHTS
        }
        self.kinds = [k for k, _ in KIND_WEIGHTS if self.by_kind[k]]
        self.weights = [w for k, w in KIND_WEIGHTS if self.by_kind[k]]
        self.count = 0

    def release(self) -> ReleaseData:
        rng = self.rng
        kind = rng.choices(self.kinds, self.weights)[0]
        press = rng.choice(self.by_kind[kind])
        work = rng.choice(self.works)
        self.count += 1
        rid = SYNTH_RELEASE_BASE + self.count
        if rng.random() < 0.5:  # another pressing of a known work
            title, master, artists = work.title, work.master_id, work.artists
            genres, styles = work.genres, work.styles
        else:  # a new work: one record's artist, another's title
            title, artists, genres, styles = press.title, work.artists, press.genres, press.styles
            master = SYNTH_MASTER_BASE + self.count if rng.random() < 0.6 else 0
        labels = tuple(
            LabelCredit(lab.name, _catno_variant(lab.catno, rng), lab.id) for lab in press.labels
        )
        year = press.year or work.year
        if year and rng.random() < 0.5:
            year = min(2026, year + rng.randint(0, 30))
        return ReleaseData(
            rid,
            title,
            year,
            master,
            artists,
            labels,
            press.formats,
            genres,
            styles,
            "",
            "",
            press.country,
            str(year) if year else "",
        )


def build_state(
    instances: int | None = None,
    seed: int = 0,
    listings: int | None = None,
    wants: int | None = None,
) -> SandboxState:
    """The bundled account, or one scaled to `instances` copies (listings and wants scale along
    unless given). `seed` changes the synthesised part and the market figures."""
    bundle = load_bundle()
    releases = [release_from_row(row) for row in bundle["releases"]]
    catalogue = {r.id: r for r in releases}
    base_instances = [
        Instance(i, r, f, rating, added, {int(k): v for k, v in notes.items()})
        for i, r, f, rating, added, notes in bundle["instances"]
    ]
    base_listings = [
        ListingData(
            lid, rid, status, Decimal(price), cond, sleeve, posted, comments, offers, weight
        )
        for lid, rid, status, price, cond, sleeve, posted, comments, offers, weight in bundle[
            "listings"
        ]
    ]
    base_wants = [WantData(*row) for row in bundle["wants"]]
    masters = [
        MasterData(
            m,
            title,
            year,
            main,
            tuple(ArtistCredit(*a) for a in artists),
            tuple(genres),
            tuple(styles),
        )
        for m, title, year, main, artists, genres, styles in bundle["masters"]
    ]
    rng = random.Random(f"gramtui-sandbox-{seed}")
    synth = _Synthesiser(releases, rng)

    n_inst = len(base_instances) if instances is None else max(0, instances)
    n_list = _scaled(listings, len(base_listings), instances, len(base_instances))
    n_want = _scaled(wants, len(base_wants), instances, len(base_instances))

    if n_inst <= len(base_instances):
        kept = sorted(rng.sample(range(len(base_instances)), n_inst))
        chosen = [base_instances[k] for k in kept]
    else:
        chosen = list(base_instances)
        extra = n_inst - len(base_instances)
        span = (LAST_ADDED - FIRST_ADDED) / extra
        for k in range(extra):
            release = synth.release()
            catalogue[release.id] = release
            kind = format_kind(release.formats)
            added = FIRST_ADDED + int(k * span + rng.random() * span)
            folder = choose_folder(kind, rng)
            chosen.append(
                Instance(
                    SYNTH_INSTANCE_BASE + k,
                    release.id,
                    folder,
                    choose_rating(rng),
                    added,
                    choose_notes(kind, folder, rng),
                )
            )

    chosen_listings = _fit_listings(base_listings, n_list, chosen, catalogue, rng, seed)
    chosen_wants = _fit_wants(base_wants, n_want, chosen, catalogue, synth, rng)
    return SandboxState(
        username=USERNAME,
        folders=[Folder(fid, name) for fid, name in FOLDERS],
        fields=FIELDS,
        releases=catalogue.values(),
        instances=chosen,
        listings=chosen_listings,
        wants=chosen_wants,
        masters=masters,
        market_seed=seed,
    )


def _fit_listings(
    base: list[ListingData],
    count: int,
    instances: list[Instance],
    catalogue: dict[int, ReleaseData],
    rng: random.Random,
    seed: int,
) -> list[ListingData]:
    if count <= len(base):
        return base[:count]
    out = list(base)
    listed = {x.release_id for x in base}
    for_sale = [i for i in instances if i.folder_id == FOR_SALE and i.release_id not in listed]
    others = [i for i in instances if i.folder_id != FOR_SALE and i.release_id not in listed]
    rng.shuffle(for_sale)
    rng.shuffle(others)
    candidates = for_sale + others
    for k in range(count - len(base)):
        if k < len(candidates):
            release_id = candidates[k].release_id
        else:  # more listings than copies: sell releases that are not in the collection
            release_id = rng.choice(list(catalogue))
        out.append(synth_listing(SYNTH_LISTING_BASE + k, release_id, rng, seed))
    return out


def synth_listing(listing_id: int, release_id: int, rng: random.Random, seed: int) -> ListingData:
    """A plausible listing: graded, priced around the suggestion for its grade."""
    roll = rng.random()
    status = (
        "For Sale"
        if roll < 0.84
        else "Draft"
        if roll < 0.89
        else "Expired"
        if roll < 0.95
        else "Sold"
    )
    grade = rng.choices(range(5), (3, 30, 40, 20, 7))[0]
    mint = market.mint_value(release_id, seed) or rng.uniform(6.0, 40.0)
    price = Decimal(str(round(mint * market.GRADE_RATIOS[grade] * rng.uniform(0.9, 1.6), 2)))
    posted = LAST_ADDED - rng.randint(0, 240 * 86_400)
    return ListingData(
        listing_id,
        release_id,
        status,
        max(price, Decimal("1.00")),
        CONDITIONS[grade],
        rng.choice(("Generic", *CONDITIONS[:5])),
        posted,
        "",
        rng.random() < 0.3,
        float(rng.choice((85, 115, 230, 280))),
    )


def _fit_wants(
    base: list[WantData],
    count: int,
    instances: list[Instance],
    catalogue: dict[int, ReleaseData],
    synth: _Synthesiser,
    rng: random.Random,
) -> list[WantData]:
    if count <= len(base):
        return base[:count]
    out = list(base)
    owned = {i.release_id for i in instances} | {w.release_id for w in base}
    candidates = [rid for rid in catalogue if rid not in owned and rid < SYNTH_RELEASE_BASE]
    rng.shuffle(candidates)
    span = max(1, (LAST_ADDED - WANT_FIRST_ADDED) // (count - len(base)))
    for k in range(count - len(base)):
        if k < len(candidates):
            release_id = candidates[k]
        else:
            release = synth.release()
            catalogue[release.id] = release
            release_id = release.id
        added = WANT_FIRST_ADDED + k * span + rng.randrange(span)
        out.append(WantData(release_id, added, 0 if rng.random() < 0.9 else rng.randint(1, 5)))
    return out
