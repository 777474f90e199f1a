"""The shelves services on real stores: loading, search and locate, editing organisations,
widths and sizes set in the app, and a layout that follows the collection through syncs."""

from __future__ import annotations

import pytest
from shelves_helpers import NOW, SAMPLE_TOML, folder_named

from gramtui.domain.organisation import Organisation, OrganisationError, Source, Space
from gramtui.engine import layouts, rules
from gramtui.engine.layouts import WidthError
from gramtui.engine.setup import Session
from gramtui.engine.sync import request_sync
from gramtui.store import collection
from gramtui.store import layouts as stored
from gramtui.store.models_shelves import LayoutSnapshot


def _org(name: str = "Sevens", folder: str = "7s", width: float = 10.0) -> Organisation:
    return Organisation(name, (Space("Box", 3, width),), (Source(folder, "artist"),))


def test_fast_loading_gives_the_same_records_as_the_collection(synced: Session) -> None:
    ids = [f.id for f in collection.folders()]
    fast, plain = stored.shelf_records(ids), collection.load_records(ids)
    assert len(fast) == len(plain) == collection.count_instances()
    assert fast == plain
    assert [r.fields for r in fast] == [r.fields for r in plain]  # fields do not compare
    assert stored.shelf_records([]) == []


def test_the_shown_records_share_their_repeated_names(synced: Session) -> None:
    # A layout's shown records live as long as it is on screen: an artist, label or format
    # repeated across records is one string, not one per record (SQLite hands a new one a row).
    rows = stored.display_rows([f.id for f in collection.folders()]).values()
    for column in (0, 2, 4, 7):  # artist, label, format, size
        by_text: dict[str, set[int]] = {}
        for row in rows:
            by_text.setdefault(str(row[column]), set()).add(id(row[column]))
        assert by_text
        assert all(len(objects) == 1 for objects in by_text.values()), column
    assert len(rows) > len({row[4] for row in rows})  # formats repeat in the sample


def test_search_reads_brackets_as_text_and_locate_gives_the_neighbours(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    view = layouts.shelf_view(layouts.organisation("Main Shelves"), synced.config, NOW)
    (found,) = view.search("AC/DC [/live]")
    assert view.records[found].title == "If You Want Blood [red]"
    assert view.search(str(found)) == [found]
    assert view.search("   ") == []
    assert view.search("[dub]") == []  # a 7": in the other organisation
    small = layouts.shelf_view(layouts.organisation("Small Formats"), synced.config, NOW)
    assert [small.records[i].title for i in small.search("[dub]")] == ["[dub] mix"]
    assert small.search("baf7001") == small.search("[dub]")
    hits = view.search("the")
    assert len(hits) > 5
    assert [view.layout.find(i).index for i in hits] == sorted(  # type: ignore[union-attr]
        view.layout.find(i).index
        for i in hits  # type: ignore[union-attr]
    )
    # Neighbours are the records beside it in the same unit, in shelf order.
    placements = view.layout.placements
    middle = next(p for p in placements[1:-1] if p.position > 2 and p.area == "shelf")
    location = view.locate(middle.instance_id, 2)
    assert location is not None and location.placement == middle
    row = middle.index - 1
    assert [r.instance_id for r in location.before] == [
        p.instance_id for p in placements[row - 2 : row]
    ]
    assert all(layouts.locate_everywhere(str(middle.instance_id), synced.config, NOW))


def test_saving_one_organisation_checks_it_with_the_others(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    before = layouts.export_toml()
    for bad, message in (
        (_org(folder="12s"), 'already belongs to organisation "Main Shelves"'),
        (_org(name="Small Formats", folder="Tapes"), "Two organisations are named"),
        (_org(width=-1.0), "give a positive width"),
    ):
        with pytest.raises(OrganisationError, match=message):
            layouts.save_organisation(bad, NOW)
        assert layouts.export_toml() == before
    # "Small Formats" gives up its 7s to a new organisation, then the new one is renamed.
    layouts.save_organisation(
        Organisation(
            "Small Formats",
            (Space("Drawer", 6, 30.0),),
            (Source("CDs", "artist"),),
            density="count",
        ),
        NOW,
        replacing="Small Formats",
    )
    layouts.save_organisation(_org(), NOW)
    layouts.save_organisation(_org(name="Singles"), NOW, replacing="Sevens")
    assert [o.name for o in layouts.organisations()] == ["Main Shelves", "Small Formats", "Singles"]
    layouts.delete_organisation("Singles", NOW)
    assert [o.name for o in layouts.organisations()] == ["Main Shelves", "Small Formats"]
    with pytest.raises(OrganisationError, match="no organisation called 'Singles'"):
        layouts.delete_organisation("Singles", NOW)
    assert layouts.source_folders() and all(f.id != 0 for f in layouts.source_folders())


def test_a_width_set_in_the_app_moves_records_and_is_stored(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    org = layouts.organisation("Main Shelves")
    first = layouts.shelf_view(org, synced.config, NOW).layout.placements[0]
    snapshots = LayoutSnapshot.select().count()
    layouts.set_record_width(first.instance_id, layouts.parse_width("2,5 cm"))
    view = layouts.shelf_view(org, synced.config, NOW)
    moved = view.layout.find(first.instance_id)
    assert moved is not None and moved.width == 2.5 and moved.area == "shelf"
    assert view.records[first.instance_id].explicit_width == 2.5
    assert LayoutSnapshot.select().count() == snapshots + 1  # the changed layout is kept
    unit = next(u for u in view.layout.units if (u.space, u.unit) == (moved.space, moved.unit))
    assert unit.used <= unit.capacity
    layouts.set_record_width(first.instance_id, layouts.parse_width("auto"))
    assert layouts.shelf_view(org, synced.config, NOW).layout.find(first.instance_id) == first


def test_marking_a_record_oversized_puts_it_in_the_oversized_area(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    org = layouts.organisation("Main Shelves")
    first = layouts.shelf_view(org, synced.config, NOW).layout.placements[0]
    rules.set_size(synced.engine, first.instance_id, "oversized")
    view = layouts.shelf_view(org, synced.config, NOW)
    assert view.layout.find(first.instance_id).area == "oversized"  # type: ignore[union-attr]
    assert view.records[first.instance_id].size == "oversized"
    rules.set_size(synced.engine, first.instance_id, "regular")
    assert layouts.shelf_view(org, synced.config, NOW).layout.find(first.instance_id) == first
    with pytest.raises(rules.RulesError, match="no record with instance id 1;"):
        rules.set_size(synced.engine, 1, "oversized")
    with pytest.raises(rules.RulesError, match="size must be regular or oversized"):
        rules.set_size(synced.engine, first.instance_id, "huge")


@pytest.mark.parametrize(
    ("text", "width"), [("0.8", 0.8), ("0,8", 0.8), ("1.2 cm", 1.2), (" AUTO ", None), ("", None)]
)
def test_widths_typed_by_the_user(text: str, width: float | None) -> None:
    assert layouts.parse_width(text) == width


@pytest.mark.parametrize("text", ["thick", "0", "-1", "nan", "inf", "2000"])
def test_widths_that_make_no_sense_are_refused(text: str) -> None:
    with pytest.raises(WidthError):
        layouts.parse_width(text)


def test_the_layout_follows_the_collection_through_syncs(
    sandbox_server, make_session, drain
) -> None:
    server = sandbox_server(window_seconds=0.5)
    session = make_session(server.url, window=0.5, clock=lambda: NOW)
    request_sync(session.engine, "full")
    drain(session)
    layouts.import_toml(SAMPLE_TOML, NOW)
    org = layouts.organisation("Main Shelves")
    before = layouts.shelf_view(org, session.config, NOW)
    kept = before.layout.placements[3].instance_id
    gone = before.layout.placements[5].instance_id
    layouts.set_record_width(kept, 1.5)
    state = server.sandbox.state
    arriving = next(i for i in state.instances.values() if i.folder_id == folder_named("CDs").id)
    state.move_instance(arriving.instance_id, folder_named("12s").id)
    state.delete_instance(gone)

    request_sync(session.engine, "full")
    drain(session)
    after = layouts.shelf_view(org, session.config, NOW)
    assert after.layout.find(arriving.instance_id) is not None
    assert after.layout.find(gone) is None
    assert after.layout.find(kept).width == 1.5  # type: ignore[union-attr]  # a sync keeps it
    assert len(after.layout.placements) == len(before.layout.placements)
    assert after.layout.hash != before.layout.hash
    assert stored.latest_layout("Main Shelves").hash == after.layout.hash  # type: ignore[union-attr]
