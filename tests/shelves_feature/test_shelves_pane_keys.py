"""Keyboard flows of the Shelves tab, driven with Pilot on a copy of the synced sample."""

from __future__ import annotations

import pytest
from shelves_helpers import NOW, SAMPLE_TOML, ShelvesApp, folder_named, settle, type_text
from textual.widgets import ContentSwitcher, Input, Select

from gramtui.engine import layouts
from gramtui.engine.setup import Session
from gramtui.store import collection
from gramtui.ui.panes.organisation import OrganisationView
from gramtui.ui.panes.shelves import CollectionListView, ShelvesPane
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.organisation_form import OrganisationFormScreen
from gramtui.ui.screens.organisation_pick import OrganisationPickScreen
from gramtui.ui.widgets.record_list import RecordList
from gramtui.ui.widgets.shelf_list import ShelfList
from gramtui.ui.widgets.unit_list import UnitList

pytestmark = pytest.mark.anyio
SIZE = (130, 36)


def _detail(app: ShelvesApp) -> str:
    return str(app.query_one("#org-detail").render())


def _under_cursor(app: ShelvesApp) -> tuple[str, str, int, int] | None:
    view = app.query_one(OrganisationView)
    assert view.rows is not None
    p = view.rows.placement_at(app.query_one(ShelfList).cursor)
    return None if p is None else (p.area, p.space, p.unit, p.position)


async def _until(pilot, check, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Pause until `check()` holds (a relayout lands its cursor a frame after its worker ends)."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await pilot.pause(0.05)


async def _organisation_view(pilot, app: ShelvesApp) -> OrganisationView:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    assert app.query_one(ContentSwitcher).current == "organisation"
    return app.query_one(OrganisationView)


async def test_views_switch_and_the_collection_keys_still_work(synced: Session) -> None:
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        records = app.query_one(RecordList)
        assert records.has_focus and records.view.count() == collection.count_instances()
        await pilot.press("slash")
        await type_text(pilot, "blood")
        await settle(pilot)  # the search reads in a worker
        assert app.query_one("#shelves-search", Input).value == "blood"
        assert 0 < records.view.count() < 10
        await pilot.press("escape")
        await settle(pilot)
        assert records.view.count() == collection.count_instances()
        await pilot.press("o")
        assert app.query_one(CollectionListView).sort == "title"
        view = await _organisation_view(pilot, app)
        records.focus()  # what the app does on showing the tab: focus goes to the view shown
        await pilot.pause()
        await pilot.pause()
        assert app.focused is app.query_one("#org-empty")
        empty = str(app.query_one("#org-empty").render())
        assert "No organisation yet" in empty and "gramtui org import" in empty
        assert view.rows is None
        await pilot.press("v")  # organisation -> moves -> collection
        await pilot.pause()
        assert app.query_one(ContentSwitcher).current == "moves"
        await pilot.press("v")
        await pilot.pause()
        assert app.query_one(ContentSwitcher).current == "collection"
        assert records.has_focus
        titles = [title for title, _ in ShelvesPane.help_sections()]
        assert titles[-2:] == ["Shelves · organisation", "Shelves · moves"]


async def test_pick_an_organisation(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        view = await _organisation_view(pilot, app)
        assert view.name_shown == "Main Shelves" and app.query_one(ShelfList).has_focus
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationPickScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert view.name_shown == "Small Formats"
        assert view.rows is not None and view.rows.view.organisation.density == "count"
        assert [h.title for h in view.rows.headers][:2] == ["Drawer · unit 1", "Drawer · unit 2"]
        await pilot.press("p", "escape")
        await settle(pilot)
        assert view.name_shown == "Small Formats"


async def test_jump_to_a_unit_and_walk_the_units(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        await _organisation_view(pilot, app)
        await pilot.press("g")
        await type_text(pilot, "cr")
        await pilot.press("enter")
        await settle(pilot)
        assert _under_cursor(app) == ("shelf", "Crate", 1, 1)
        units = app.query_one(UnitList)
        assert units.target(units.cursor) is not None
        await pilot.press("g")
        await type_text(pilot, "ka 3")
        await pilot.press("enter")
        await settle(pilot)
        assert _under_cursor(app) == ("shelf", "Kallax", 3, 1)
        await pilot.press("g")
        await type_text(pilot, "sp")
        await pilot.press("enter")
        await settle(pilot)
        assert _under_cursor(app) == ("spill", "", 0, 1)
        # The unit list: moving through it brings each unit's header to the top of the records.
        await pilot.press("tab")
        await pilot.pause()
        assert units.has_focus
        await pilot.press("home", "down")
        await pilot.pause()
        shelf = app.query_one(ShelfList)
        assert shelf.scroll_offset.y == 0 and "Kallax · unit 1" in _detail(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert shelf.has_focus and _under_cursor(app) == ("shelf", "Kallax", 2, 1)


async def test_search_and_locate_moves_the_cursor_and_shows_the_neighbours(
    synced: Session,
) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        view = await _organisation_view(pilot, app)
        await pilot.press("slash")
        await type_text(pilot, "19212")
        await pilot.pause()
        assert "1 match." in str(app.screen.query_one("#org-locate-count").render())
        await pilot.press("enter")
        await settle(pilot)
        assert view.rows is not None
        placement = view.rows.placement_at(app.query_one(ShelfList).cursor)
        assert placement is not None
        record = view.rows.view.records[placement.instance_id]
        assert (record.artist, record.title) == ("AC/DC [/live]", "If You Want Blood [red]")
        detail = _detail(app)
        assert "AC/DC [/live] — If You Want Blood [red]" in detail
        assert f"Kallax, unit {placement.unit}, position {placement.position}" in detail
        assert "left of: " in detail and detail.count(" · ") >= 3
        # A search without a match leaves the cursor where it was.
        await pilot.press("slash")
        await type_text(pilot, "zq")
        await pilot.pause()
        assert "No record" in str(app.screen.query_one("#org-locate-count").render())
        await pilot.press("enter", "escape")
        await settle(pilot)
        assert view.rows.placement_at(app.query_one(ShelfList).cursor) == placement


async def test_a_new_organisation_from_the_form(synced: Session) -> None:
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        view = await _organisation_view(pilot, app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationFormScreen)
        await pilot.press("ctrl+s")  # no name, no folder: refused, the form stays
        await settle(pilot)  # checked in a worker
        assert isinstance(app.screen, OrganisationFormScreen)
        assert "choose a folder" in str(app.screen.query_one("#org-form-error").render())
        await type_text(pilot, "Tens")
        await pilot.press("ctrl+n")  # a second space, its name focused
        await pilot.pause()
        await type_text(pilot, "Crate")
        await pilot.press("tab")
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "12.5")
        form = app.screen
        first_source = form.query(Select).filter(".source-folder").first()
        first_source.focus()
        await pilot.press("enter")
        await type_text(pilot, "ta")
        await pilot.press("enter")
        await pilot.pause()
        assert first_source.value == folder_named("Tapes").id
        await pilot.press("ctrl+o")  # a second source, its folder focused
        await pilot.pause()
        await pilot.press("enter")
        await type_text(pilot, "10")
        await pilot.press("enter", "tab", "tab")
        await type_text(pilot, "1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, OrganisationFormScreen)
        (org,) = layouts.organisations()
        assert org.name == "Tens"
        assert [(s.name, s.units, s.width) for s in org.spaces] == [
            ("Shelf", 4, 33.0),
            ("Crate", 2, 12.5),
        ]
        assert [(s.folder, s.sort, s.order) for s in org.sources] == [
            ("Tapes", "label", 0),
            ("10s", "label", 1),
        ]
        assert view.name_shown == "Tens" and view.rows is not None
        total = len(view.rows.view.layout.placements)
        assert total == sum(
            1
            for r in collection.load_records()
            if r.folder_id in (folder_named("Tapes").id, folder_named("10s").id)
        )


async def test_edit_remove_a_row_and_refusals_change_nothing(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    before = layouts.export_toml()
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        view = await _organisation_view(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OrganisationFormScreen)
        assert form.query_one("#org-name", Input).value == "Main Shelves"
        form.query(Input).filter(".space-name").last().focus()  # the Crate
        await pilot.press("ctrl+t")
        await pilot.pause()
        form.query(Input).filter(".space-width").first().focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "-8")
        await pilot.press("ctrl+s")
        await settle(pilot)  # checked and stored in a worker
        assert 'space "Kallax" has width -8.0' in str(form.query_one("#org-form-error").render())
        assert layouts.export_toml() == before
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "30")
        form.query(Input).filter(".space-units").first().focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "1000000000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(form.query_one("#org-form-error").render())
        assert "has 1,000,000,000 units; give it at most 1,000 (MAX_UNITS_PER_SPACE)" in error
        assert layouts.export_toml() == before
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "4")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (main, _) = layouts.organisations()
        assert [(s.name, s.units, s.width) for s in main.spaces] == [("Kallax", 4, 30.0)]
        assert view.rows is not None and len(view.rows.view.layout.units) == 4
        await pilot.press("e", "escape")
        await pilot.pause()
        assert layouts.organisations()[0] == main


async def test_width_and_size_set_in_the_app_change_the_layout(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        view = await _organisation_view(pilot, app)
        await pilot.press("down")
        assert view.rows is not None
        first = view.rows.placement_at(app.query_one(ShelfList).cursor)
        assert first is not None and first.position == 1
        await pilot.press("w")
        await pilot.pause()
        await type_text(pilot, "x")
        await pilot.press("enter")
        await pilot.pause()
        assert "not a width" in str(app.screen.query_one("#org-width-error").render())
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "9")  # wider than every unit
        await pilot.press("enter")
        await settle(pilot)
        await _until(
            pilot, lambda: view.rows.view.layout.find(first.instance_id).area == "oversized"
        )
        moved = view.rows.view.layout.find(first.instance_id)
        assert moved is not None and (moved.area, moved.width) == ("oversized", 9.0)
        # The cursor stays on the record, wherever it went.
        await _until(pilot, lambda: _under_cursor(app) is not None)
        assert _under_cursor(app) == ("oversized", "", 0, moved.position)
        assert "9 cm (set here (w))" in _detail(app)
        await pilot.press("w")
        await type_text(pilot, "auto")
        await pilot.press("enter")
        await settle(pilot)
        await _until(pilot, lambda: view.rows.view.layout.find(first.instance_id) == first)
        assert view.rows.view.layout.find(first.instance_id) == first
        await pilot.press("z")
        await settle(pilot)
        await _until(
            pilot, lambda: view.rows.view.layout.find(first.instance_id).area == "oversized"
        )
        assert view.rows.view.layout.find(first.instance_id).area == "oversized"  # type: ignore[union-attr]
        await pilot.press("z")
        await settle(pilot)
        await _until(pilot, lambda: view.rows.view.layout.find(first.instance_id) == first)
        assert view.rows.view.layout.find(first.instance_id) == first


async def test_the_view_recomputes_when_the_collection_changes(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        view = await _organisation_view(pilot, app)
        assert view.rows is not None
        count = len(view.rows.view.layout.placements)
        arriving = next(
            r for r in collection.load_records() if r.folder_id == folder_named("CDs").id
        )
        pane = app.query_one(ShelvesPane)
        pane.refresh_data()  # what the app does after each page of a sync: many times
        collection.set_folder(arriving.instance_id, folder_named("12s").id)
        pane.refresh_data()
        pane.refresh_data()
        await settle(pilot)
        assert len(view.rows.view.layout.placements) == count + 1
        assert view.rows.row_of(arriving.instance_id) is not None
        # Hidden, the view recomputes in the background: shown again, it is ready.
        pane.show_view("collection")
        await pilot.pause()
        collection.set_folder(arriving.instance_id, folder_named("CDs").id)
        app.query_one(ShelvesPane).refresh_data()
        await settle(pilot)
        assert not view.stale and len(view.rows.view.layout.placements) == count
        pane.show_view("organisation")
        await pilot.pause()
        assert len(view.rows.view.layout.placements) == count


async def test_deleting_an_organisation_asks_first(synced: Session) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        view = await _organisation_view(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert len(layouts.organisations()) == 2
        await pilot.press("x", "y")
        await settle(pilot)
        assert [o.name for o in layouts.organisations()] == ["Small Formats"]
        assert view.name_shown == "Small Formats"


async def test_the_header_follows_the_moves_marked_done(synced: Session) -> None:
    # Issue 13 item 5: the header still said "not yet on the shelves" after the batch was done.
    layouts.import_toml(SAMPLE_TOML, NOW)
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        await _organisation_view(pilot, app)
        assert "not yet on the shelves" in str(app.query_one("#org-title").render())
        await pilot.press("v")  # to the moves
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "moves"
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("v", "v")  # collection, then the organisation again
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "organisation"
        title = str(app.query_one("#org-title").render())
        assert "on the shelves" in title and "not yet" not in title


async def test_the_layout_is_prepared_before_v_and_redone_on_a_change(
    synced: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    computed: list[str] = []
    shelf_view = layouts.shelf_view

    def counted(org, config, now):  # type: ignore[no-untyped-def]  # the real one, counted
        computed.append(org.name)
        return shelf_view(org, config, now)

    monkeypatch.setattr(layouts, "shelf_view", counted)
    app = ShelvesApp(synced)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.query_one(ContentSwitcher).current == "collection"
        view = app.query_one(OrganisationView)  # built and laid out without `v`, hidden
        assert computed == ["Main Shelves"] and view.rows is not None and not view.display
        await pilot.press("v")
        await pilot.pause()
        assert app.query_one(ContentSwitcher).current == "organisation"
        assert app.query_one(ShelfList).has_focus and not app.query_one("#org-title").loading
        await settle(pilot)
        assert computed == ["Main Shelves"]  # shown from the prepared layout, not laid out again
        await pilot.press("v", "v")  # back to the collection
        await settle(pilot)
        app.query_one(ShelvesPane).refresh_data()  # what the app does on a DataChanged
        await settle(pilot)
        assert computed == ["Main Shelves"] * 2  # the change dropped it: laid out again, hidden
        await pilot.press("v")
        await settle(pilot)
        assert computed == ["Main Shelves"] * 2
