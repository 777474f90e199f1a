"""The pattern reader of releases (dumps/parse_fast.py) against lxml's tree (parse.py).

It must give the very same DumpRelease for every record it reads, hand whatever XML it does not
read to lxml, and refuse what lxml refuses.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from insight_helpers import FIXTURES, SAMPLES, sample_release_records

from gramtui.dumps.parse import MalformedRecord, parse_release, parse_release_tree
from gramtui.dumps.parse_fast import NotPlain, _walked, parse_release_plain
from gramtui.dumps.records import Track

LUKASARON = SAMPLES.parent / "lukasaron-data-discogs" / "releases.xml"


def _records(path: Path) -> list[bytes]:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    body = data[data.index(b"<release ") : data.rindex(b"</releases>")]
    return [b"<release " + part for part in body.split(b"<release ")[1:]]


def test_every_sample_release_reads_as_lxml_reads_it() -> None:
    records = sample_release_records()
    plain = 0
    for data in records:
        tree = parse_release_tree(data)
        assert parse_release(data) == tree
        try:
            assert parse_release_plain(data) == tree
            plain += 1
        except NotPlain:
            assert b"<sub_tracks>" in data  # the one shape of the 2020 sample it leaves to lxml
    assert plain >= 970  # of 1,000: the fast path is the common one


def test_the_part_by_part_walk_reads_every_sample_release_as_lxml() -> None:
    """The walk reads parts in any order (when the one-pattern match fails)."""
    for data in sample_release_records():
        try:
            walked = _walked(data.decode())
        except NotPlain:
            continue
        assert walked == parse_release_tree(data)


@pytest.mark.parametrize(
    "path", [FIXTURES / "discogs_20250601_releases.xml", LUKASARON], ids=["2025", "2019"]
)
def test_other_formats_read_as_lxml_reads_them(path: Path) -> None:
    for data in _records(path):
        assert parse_release(data) == parse_release_tree(data)


RECORD = (
    '<release id="7" status="Accepted"><images><image uri=""/></images>'
    "<artists><artist><id>1</id><name>A &amp; B</name><anv/><join/><role/><tracks/></artist>"
    "</artists><title>T</title>"
    '<labels><label name="L" catno="C 1" id="5"/></labels>'
    '<formats><format name="Vinyl" qty="1" text=""><descriptions><description>LP</description>'
    "</descriptions></format></formats><genres><genre>Rock</genre></genres>"
    "<country>UK</country><released>1999-03-00</released><notes>N</notes>"
    '<master_id is_main_release="true">9</master_id>'
    "<tracklist><track><position>A</position><title>One</title><duration>1:00</duration></track>"
    "</tracklist>"
    '<identifiers><identifier type="Barcode" value="123"/></identifiers>'
    "<videos><video><title>not the title</title></video></videos></release>\n"
)


def _variant(old: str, new: str) -> bytes:
    assert old in RECORD
    return RECORD.replace(old, new, 1).encode()


def test_the_plain_record_reads_every_field() -> None:
    r = parse_release_plain(RECORD.encode())
    assert (r.id, r.status, r.title, r.country, r.released, r.master_id, r.is_main_release) == (
        7,
        "Accepted",
        "T",
        "UK",
        "1999-03-00",
        9,
        True,
    )
    assert r.artists[0].name == "A & B" and r.labels[0].catno == "C 1"
    assert r.formats[0].descriptions == ("LP",) and r.tracks == (Track("A", "One", "1:00"),)
    assert r == parse_release_tree(RECORD.encode())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<title>T</title>", "<title><![CDATA[T & <b>]]></title>"),  # CDATA
        ("<genre>Rock</genre>", "<genre>Ro<!-- a comment -->ck</genre>"),
        ('name="L" catno="C 1" id="5"', 'catno="C 1" id="5" name="L"'),  # another order
        ("<notes>N</notes>", "<notes>N\r\nM</notes>"),  # \r\n is read as \n
        (
            "<duration>1:00</duration></track>",
            "<duration/><sub_tracks><track><position>A.a</position><title>Sub</title>"
            "</track></sub_tracks></track>",
        ),
        ("<artist><id>1</id><name>A &amp; B</name>", "<artist><name>A &amp; B</name><id>1</id>"),
    ],
    ids=["cdata", "comment", "attribute-order", "crlf", "sub-tracks", "order"],
)
def test_what_the_patterns_do_not_read_goes_to_lxml(old: str, new: str) -> None:
    data = _variant(old, new)
    with pytest.raises(NotPlain):
        parse_release_plain(data)
    assert parse_release(data) == parse_release_tree(data)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<title>T</title>", "<title>&amp;lt; &#233; &#x263A; &quot;q&quot; &apos;</title>"),
        ('name="L"', 'name="a\tb\nc &amp; d"'),  # an XML parser reads tabs and newlines as spaces
        ("<notes>N</notes>", "<notes>line 1\nline 2</notes>"),
        ("<notes>N</notes>", "<notes/>"),
        ("<genres>", "<genres><!-- between items: lxml drops it too -->"),
        ("<country>UK</country>", "<country>UK</country><extra>x</extra>"),  # a part one by one
        ('<images><image uri=""/></images>', ""),
        ("<released>1999-03-00</released>", ""),  # the 2025 format omits empty parts
    ],
)
def test_entities_spaces_and_missing_parts_read_as_lxml_reads_them(old: str, new: str) -> None:
    data = _variant(old, new)
    assert parse_release_plain(data) == parse_release_tree(data)


@pytest.mark.parametrize(
    "data",
    [
        _variant("<title>T</title>", "<title>Tom & Jerry</title>"),  # a bare &
        _variant("<title>T</title>", "<title>&nbsp;</title>"),  # not an XML entity
        _variant("<title>T</title>", "<title><oops>T</title>"),  # a tag left open
        _variant("<title>T</title>", "<title>T</titel>"),
        RECORD.encode().replace(b"<title>T", b"<title>T\xff"),  # not UTF-8
    ],
    ids=["bare-amp", "unknown-entity", "open-tag", "mismatched-tag", "utf8"],
)
def test_a_malformed_record_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        parse_release(data)
    with pytest.raises(MalformedRecord):
        parse_release_tree(data)
