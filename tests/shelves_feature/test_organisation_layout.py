"""Issue 13: at 80 columns the records of an organisation take the free width; the unit panel
beside them was a fixed 44 columns, which left the records 34."""

from __future__ import annotations

import pytest
from shelves_helpers import NOW, SAMPLE_TOML, ShelvesApp, settle

from gramtui.engine import layouts
from gramtui.engine.setup import Session
from gramtui.ui.widgets.shelf_list import ShelfList
from gramtui.ui.widgets.unit_list import UnitList

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(("size", "least"), [((80, 24), 50), ((160, 48), 110)])
async def test_the_records_take_the_free_width(
    synced: Session, size: tuple[int, int], least: int
) -> None:
    layouts.import_toml(SAMPLE_TOML, NOW)
    app = ShelvesApp(synced)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert app.query_one(ShelfList).size.width >= least
        units = app.query_one(UnitList)
        width = units.scrollable_content_region.width
        for index in range(units.row_count()):  # every unit line fits its panel
            assert sum(s.cell_length for s in units.render_row(index, width)) <= width
