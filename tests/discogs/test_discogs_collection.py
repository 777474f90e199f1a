"""Identity, folders, fields and the collection, against recorded Discogs answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from gramtui.discogs import RateLimiter
from gramtui.domain.records import Artist, Format, Label
from gramtui.domain.tasks import Priority

BL_PAGE1 = "users/brotherlogic/collection/folders/0/releases_per_page=100_token=token"
BL_PAGE2 = BL_PAGE1 + "_page=2"
FIELD_OK = (
    "Collection.CollectionFolderReleaseUpdateTests."
    "UpdateCollectionFolderReleaseField_ShouldSetValue_WhenDropdownFieldValueIsValidOption.json"
)
MOVE = (
    "Collection.CollectionFolderReleaseUpdateTests."
    "UpdateCollectionFolderRelease_ShouldChangeRatingAndMoveFolder_WhenValuesAreValid.json"
)
FOLDERS_CRUD = (
    "Collection.CollectionFoldersTests."
    "CreateUpdateDeleteCollectionFolder_ShouldSucceed_WhenParametersAreValid.json"
)
FIELDS = "Collection.CollectionFieldsTests.GetCollectionFields_ShouldReturnFields_WhenUsernameIsValid.json"


def test_every_request_carries_token_user_agent_and_media_type(make_client, rec):
    client, server = make_client(rec.body_only("joalla/oauth/identity.json", "/oauth/identity"))
    client.identity()
    sent = server.requests[0]
    assert sent.headers["Authorization"] == f"Discogs token={rec.TOKEN}"
    assert sent.headers["User-Agent"].startswith("gramtui/")
    assert "+https://" in sent.headers["User-Agent"]
    assert sent.headers["Accept"] == "application/vnd.discogs.v2.discogs+json"
    assert "token" not in str(sent.url)


def test_identity(make_client, rec):
    client, _ = make_client(rec.raw_http("ricbra/get_oauth_identity.http", "/oauth/identity"))
    me = client.identity()
    assert (me.id, me.username) == (557870, "R-Search")
    assert client.requests_made == 1


def test_folders_of_a_real_35_folder_collection(make_client, rec):
    client, server = make_client(
        rec.brotherlogic("users/brotherlogic/collection/folders_token=token")
    )
    folders = client.folders("brotherlogic")
    assert server.requests[0].url.path == "/users/brotherlogic/collection/folders"
    assert folders[0].id == 0 and folders[0].name == "All" and folders[0].count == 3104
    assert sum(f.count for f in folders[1:]) == 3104
    assert any(f.name == '7" Boxsets' and f.id == 472403 for f in folders)


def test_folders_other_sources(make_client, rec):
    client, _ = make_client(
        rec.body_only(
            "joalla/users/example/collection/folders.json", "/users/example/collection/folders"
        ),
        rec.body_only("irlndts/collection_folders.json", "/users/test_user/collection/folders"),
    )
    assert [f.name for f in client.folders("example")][1] == "Uncategorized folder"
    only_all = client.folders("test_user")
    assert len(only_all) == 1 and only_all[0].count == 95


def test_create_folder_answers_201_with_the_folder(make_client, rec):
    client, server = make_client(rec.damidhagor(FOLDERS_CRUD))
    folder = client.create_folder("DamIDhagor", "API_TEST_WORKFLOW_CREATE")
    assert (folder.id, folder.name, folder.count) == (9391750, "API_TEST_WORKFLOW_CREATE", 0)
    assert json.loads(server.requests[0].content) == {"name": "API_TEST_WORKFLOW_CREATE"}


def test_fields_dropdown_and_textarea(make_client, rec):
    client, _ = make_client(rec.damidhagor(FIELDS))
    fields = {f.id: f for f in client.fields("DamIDhagor")}
    assert fields[1].type == "dropdown"
    assert fields[1].options == ("API_TEST_OPTION_A", "API_TEST_OPTION_B")
    assert fields[2].type == "textarea" and fields[2].options == () and fields[2].position == 1
    assert not fields[2].public


def test_collection_page_1_of_a_3104_item_collection(make_client, rec):
    client, server = make_client(rec.brotherlogic(BL_PAGE1))
    page = client.collection_page(
        "brotherlogic", 0, page=1, per_page=100, sort="label", sort_order="asc"
    )
    params = server.requests[0].url.params
    assert (params["page"], params["per_page"], params["sort"], params["sort_order"]) == (
        "1",
        "100",
        "label",
        "asc",
    )
    assert (page.page, page.pages, page.per_page, page.total, len(page.items)) == (
        1,
        32,
        100,
        3104,
        100,
    )
    assert page.next_page == 2
    first = page.items[0]
    assert first.instance_id == 130899776 and first.folder_id == 242017 and first.rating == 4
    assert first.date_added == datetime(2015, 5, 28, 0, 42, 11, tzinfo=UTC)
    assert first.release.id == 2749755
    assert first.release.labels == (Label("(K-RAA-K)³", "K066"),)
    assert first.release.formats == (Format("Vinyl", 1, ("LP", "Album", "Limited Edition")),)
    assert first.release.artist == "Bridget Hayden"
    assert first.notes == {}
    second = page.items[1]
    assert second.release.catno == "PIASB 069 CD" and len(second.release.labels) == 3
    assert second.release.formats[0].qty == 3  # "qty": "3"


def test_collection_page_2_and_the_odd_items_in_it(make_client, rec):
    client, _ = make_client(rec.brotherlogic(BL_PAGE1), rec.brotherlogic(BL_PAGE2))
    page = client.collection_page("brotherlogic", page=2)
    assert (page.page, page.pages, len(page.items)) == (2, 32, 100)
    first_page = client.collection_page("brotherlogic", page=1)
    ids = {i.instance_id for i in page.items} | {i.instance_id for i in first_page.items}
    assert len(ids) == 200
    items = page.items + first_page.items
    # the two pages hold 9 items with year 0 and 7 formats without descriptions: tolerated
    assert sum(1 for i in items if i.release.year is None) == 9
    assert sum(1 for i in items for f in i.release.formats if f.descriptions == ()) == 7
    assert all(i.date_added is not None and i.date_added.tzinfo is UTC for i in items)


def test_collection_page_with_notes_genres_and_master(make_client, rec):
    client, _ = make_client(rec.damidhagor(FIELD_OK))
    page = client.collection_page("DamIDhagor", 9510193)
    assert (page.total, page.pages) == (1, 1) and page.next_page is None  # "urls": {}
    item = page.items[0]
    assert item.instance_id == 2176916228 and item.rating == 4
    assert item.notes == {1: "API_TEST_OPTION_A"}
    assert item.release.master_id == 156551
    assert item.release.artists == (Artist("HammerFall"),)
    assert item.release.genres and item.release.thumb.startswith("https://")
    record = item.to_record({1: "API_TEST_DROPDOWN_FIELD"})
    assert record.fields == {"API_TEST_DROPDOWN_FIELD": "API_TEST_OPTION_A"}
    assert (record.instance_id, record.release_id, record.folder_id) == (
        2176916228,
        5134861,
        9510193,
    )


def test_collection_page_master_0_and_anv(make_client, rec):
    client, _ = make_client(
        rec.body_only(
            "irlndts/collection_folders_0_releases_sort=artist_sort_order=desc_per_page=2.json",
            "/users/test_user/collection/folders/0/releases",
            query={"sort": "artist", "sort_order": "desc", "per_page": "2"},
        ),
        rec.body_only(
            "joalla/users/example/collection/folders/0/releases_page=1&per_page=50.json",
            "/users/example/collection/folders/0/releases",
        ),
    )
    page = client.collection_page("test_user", per_page=2, sort="artist", sort_order="desc")
    assert (page.pages, page.total) == (48, 95)
    zonk = page.items[0]
    assert zonk.folder_id == 0  # this answer names no folder: the one it was read from
    assert zonk.release.master_id is None and zonk.release.thumb == ""  # master_id 0, url null
    assert zonk.release.formats[0].text == "Purple"
    kd = client.collection_page("example", per_page=50).items[0]
    assert kd.release.artist == "Kruder Dorfmeister"  # the anv as credited
    assert kd.release.formats[0].qty == 5


def test_move_rating_and_field_are_204s_never_parsed(make_client, rec):
    client, server = make_client(rec.damidhagor(MOVE), rec.damidhagor(FIELD_OK))
    assert client.move_instance("DamIDhagor", 9510198, 5134861, 2176916266, 9510199) is None
    assert json.loads(server.requests[-1].content) == {"folder_id": 9510199}
    assert client.set_rating("DamIDhagor", 9510198, 5134861, 2176916266, 4) is None
    assert json.loads(server.requests[-1].content) == {"rating": 4}
    client.set_field("DamIDhagor", 9510193, 5134861, 2176916228, 1, "API_TEST_OPTION_A")
    sent = server.requests[-1]
    assert sent.url.path.endswith("/instances/2176916228/fields/1")
    assert json.loads(sent.content) == {"value": "API_TEST_OPTION_A"}
    assert client.requests_made == 3


def test_the_limiter_follows_lowercase_headers(make_client, rec):
    limiter = RateLimiter()
    client, _ = make_client(rec.damidhagor(MOVE), limiter=limiter)
    client.move_instance(
        "DamIDhagor", 9510198, 5134861, 2176916266, 9510199, priority=Priority.USER
    )
    status = limiter.snapshot()  # the recorded answer says used 54, remaining 6
    assert (status.limit, status.used, status.remaining) == (60, 54, 6)


def test_the_limiter_follows_capitalised_headers(make_client, rec):
    limiter = RateLimiter()
    client, _ = make_client(
        rec.brotherlogic("users/brotherlogic/collection/folders_token=token"), limiter=limiter
    )
    client.folders("brotherlogic")
    assert limiter.snapshot().used == 5  # X-Discogs-Ratelimit-Used: 5


def test_usernames_are_quoted_in_paths(make_client, rec):
    client, server = make_client(
        rec.body_only(
            "joalla/users/example/collection/folders.json", "/users/a%20b%2Fc/collection/folders"
        )
    )
    client.folders("a b/c")
    assert server.requests[0].url.raw_path == b"/users/a%20b%2Fc/collection/folders"


def test_priority_reaches_the_limiter(make_client, rec, clock):
    limiter = RateLimiter(limit=2, headroom=1, clock=clock.monotonic, sleep=clock.sleep)
    client, _ = make_client(
        rec.body_only("joalla/oauth/identity.json", "/oauth/identity"), limiter=limiter
    )
    client.identity()  # background: takes the one place outside the headroom
    client.identity(priority=Priority.USER)  # the user's action uses the headroom, at once
    assert clock.sleeps == []
    client.identity()  # background again: waits for the window
    assert clock.sleeps == [60.0]
    assert client.requests_made == 3
