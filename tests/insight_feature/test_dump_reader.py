"""The dump reader on the real samples, the 2025 format and broken files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from insight_helpers import FIXTURES, KINDS, SAMPLES, count_elements, sample

from gramtui.dumps.errors import DumpError
from gramtui.dumps.records import DumpRelease
from gramtui.dumps.source import open_dump
from gramtui.dumps.stream import read_batches
from gramtui.dumps.values import duration_seconds, normalise_catno, year_of


def _read(path: Path) -> tuple[list, list, int]:
    records, skipped, seen = [], [], 0
    for batch in read_batches(open_dump(path)):
        records += batch.records
        skipped += batch.skipped
        seen = batch.seen
    return records, skipped, seen


@pytest.mark.parametrize("kind", KINDS)
def test_each_sample_reads_every_element(kind: str) -> None:
    source = open_dump(sample(kind))
    assert (source.kind, source.date, source.gzipped) == (kind, "2020-08-06", True)
    records, skipped, seen = _read(sample(kind))
    expected = count_elements(sample(kind))
    assert expected == 1000
    assert (len(records), seen, skipped) == (expected, expected, [])
    assert len({r.id for r in records}) == expected


def test_release_fields_and_dates() -> None:
    records, _, _ = _read(sample("releases"))
    first = records[0]
    assert isinstance(first, DumpRelease)
    assert (first.id, first.title, first.country, first.released) == (
        1,
        "Stockholm",
        "Sweden",
        "1999-03-00",
    )
    assert (first.master_id, first.is_main_release, first.status) == (1660109, True, "Accepted")
    assert first.artists[0].name == "The Persuader" and first.artists[0].artist_id == 1
    assert first.extraartists[0].name == "Jesper Dahlbäck"
    assert (first.labels[0].name, first.labels[0].catno, first.labels[0].label_id) == (
        "Svek",
        "SK032",
        5,
    )
    assert first.formats[0].name == "Vinyl" and first.formats[0].qty == 2
    assert first.formats[0].descriptions == ('12"', "33 ⅓ RPM")
    assert (
        first.tracks[0].title == "Östermalm" and duration_seconds(first.tracks[0].duration) == 285
    )
    assert first.identifiers[0].type == "Matrix / Runout"
    assert first.genres == ("Electronic",) and first.styles == ("Deep House",)
    assert first.notes.startswith("The song titles")
    assert year_of("1999-03-00") == 1999 and year_of("1989") == 1989
    assert year_of("") is None and year_of("0000") is None
    # Every record's released date is understood or empty.
    for r in records:
        assert r.released.strip("0-") == "" or year_of(r.released) is not None, r.released
    assert any(len(r.released) == 4 for r in records)  # year-only dates occur in the sample


def test_single_records_and_the_small_samples() -> None:
    for name, kind in (
        ("release", "releases"),
        ("master", "masters"),
        ("artist", "artists"),
        ("label", "labels"),
    ):
        path = SAMPLES / "single-records" / f"{name}.xml"
        source = open_dump(path)
        assert (source.kind, source.single) == (kind, True)
        records, skipped, _ = _read(path)
        assert len(records) == 1 and not skipped
    lukas = SAMPLES.parent / "lukasaron-data-discogs"
    for kind in KINDS:
        path = lukas / f"{kind}.xml"
        assert len(_read(path)[0]) == count_elements(path)


def test_2025_format_series_omitted_elements_artists_without_id() -> None:
    records, skipped, _ = _read(FIXTURES / "discogs_20250601_releases.xml")
    assert not skipped
    full, bare, third = records
    assert full.series[0].name == "Atlantic Masters" and full.series[0].catno == "12"
    assert full.artists[1].artist_id is None and full.artists[1].name == "Uncredited Band"
    assert full.artists[0].join == "&" and full.formats[0].text == ""
    assert full.tracks[1].duration == "" and full.identifiers[0].value == "0 7567-81650-1 3"
    assert (bare.title, bare.artists, bare.labels, bare.released) == (
        "No Artists, No Date",
        (),
        (),
        "1989",
    )
    assert bare.formats[0].qty == 2 and bare.master_id is None
    assert third.notes == "Notes with <markup> and [i]tags[/i]"
    masters, _, _ = _read(FIXTURES / "discogs_20250601_masters.xml")
    assert [m.year for m in masters] == [1979, None]


def test_truncated_gzip_is_one_sentence(tmp_path: Path) -> None:
    data = sample("releases").read_bytes()
    cut = tmp_path / "discogs_20200806_releases.xml.gz"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DumpError) as e:
        _read(cut)
    assert "ends early" in str(e.value) and cut.name in str(e.value)


def test_xml_ending_inside_a_record_names_it(tmp_path: Path) -> None:
    xml = gzip.decompress(sample("releases").read_bytes())
    at = xml.index(b'<release id="1234"') if b'<release id="1234"' in xml else len(xml) // 2
    cut = tmp_path / "releases.xml"
    cut.write_bytes(xml[: at + 200])
    with pytest.raises(DumpError) as e:
        _read(cut)
    assert "ends early" in str(e.value) and "byte" in str(e.value)


def test_not_a_dump(tmp_path: Path) -> None:
    other = tmp_path / "notes.xml"
    other.write_text("<catalog><item/></catalog>")
    with pytest.raises(DumpError, match="not a Discogs data dump: its root element is <catalog>"):
        open_dump(other)
    text = tmp_path / "readme.txt.gz"
    text.write_bytes(gzip.compress(b"hello"))
    with pytest.raises(DumpError, match="not a Discogs data dump"):
        open_dump(text)


def test_a_malformed_record_is_skipped_and_named(tmp_path: Path) -> None:
    xml = gzip.decompress(sample("releases").read_bytes())
    start = xml.index(b'<release id="', 1000)
    bad_id = int(xml[start + 13 : xml.index(b'"', start + 13)])
    broken = xml[:start] + xml[start:].replace(b"<title>", b"<title><oops>", 1)
    path = tmp_path / "discogs_20200806_releases.xml"
    path.write_bytes(broken)
    records, skipped, seen = _read(path)
    assert seen == 1000 and len(records) == 999
    assert [s.record_id for s in skipped] == [bad_id] and skipped[0].offset == start


def test_wanted_ids_are_kept_and_every_record_is_seen() -> None:
    wanted = {1, 3, 999_999_999}
    batches = list(read_batches(open_dump(sample("releases")), wanted))
    assert sorted(r.id for b in batches for r in b.records) == [1, 3]
    assert batches[-1].seen == 1000


def test_second_process_gives_the_same_rows() -> None:
    from gramtui.store.catalogue_reader import row_batches_here, row_batches_in_child

    def rows(batches: list) -> dict[str, list]:  # the writer parses some records itself: any order
        out: dict[str, list] = {}
        for b in batches:
            for table, more in b.rows.items():
                out.setdefault(table, []).extend(more)
        return {t: sorted(r, key=repr) for t, r in out.items()}

    for kind, wanted in (("releases", None), ("releases", {1, 3, 113}), ("masters", {1, 3, 113})):
        here = list(row_batches_here(open_dump(sample(kind)), wanted))
        there = list(row_batches_in_child(open_dump(sample(kind)), wanted))
        assert rows(here) == rows(there) and rows(there)
        assert sum(b.records for b in here) == sum(b.records for b in there)
        assert here[-1].seen == there[-1].seen == 1000


def test_catalogue_numbers_normalise() -> None:
    assert normalise_catno("MPI/LP - 512") == "MPILP512" == normalise_catno("mpi lp-512")
    assert normalise_catno("none") == ""


def test_tracks_read_as_bytes_equal_an_xml_parser() -> None:
    """Every track of the sample, sub-tracks included, as xml.etree reads it."""
    import xml.etree.ElementTree as ET

    records, _, _ = _read(sample("releases"))
    root = ET.fromstring(gzip.decompress(sample("releases").read_bytes()))
    for element, record in zip(root, records, strict=True):
        expected = [
            (t.findtext("position") or "", t.findtext("title") or "", t.findtext("duration") or "")
            for t in element.iter("track")
        ]
        assert [tuple(t) for t in record.tracks] == expected, record.id
