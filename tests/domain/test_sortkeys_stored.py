"""The stored shelf keys (ShelfKeys, strings) order records exactly as the key tuples do."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from gramtui.domain.organisation import SortKind
from gramtui.domain.records import Artist, Label, Record, Release
from gramtui.domain.sortkeys import shelf_keys, sort_key, sort_records

SORTS: tuple[SortKind, ...] = ("label", "artist", "year", "earliest_year", "added")
LABELS = [None, "", " ", "Warp", "warp", "Warp (2)", "Warp (10)", "Warp Records", "4AD", "Élan"]
CATNOS = ["", "none", " None ", "WARP-9", "WARP 10", "warp10", "WARP 9b", "CAD 12", "7", "٣"]
ARTISTS = [None, "", "The Fall", "Fall", "Fall (2)", "Various", "Ça", "2Pac", "L'Arpeggiata"]
TITLES = ["A", "b", "Vol 2", "Vol 10", "Vol. 02", "Été", "", "Vol 2 (Live)"]


def random_records(rng: random.Random, count: int) -> list[Record]:
    start = datetime(2015, 1, 1, tzinfo=UTC)
    out = []
    for n in range(count):
        label, artist = rng.choice(LABELS), rng.choice(ARTISTS)
        release = Release(
            id=n + 1000,
            title=rng.choice(TITLES),
            artists=() if artist is None else (Artist(artist),),
            labels=() if label is None else (Label(label, rng.choice(CATNOS)),),
            year=rng.choice([None, 1970, 1980]),
            master_year=rng.choice([None, 1965]),
        )
        added = rng.choice([None, start, start + timedelta(days=3)])
        out.append(Record(rng.choice([n, n * 1_000_003]), release, 1, added))
    return out


def stored(records: list[Record]) -> list[Record]:
    return [replace(r, release=replace(r.release, shelf=shelf_keys(r.release))) for r in records]


@pytest.mark.parametrize("sort", SORTS)
def test_stored_keys_sort_as_the_computed_keys(sort: SortKind) -> None:
    rng = random.Random(sort)
    for _ in range(40):
        records = random_records(rng, rng.randint(0, 60))
        expected = [r.instance_id for r in sorted(records, key=sort_key(sort))]
        with_keys = stored(records)
        half = [k if n % 2 else r for n, (k, r) in enumerate(zip(with_keys, records, strict=True))]
        rng.shuffle(with_keys)
        rng.shuffle(half)
        assert [r.instance_id for r in sort_records(with_keys, sort)] == expected
        assert [r.instance_id for r in sort_records(half, sort)] == expected  # keys of both kinds


def test_label_codes_keep_the_label_order_the_tuples_give() -> None:
    warp9 = Release(1, "t", labels=(Label("Warp", "WARP-9"),))
    warp10 = Release(2, "t", labels=(Label("Warp", "WARP 10"),))
    warp2 = Release(3, "t", labels=(Label("Warp (2)", "A"),))
    warp_records = Release(4, "t", labels=(Label("Warp Records", "A"),))
    no_catno = Release(5, "t", labels=(Label("Warp", "none"),))
    no_label = Release(6, "t")
    order = [warp9, warp10, no_catno, warp2, warp_records, no_label]
    codes = [shelf_keys(r).label for r in order]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)


def test_a_label_and_an_artist_of_one_name_keep_their_own_keys() -> None:
    # self-released: the artist files as "Fall, The", the label as written
    release = Release(1, "t", artists=(Artist("The Fall"),), labels=(Label("The Fall", "F1"),))
    keys = shelf_keys(release)
    by_artist = sort_key("artist")(Record(1, release, 1))
    fall = Release(2, "t", artists=(Artist("Fall"),))
    assert keys.artist != shelf_keys(fall).artist
    assert keys.artist < shelf_keys(Release(3, "t", artists=(Artist("Gall"),))).artist
    assert by_artist[:2] == (0, "fallthe")
    assert keys.label.startswith("0thefall")
