"""Tolerant parsing on its own: what may be missing, what may not, and how values are read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gramtui.discogs import BadResponse
from gramtui.discogs.parse import (
    parse_collection_item,
    parse_community,
    parse_listing,
    parse_market_stats,
    parse_money,
    parse_release,
    parse_want,
)
from gramtui.domain.money import Money
from gramtui.domain.records import Format, Release


def test_a_release_with_only_an_id():
    assert parse_release({"id": 7}) == Release(id=7, title="")


def test_a_release_with_nulls_empties_and_extras():
    release = parse_release(
        {
            "id": 7,
            "title": "T",
            "year": 0,
            "master_id": 0,
            "master_url": None,
            "thumb": None,
            "labels": [],
            "formats": [{"name": "Vinyl", "qty": "2"}, {"name": "CD", "qty": ""}],
            "artists": [{"name": "A", "join": "&"}, {"name": "B"}],
            "genres": None,
            "styles": ["Dub"],
            "community": {"have": 3},
            "unknown_new_key": [1, 2],
        }
    )
    assert release.year is None and release.master_id is None and release.thumb == ""
    assert release.labels == () and release.genres == () and release.styles == ("Dub",)
    assert release.formats == (Format("Vinyl", 2), Format("CD", 1))
    assert release.artist == "A & B"


def test_a_qty_that_is_not_a_number_is_named():
    with pytest.raises(
        BadResponse, match=r"the qty of formats\[0\] of the release is not a whole number: 'two'"
    ):
        parse_release({"id": 1, "formats": [{"name": "CD", "qty": "two"}]})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-08-23T10:02:27-07:00", datetime(2026, 8, 23, 17, 2, 27, tzinfo=UTC)),
        ("2026-08-23T17:02:27Z", datetime(2026, 8, 23, 17, 2, 27, tzinfo=UTC)),
        ("2026-08-23T17:02:27", datetime(2026, 8, 23, 17, 2, 27, tzinfo=UTC)),
        (None, None),
        ("", None),
    ],
)
def test_dates_become_aware_utc(text, expected):
    item = parse_collection_item(
        {"instance_id": 1, "folder_id": 1, "date_added": text, "basic_information": {"id": 2}}
    )
    assert item.date_added == expected
    assert expected is None or item.date_added.utcoffset().total_seconds() == 0


def test_a_date_that_is_not_a_date_is_named():
    with pytest.raises(BadResponse, match="the date_added of the collection item is not a date"):
        parse_collection_item(
            {
                "instance_id": 1,
                "folder_id": 1,
                "date_added": "yesterday",
                "basic_information": {"id": 2},
            }
        )


def test_item_notes_by_field_id_and_to_record():
    item = parse_collection_item(
        {
            "instance_id": 1,
            "folder_id": 3,
            "rating": None,
            "basic_information": {"id": 2},
            "notes": [
                {"field_id": 1, "value": "Near Mint (NM or M-)"},
                {"field_id": "9", "value": None},
            ],
        }
    )
    assert item.notes == {1: "Near Mint (NM or M-)", 9: ""} and item.rating == 0
    assert item.to_record({1: "Media"}).fields == {"Media": "Near Mint (NM or M-)", "9": ""}


@pytest.mark.parametrize("missing", ["instance_id", "basic_information"])
def test_an_item_without_what_identifies_it_is_refused(missing):
    item = {"instance_id": 1, "folder_id": 1, "basic_information": {"id": 2}}
    del item[missing]
    with pytest.raises(BadResponse, match=f"the collection item has no '{missing}'"):
        parse_collection_item(item)


def test_an_item_without_folder_takes_the_folder_it_was_read_from():
    item = {"instance_id": 1, "basic_information": {"id": 2}}
    assert parse_collection_item(item, folder=5).folder_id == 5
    with pytest.raises(BadResponse, match="has no 'folder_id'"):
        parse_collection_item(item)


@pytest.mark.parametrize(
    ("value", "cents"),
    [(14.3191391, 1432), (0.005, 1), ("12.50", 1250), (100, 10000), (8.881578947368421, 888)],
)
def test_prices_round_half_up_to_the_cent(value, cents):
    assert parse_money({"value": value, "currency": "EUR"}, "p") == Money(cents, "EUR")


def test_original_price_spells_currency_curr_abbr():
    assert parse_money({"curr_abbr": "GBP", "value": 3.5}, "p") == Money(350, "GBP")


@pytest.mark.parametrize("value", [None, True, "lots", [1]])
def test_a_price_that_is_not_a_number_is_named(value):
    with pytest.raises(BadResponse, match="the price"):
        parse_money({"value": value, "currency": "USD"}, "the price")


def test_a_listing_needs_id_status_price_and_release_id():
    listing = {
        "id": 1,
        "status": "Draft",
        "price": {"value": 2, "currency": "USD"},
        "release": {"id": 3},
    }
    parsed = parse_listing(listing)
    assert (parsed.listing_id, parsed.release_id, parsed.status, parsed.price) == (
        1,
        3,
        "Draft",
        Money(200),
    )
    assert parsed.posted is None and parsed.condition == "" and parsed.catno == ""
    for key in ("id", "status", "price", "release"):
        with pytest.raises(BadResponse, match=f"has no '{key}'"):
            parse_listing({k: v for k, v in listing.items() if k != key})
    with pytest.raises(BadResponse, match="the release of the listing has no 'id'"):
        parse_listing({**listing, "release": {}})


def test_a_want_without_basic_information():
    want = parse_want({"id": 5, "rating": 3})
    assert (want.release_id, want.rating, want.title, want.year) == (5, 3, "", None)


def test_stats_shapes():
    assert parse_market_stats({}) == (None, None)
    assert parse_market_stats(
        {"lowest_price": {"value": 2.09, "currency": "USD"}, "num_for_sale": 26}
    ) == (
        Money(209),
        26,
    )


@pytest.mark.parametrize("value", [2**63, -(2**63), 1e300, str(2**70)])
def test_a_number_beyond_the_range_of_ids_is_an_answer_of_the_wrong_shape(value: object) -> None:
    """SQLite could not store it (an OverflowError, "unexpected error", before)."""
    from gramtui.discogs.parse import parse_identity

    with pytest.raises(BadResponse, match="the identity's id is beyond the range of Discogs ids"):
        parse_identity(
            {"id": value, "username": "someone", "resource_url": "", "consumer_name": ""}
        )


def test_community_counts_from_a_real_release_recording():
    path = Path(__file__).parent.parent / "fixtures/discogs/irlndts/releases_8138518.json"
    got = parse_community(json.loads(path.read_text()))
    assert (got.release_id, got.have, got.want) == (8138518, 73, 18)


@pytest.mark.parametrize(
    "community",
    [None, {}, {"have": -1, "want": 3}, {"have": "12", "want": 3}, {"have": 4, "want": True}, 7],
)
def test_a_malformed_community_is_unknown_and_logged(community, caplog):
    answer = {"id": 9} if community is None else {"id": 9, "community": community}
    with caplog.at_level("WARNING", logger="gramtui.discogs.parse"):
        got = parse_community(answer)
    assert (got.release_id, got.have, got.want) == (9, None, None)
    assert "release 9" in caplog.text
