"""Sort keys for shelving: cheap tuples, deterministic, missing values last.

Every key ends with the folded title and the instance id, so no two records ever tie.
Text is compared folded (case and accents) and in natural order: `ABC-9` before `ABC-10`,
and punctuation and spacing are ignored, so `MPI/LP - 512`, `MPI/LP-519` and `MPI/LP 521` sort
by their numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC
from functools import lru_cache
from typing import Literal

from gramtui.domain.organisation import SortKind
from gramtui.domain.records import Record, Release, ShelfKeys

SortKey = tuple[object, ...]

_SEPARATORS = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_DISAMBIGUATION = re.compile(r"^(.*\S) \((\d+)\)$")  # Discogs' "Polydor (2)"
_ARTICLES = frozenset("the a an le la les die der das el los las il de het".split())
_ELIDED = ("l'", "l’")  # French elided article: "L'Arpeggiata"
_VARIOUS = frozenset({"various", "various artists"})


def fold(text: str) -> str:
    """Lower case without accents: "Sigur Rós" and "SIGUR ROS" fold alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def natural_key(text: str) -> str:
    """A string that sorts `text` in natural order, ignoring case, accents, punctuation, spacing.

    Only letters and digits are kept; each run of digits becomes a marker, its digit count and its
    digits (so 9 < 10, and numbers sort before letters). A plain string compares far faster than a
    tuple of mixed tokens, and building it stays in C but for the numbers.
    """
    letters_digits = _SEPARATORS.sub("", text.lower() if text.isascii() else fold(text))
    if letters_digits.isalpha():
        return letters_digits
    return _DIGITS.sub(_encode_number, letters_digits)


def _encode_number(match: re.Match[str]) -> str:
    digits = match.group().lstrip("0") or "0"
    return f"\x01{chr(0x30 + len(digits))}{digits}"


def split_disambiguation(name: str) -> tuple[str, int]:
    """("Polydor", 2) from "Polydor (2)": same-named entities file together, in number order."""
    if name.endswith(")"):
        match = _DISAMBIGUATION.match(name)
        if match:
            return match.group(1), int(match.group(2))
    return name, 0


def artist_sort_name(name: str) -> str:
    """How an artist files: "The Beatles" -> "Beatles, The"; "Various Artists" -> "Various"."""
    name = split_disambiguation(name.strip())[0]
    if name.casefold() in _VARIOUS:
        return "Various"
    head, _, rest = name.partition(" ")
    if rest and head.casefold() in _ARTICLES:
        return f"{rest.lstrip()}, {head}"
    for elided in _ELIDED:
        if name[:2].casefold() == elided and len(name) > 2:
            return f"{name[2:]}, {name[:2]}"
    return name


def title_key(record: Record) -> tuple[str, int]:
    """The tie-break every sort ends with: title, then instance id."""
    return natural_key(record.release.title), record.instance_id


def _entity_key(name: str, artist: bool) -> tuple[str, int]:
    name, number = split_disambiguation(name.strip())
    return natural_key(artist_sort_name(name) if artist else name), number


def no_catno(catno: str) -> bool:
    """Whether a label's catalogue number is missing: Discogs writes "none" for none."""
    return not catno or catno.strip().casefold() == "none"


def _label_head() -> Callable[[Record], SortKey]:
    names: dict[str, tuple[str, int]] = {}  # a collection repeats its labels: fold each once

    def label_head(record: Record) -> SortKey:
        labels = record.release.labels
        if not labels:
            return (1, "", 0, 1, "")
        label = labels[0]
        name = names.get(label.name)
        if name is None:
            name = names[label.name] = _entity_key(label.name, artist=False)
        catno = label.catno
        if no_catno(catno):
            return (0, *name, 1, "")
        return (0, *name, 0, natural_key(catno))

    return label_head


def _artist_head() -> Callable[[Record], SortKey]:
    names: dict[str, tuple[str, int]] = {}

    def artist_head(record: Record) -> SortKey:
        artists = record.release.artists
        if not artists or not artists[0].name.strip():
            return (1, "", 0)
        artist = artists[0].name
        name = names.get(artist)
        if name is None:
            name = names[artist] = _entity_key(artist, artist=True)
        return (0, *name)

    return artist_head


def _year_head(record: Record) -> SortKey:
    year = record.release.year
    return (1, 0) if year is None else (0, year)


def _earliest_year_head(record: Record) -> SortKey:
    release = record.release
    year = release.master_year if release.master_year is not None else release.year
    return (1, 0) if year is None else (0, year)


def _added_head(record: Record) -> SortKey:
    added = record.date_added
    if added is None:
        return (1, 0.0)
    # A naive time is taken as UTC, so the key never depends on the machine's zone.
    if added.tzinfo is None:
        added = added.replace(tzinfo=UTC)
    return (0, added.timestamp())


def _head(sort: SortKind) -> Callable[[Record], SortKey]:
    """The key without its tie-break; label and artist heads remember the names they folded."""
    if sort == "label":
        return _label_head()
    if sort == "artist":
        return _artist_head()
    return {"year": _year_head, "earliest_year": _earliest_year_head, "added": _added_head}[sort]


def sort_key(sort: SortKind) -> Callable[[Record], SortKey]:
    """The full key function for one of the organisation sorts: the sort's key, title, instance.

    It remembers the label or artist names it folded; take a fresh one per sorting job rather
    than keeping one for the life of the app.
    """
    head = _head(sort)
    return lambda record: (*head(record), *title_key(record))


def sort_records(records: Iterable[Record], sort: SortKind) -> list[Record]:
    """`sorted(records, key=sort_key(sort))`, but titles are folded only where the sort ties,
    and the label and artist sorts compare the releases' stored keys (ShelfKeys) as plain
    strings, computing them only for a release that has none.

    A record whose key is unique needs no tie-break, so its key stops there; keys of one sort
    are prefix-free (see shelf_keys), so a shorter key never meets an equal head.
    """
    records = list(records)
    if sort == "label" or sort == "artist":
        codes = _coded_keys(records, sort)
        order = sorted(range(len(codes)), key=codes.__getitem__)
    else:
        head = _head(sort)
        heads = [head(record) for record in records]
        counts = Counter(heads)
        keys = [
            (*h, _title(record), record.instance_id) if counts[h] > 1 else h
            for h, record in zip(heads, records, strict=True)
        ]
        order = sorted(range(len(keys)), key=keys.__getitem__)
    return [records[i] for i in order]


def _coded_keys(records: list[Record], sort: Literal["label", "artist"]) -> list[str]:
    """Each record's label or artist key coded (see shelf_keys), tie-broken where heads tie."""
    coded = _label_code if sort == "label" else _artist_code
    label = sort == "label"
    names: dict[str, str] = {}
    heads: list[str] = []
    for record in records:
        shelf = record.release.shelf
        if shelf is None:
            heads.append(coded(record.release, names))
        else:
            heads.append(shelf.label if label else shelf.artist)
    counts = Counter(heads)
    return [
        f"{h}{_title(record)}{_END}{_code_int(record.instance_id)}" if counts[h] > 1 else h
        for h, record in zip(heads, records, strict=True)
    ]


def group_key(grouping: Literal["label", "artist"]) -> Callable[[Record], tuple[str, int]]:
    """What makes a run under grouping: the label (or artist) as it files; ("", 0) when missing.

    The function remembers the names it folded, like the sort keys.
    """
    names: dict[str, tuple[str, int]] = {}
    artist = grouping == "artist"

    def key(record: Record) -> tuple[str, int]:
        entities = record.release.artists if artist else record.release.labels
        if not entities or not entities[0].name.strip():
            return ("", 0)
        name = entities[0].name
        found = names.get(name)
        if found is None:
            found = names[name] = _entity_key(name, artist=artist)
        return found

    return key


# -- stored keys -------------------------------------------------------------------------------
#
# A key tuple is coded as a string that compares the same way: a 0/1 flag as "0"/"1", a text
# component (letters, digits and the \x01 markers of natural_key, never \x00) followed by
# \x00, a number as its digit count and digits. Every code is prefix-free, so codes of a
# tuple's components joined compare as the tuple does, and text can follow a whole code.

_END = "\x00"
_MISSING = "1"  # the head of a record without a label (or artist): after every "0..." head


def _code_int(number: int) -> str:
    """A non-negative int as a string that sorts in numeric order: its digit count, its digits."""
    digits = str(number)
    return f"{_BASE36[len(digits)]}{digits}"


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"  # digit counts up to 35: ids and years fit


@lru_cache(maxsize=20_000)  # a sync saves page after page of the same labels and artists
def _entity_code(name: str, artist: bool) -> str:
    key, number = _entity_key(name, artist)
    return f"{key}{_END}{_code_int(number)}"


def _label_code(release: Release, names: dict[str, str]) -> str:
    """The label head of sort_key("label") coded (see above)."""
    labels = release.labels
    if not labels:
        return _MISSING
    label = labels[0]
    name = names.get(label.name)
    if name is None:
        name = names[label.name] = _entity_code(label.name, artist=False)
    catno = label.catno
    if no_catno(catno):
        return f"0{name}1{_END}"
    return f"0{name}0{natural_key(catno)}{_END}"


def _artist_code(release: Release, names: dict[str, str]) -> str:
    """The artist head of sort_key("artist") coded (see above)."""
    artists = release.artists
    if not artists or not artists[0].name.strip():
        return _MISSING
    artist = artists[0].name
    name = names.get(artist)
    if name is None:
        name = names[artist] = _entity_code(artist, artist=True)
    return f"0{name}"


def _title(record: Record) -> str:
    shelf = record.release.shelf
    return natural_key(record.release.title) if shelf is None else shelf.title


def shelf_keys(release: Release) -> ShelfKeys:
    """The keys the store keeps with a release, so a layout sorts without folding any text."""
    return shelf_keys_maker()(release)


def shelf_keys_maker() -> Callable[[Release], ShelfKeys]:
    """shelf_keys, remembering the label and artist names it folded (releases repeat them):
    take one per batch of releases saved."""
    labels: dict[str, str] = {}
    artists: dict[str, str] = {}  # apart: a label and an artist of one name file differently

    def keys(release: Release) -> ShelfKeys:
        return ShelfKeys(
            _label_code(release, labels),
            _artist_code(release, artists),
            natural_key(release.title),
        )

    return keys
