"""Every action of the record detail screen, by its key: each Discogs change is an intent on the
queue, and once the queue ran against the sandbox, Discogs holds it (issue 13)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from records_helpers import app_on, settle, shown
from textual.widgets import Input

from gramtui.engine.setup import Session
from gramtui.sandbox import Sandbox
from gramtui.sandbox.sample import CLEANED
from gramtui.store.models import InstanceRow, ListingRow, Task
from gramtui.ui.messages import OpenRecord
from gramtui.ui.screens.choice_pick import ChoicePickScreen
from gramtui.ui.screens.record_detail import RecordDetailScreen
from gramtui.ui.screens.rules_explain import RulesExplainScreen
from gramtui.ui.screens.sales_list import SalesListScreen
from gramtui.ui.screens.text_prompt import TextPromptScreen

pytestmark = pytest.mark.anyio
SIZE = (140, 40)


def a_copy(n: int) -> int:
    """The n-th copy (by instance id) that is not listed: each test takes its own, as they share
    the module's sandbox."""
    listed = {r.instance_id for r in ListingRow.select() if r.instance_id}
    ids = [r.id for r in InstanceRow.select().order_by(InstanceRow.id) if r.id not in listed]
    return ids[n]


async def open_detail(pilot, instance_id: int) -> RecordDetailScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.post_message(OpenRecord(instance_id=instance_id))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RecordDetailScreen)
    return screen


def task(key: str) -> Task:
    return Task.get(Task.key == key)


async def test_move_to_another_folder(
    session: Session, sandbox: Sandbox, run_queue: Callable[..., None]
) -> None:
    iid = a_copy(0)
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, iid)
        before = screen.detail.folder  # type: ignore[union-attr]
        target = next(name for name in screen.detail.folders if name != before)  # type: ignore[union-attr]
        await pilot.press("m")
        assert isinstance(app.screen, ChoicePickScreen)
        await pilot.press(*target, "enter")
        await settle(pilot)
        queued = task(f"move:{iid}")
        assert queued.kind == "move.folder" and queued.state == "pending"
        assert queued.payload["to_folder"] == target and queued.payload["rule_line"] is None
        assert f"move to {target} (pending)" in shown(screen)
        run_queue(session, f"move:{iid}")  # while the app runs: closing it stops the limiter
    folder_id = sandbox.state.instances[iid].folder_id
    assert sandbox.state.folders[folder_id].name == target
    assert task(f"move:{iid}").state == "done"


async def test_set_the_rating(
    session: Session, sandbox: Sandbox, run_queue: Callable[..., None]
) -> None:
    iid = a_copy(1)
    rating = 2 if sandbox.state.instances[iid].rating != 2 else 5
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, iid)
        await pilot.press("r")
        assert isinstance(app.screen, ChoicePickScreen)
        await pilot.press(str(rating), "enter")
        await settle(pilot)
        queued = task(f"rating:{iid}")
        assert (queued.kind, queued.payload["rating"]) == ("record.rating", rating)
        assert sandbox.state.instances[iid].rating != rating  # nothing sent before it runs
        run_queue(session, f"rating:{iid}")
    assert sandbox.state.instances[iid].rating == rating
    assert InstanceRow.get_by_id(iid).rating == rating


async def test_edit_a_custom_field(
    session: Session, sandbox: Sandbox, run_queue: Callable[..., None]
) -> None:
    iid = a_copy(2)
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, iid)
        await pilot.press("f")
        assert isinstance(app.screen, ChoicePickScreen)  # which field?
        await pilot.press(*"clean", "enter")
        assert isinstance(app.screen, ChoicePickScreen)  # Cleaned is a dropdown: Yes / No
        await pilot.press(*"yes", "enter")
        await settle(pilot)
        queued = task(f"field:{iid}:{CLEANED}")
        assert queued.kind == "record.field" and queued.payload["value"] == "Yes"
        assert "Cleaned = 'Yes' (pending)" in shown(screen)
        run_queue(session, f"field:{iid}:{CLEANED}")
        assert sandbox.state.instances[iid].notes[CLEANED] == "Yes"
        screen.refresh_data()
        await settle(pilot)
        assert "Cleaned    Yes" in shown(screen) and "pending" not in shown(screen)


async def test_a_text_field_and_clearing_it(
    session: Session, sandbox: Sandbox, run_queue: Callable[..., None]
) -> None:
    iid = a_copy(3)
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, iid)
        await pilot.press("f", *"notes", "enter")
        assert isinstance(app.screen, TextPromptScreen)
        app.screen.query_one(Input).value = ""
        await pilot.press(*"Ring wear [side A]", "enter")
        await settle(pilot)
        notes_field = next(f.id for f in sandbox.state.fields.values() if f.name == "Notes")
        run_queue(session, f"field:{iid}:{notes_field}")
    assert sandbox.state.instances[iid].notes[notes_field] == "Ring wear [side A]"


async def test_width_refuses_nonsense_inside_the_dialog_then_sets_it(session: Session) -> None:
    iid = a_copy(4)
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, iid)
        await pilot.press("w", *"wide", "enter")
        prompt = app.screen
        assert isinstance(prompt, TextPromptScreen)  # still open, the typing kept
        assert "not a width" in str(prompt.query_one("#prompt-error").render())
        assert prompt.query_one(Input).value == "wide"
        prompt.query_one(Input).value = ""
        await pilot.press(*"0.9", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert InstanceRow.get_by_id(iid).width == 0.9
        assert "width 0.9 cm" in shown(screen)


async def test_size_toggles(session: Session) -> None:
    iid = a_copy(5)
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_detail(pilot, iid)
        await pilot.press("z")
        await settle(pilot)
        assert InstanceRow.get_by_id(iid).size == "oversized"
        assert "oversized" in shown(screen)


async def test_put_it_up_for_sale(
    session: Session, sandbox: Sandbox, run_queue: Callable[..., None]
) -> None:
    iid = a_copy(6)
    release_id = InstanceRow.get_by_id(iid).release_id
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, iid)
        await pilot.press("s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SalesListScreen)
        assert form.query_one("#sell-instance", Input).value == str(iid)  # no id to type
        price = form.query_one("#sell-price", Input)
        price.value = "31.50"
        price.focus()
        await pilot.press("enter")
        await settle(pilot)
        queued = task(f"create-listing:{iid}")
        assert queued.payload["price"][0] == 3150
        run_queue(session, f"create-listing:{iid}")
    listed = [x for x in sandbox.state.listings.values() if x.release_id == release_id]
    assert any(str(x.price) == "31.50" for x in listed)


async def test_explain_its_classification(session: Session) -> None:
    iid = a_copy(7)
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, iid)
        await pilot.press("x")
        await settle(pilot)
        why = app.screen
        assert isinstance(why, RulesExplainScreen)
        assert why.question.startswith(f"Why is record {iid} ")
        assert why.lines[0].startswith(f"record {iid}: ")


async def test_a_release_not_in_the_collection_says_so(session: Session) -> None:
    app = app_on(session)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.post_message(OpenRecord(release_id=1367524))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecordDetailScreen)
        assert "Not in your collection" in shown(screen)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is screen  # nothing to rate: said, not asked
        assert Task.select().where(Task.kind == "record.rating").count() == 0
