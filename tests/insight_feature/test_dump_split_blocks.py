"""The splitter's two paths agree: wanted records found by the one-scan id regex (scope
`collection`) are exactly those the record-by-record path yields, byte for byte, wherever the
decompressed pieces are cut (small pieces put cuts inside start tags and at record edges)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from insight_helpers import sample

from gramtui.dumps.source import open_dump
from gramtui.dumps.split import RawRecord, Splitter
from gramtui.dumps.stream import read_batches
from gramtui.store.catalogue_rows import rows_of


def _plain(tmp_path: Path, kind: str, xml: bytes | None = None) -> Path:
    path = tmp_path / f"discogs_20200806_{kind}.xml"
    path.write_bytes(xml if xml is not None else gzip.decompress(sample(kind).read_bytes()))
    return path


def _split(path: Path, wanted: set[int] | None, block: int | None = None) -> list[RawRecord]:
    source = open_dump(path)
    if block is not None:
        source.block = block
    splitter = Splitter(source, wanted)
    out = list(splitter)
    assert splitter.seen == 1000
    return out


def _starts(xml: bytes, marker: bytes) -> list[int]:
    out, at = [], xml.find(marker)
    while at != -1:
        out.append(at)
        at = xml.find(marker, at + 1)
    return out


@pytest.mark.parametrize("kind", ["releases", "masters"])
def test_the_id_scan_yields_what_the_record_by_record_path_does(tmp_path: Path, kind: str) -> None:
    path = _plain(tmp_path, kind)
    everything = _split(path, None)
    ids = [r.id for r in everything]
    wanted = {ids[0], ids[1], ids[500], ids[-2], ids[-1], 999_999_999}
    expected = [r for r in everything if r.id in wanted]
    assert len(expected) == 5
    for block in (None, 211, 65_536):
        assert _split(path, wanted, block) == expected, block
        assert _split(path, None, block) == everything, block
    assert _split(sample(kind), wanted) == expected  # and from the gzip file


def test_cuts_at_and_inside_the_start_of_a_wanted_release(tmp_path: Path) -> None:
    path = _plain(tmp_path, "releases")
    xml = path.read_bytes()
    starts = _starts(xml, b"<release ")
    everything = _split(path, None)
    for place in (1, 500, 999):  # the second, one in the middle, the very last
        rid = everything[place].id
        assert rid is not None
        at = starts[place]
        for cut in (-1, 0, 1, 5, 9, 12, 14, 40, len(everything[place].data) - 1):
            got = _split(path, {rid}, at + cut)
            assert got == [everything[place]], (place, cut)


def test_a_start_tag_the_regex_cannot_read_is_compared_as_a_number(tmp_path: Path) -> None:
    xml = gzip.decompress(sample("releases").read_bytes())
    starts = _starts(xml, b'<release id="')
    first_id = xml[starts[3] + 13 : xml.index(b'"', starts[3] + 13)]
    second_id = xml[starts[7] + 13 : xml.index(b'"', starts[7] + 13)]
    odd = (
        xml[: starts[3]] + b'<release id="00' + xml[starts[3] + 13 :]  # a leading zero
    )
    shift = 2
    odd = (
        odd[: starts[7] + shift]
        + b'<release status="Accepted" id="'
        + second_id
        + b'"'
        + odd[starts[7] + shift + 13 + len(second_id) + 1 :].replace(b' status="Accepted"', b"", 1)
    )
    path = _plain(tmp_path, "releases", odd)
    wanted = {int(first_id), int(second_id)}
    for block in (None, 211):
        got = _split(path, wanted, block)
        assert [r.id for r in got] == [int(first_id), int(second_id)]
        assert got[0].data.startswith(b'<release id="00' + first_id)
        assert got[1].data.startswith(b'<release status="Accepted" id="' + second_id)


def test_collection_rows_equal_all_rows_of_the_same_records(tmp_path: Path) -> None:
    path = _plain(tmp_path, "releases")
    everything = [r for b in read_batches(open_dump(path)) for r in b.records]
    wanted = {everything[i].id for i in (0, 250, 999)}
    source = open_dump(path)
    source.block = 333
    kept = [r for b in read_batches(source, wanted) for r in b.records]
    assert rows_of("releases", kept) == rows_of(
        "releases", [r for r in everything if r.id in wanted]
    )
