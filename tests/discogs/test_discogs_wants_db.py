"""The wantlist, releases and masters, against recorded Discogs answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from gramtui.domain.records import Artist, Format, Label

WANTS = "Collection.WantlistTests.AddAndRemoveReleaseFromWantlist_ShouldSucceed_WhenParametersAreValid.json"
REMOVE_MISSING = "Collection.WantlistTests.DeleteReleaseFromWantlist_ShouldSucceed_WhenReleaseIdDoesNotExist.json"


def test_wants_page_of_286(make_client, rec):
    client, server = make_client(
        rec.brotherlogic("users/brotherlogic/wants_per_page=100_token=token")
    )
    page = client.wants_page("brotherlogic")
    assert server.requests[0].url.params["per_page"] == "100"
    assert (page.page, page.pages, page.total, len(page.items)) == (1, 3, 286, 100)
    first = page.items[0]
    assert first.release_id == 9997880 and first.master_id == 5278 and first.year == 2005
    assert first.title == "The New York Rock & Roll Ensemble"
    assert first.artist == "The New York Rock & Roll Ensemble"  # the anv
    assert first.format == "CDr, Album, Reissue, Remastered, Unofficial Release"
    assert first.date_added == datetime(2020, 9, 17, 15, 8, 30, tzinfo=UTC)
    assert sum(1 for w in page.items if w.year is None) == 5  # year 0 in the recording


def test_wants_with_notes_and_no_dates(make_client, rec):
    client, _ = make_client(
        rec.body_only("joalla/users/example/wants_per_page=50&page=1.json", "/users/example/wants")
    )
    page = client.wants_page("example", per_page=50)
    nin = page.items[0]
    assert (nin.release_id, nin.rating, nin.notes) == (
        1867708,
        4,
        "Sample public notes.",
    )
    assert nin.date_added is None and nin.master_id is None
    assert page.items[1].notes == ""


def test_add_want_without_notes_sends_no_body_and_remove_is_a_204(make_client, rec):
    client, server = make_client(rec.damidhagor(WANTS))
    assert client.add_want("DamIDhagor", 5134861) is None
    assert server.requests[0].method == "PUT" and server.requests[0].content == b""
    assert client.remove_want("DamIDhagor", 5134861) is None
    assert server.requests[1].method == "DELETE"


def test_add_want_with_notes(make_client, rec):
    client, server = make_client(rec.damidhagor(WANTS))
    client.add_want("DamIDhagor", 5134861, notes="the Japanese press")
    assert json.loads(server.requests[0].content) == {"notes": "the Japanese press"}


def test_removing_a_want_that_is_not_there_is_fine(make_client, rec):
    client, _ = make_client(rec.damidhagor(REMOVE_MISSING))
    assert client.remove_want("DamIDhagor", 2147483647) is None


@pytest.mark.parametrize(
    ("file", "rid", "title", "year", "master", "labels", "formats", "artist"),
    [
        (
            "brotherlogic/releases/249504_token=token",
            249504,
            "Never Gonna Give You Up",
            1987,
            96559,
            (Label("RCA", "PB 41447"),),
            (Format("Vinyl", 1, ('7"', "45 RPM", "Single")),),
            "Rick Astley",
        ),
        (
            "brotherlogic/releases/1161277_token=token",
            1161277,
            "Chöre Für Doris - Choral - Drei Lieder - Sonatine - Kreuzspiel",
            2002,
            None,
            (Label("Stockhausen-Verlag", "Stockhausen 1"),),
            (Format("CD"),),
            "Stockhausen",
        ),
        (
            "brotherlogic/releases/9082405_token=token",
            9082405,
            None,
            2016,
            114494,
            (Label("Schema", "SCEB944LP"),),
            (Format("Vinyl", 1, ("LP",), "Gatefold"), Format("CD")),
            "Gruppo Di Improvvisazione Nuova Consonanza",
        ),
        (
            "brotherlogic/releases/4707982_token=token",
            4707982,
            "Future",
            2013,
            204586,
            None,
            (Format("CD", 2, ("Album", "Reissue", "Remastered")),),
            "The Seeds",
        ),
        (
            "irlndts/releases_8138518.json",
            8138518,
            "Elephant Riddim",
            2016,
            960657,
            (Label("Magnetic Loft Records", "MLR-007"),),
            (Format("Vinyl", 1, ("LP", "Album", "Stereo")),),
            "SPB Ska-Jazz Review",
        ),
        (
            "joalla/releases/1.json",
            1,
            "Stockholm",
            1999,
            5427,
            (Label("Svek", "SK032"),),
            (Format("Vinyl", 2, ('12"',)),),
            "Persuader, The",
        ),
    ],
)
def test_release(make_client, rec, file, rid, title, year, master, labels, formats, artist):
    client, _ = make_client(rec.body_only(file, f"/releases/{rid}"))
    release = client.release(rid)
    assert release.id == rid and release.year == year and release.master_id == master
    if title is not None:
        assert release.title == title
    if labels is not None:
        assert release.labels == labels
    assert release.formats == formats
    assert release.artist == artist
    assert release.genres


def test_release_with_its_recorded_capitalised_headers(make_client, rec):
    client, _ = make_client(rec.brotherlogic("releases/249504_token=token"))
    release = client.release(249504)
    assert release.artists == (Artist("Rick Astley", "", ","),)
    assert release.styles == ("Euro-Disco",)
    assert client.limiter.snapshot().used == 5


@pytest.mark.parametrize(
    ("file", "mid", "year", "main", "title"),
    [
        ("irlndts/masters_718441.json", 718441, 1996, 3221262, "Infinite"),
        ("joalla/masters/4242.json", 4242, 1998, 79, "City Of Islands"),
    ],
)
def test_master(make_client, rec, file, mid, year, main, title):
    client, _ = make_client(rec.body_only(file, f"/masters/{mid}"))
    master = client.master(mid)
    assert (master.id, master.year, master.main_release, master.title) == (mid, year, main, title)
