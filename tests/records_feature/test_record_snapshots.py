"""What the record detail screen and the record picker look like, at 160×48 and at 80×24."""

from __future__ import annotations

import pytest
from records_helpers import app_on, settle
from textual.widgets import Input

from gramtui.store.models import ListingRow
from gramtui.ui.messages import OpenRecord
from gramtui.ui.screens.record_pick import RecordPickScreen

SIZES = [(160, 48), (80, 24)]


def listed_copy() -> int:
    """A copy that is listed for sale and has market figures: the fullest detail."""
    row = ListingRow.select().where(ListingRow.instance_id.is_null(False)).order_by(ListingRow.id)
    return int(row.first().instance_id)


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_record_detail(snap_compare, session, size) -> None:  # type: ignore[no-untyped-def]
    iid = listed_copy()

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.post_message(OpenRecord(instance_id=iid))
        await settle(pilot)

    assert snap_compare(app_on(session), terminal_size=size, run_before=open_it)


@pytest.mark.parametrize("size", SIZES, ids=["160x48", "80x24"])
def test_record_picker(snap_compare, session, size) -> None:  # type: ignore[no-untyped-def]
    async def pick(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.push_screen(RecordPickScreen(("release", "master"), title="Which release?"))
        await settle(pilot)
        field = pilot.app.screen.query_one(Input)
        field.cursor_blink = False
        await pilot.press(*"the")
        await settle(pilot)

    assert snap_compare(app_on(session), terminal_size=size, run_before=pick)
