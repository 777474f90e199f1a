"""How the Shelves pane's organisation view holds up at 50,000 records.

Builds a 50,000-record store from the sandbox (the sync's parsing and saving, without HTTP), lays
it out in one organisation of every folder but "For Sale", and times, headless at 130×40:
the pane's first paint, switching to the organisation view until the layout is on screen (and
how long the UI stalls meanwhile), paging down, locating a record, and the services alone.

    python tests/bench/bench_shelves_ui.py [records]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "shelves_feature"))

from shelves_helpers import NOW, ShelvesApp, fill_store  # noqa: E402
from textual.widgets import LoadingIndicator  # noqa: E402

from gramtui.engine import layouts  # noqa: E402
from gramtui.engine.setup import open_session  # noqa: E402
from gramtui.settings.paths import Paths  # noqa: E402
from gramtui.store import collection  # noqa: E402
from gramtui.ui.panes.organisation import OrganisationView  # noqa: E402
from gramtui.ui.panes.shelves import ShelvesPane  # noqa: E402
from gramtui.ui.screens.organisation_locate import OrganisationLocateScreen  # noqa: E402
from gramtui.ui.widgets.shelf_list import ShelfList  # noqa: E402

ORG = """\
[[organisation]]
name = "Everything"
{sources}
[[organisation.space]]
name = "Wall"
units = 600
width = 33.0
"""


def _organisation() -> str:
    sources = "\n".join(
        f'[[organisation.source]]\nfolder = "{f.name}"\nsort = "label"\n'
        for f in layouts.source_folders()
        if f.name != "For Sale"
    )
    return ORG.format(sources=sources)


async def _until(condition, timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the pane did not get there in time")
        await asyncio.sleep(0.005)
    return time.perf_counter() - start


def _render(widget) -> float:
    """Draw every line on screen as a repaint would; seconds taken."""
    t = time.perf_counter()
    for y in range(widget.size.height):
        widget.render_line(y)
    return time.perf_counter() - t


async def _ui(session, rows: list[tuple[str, str]]) -> None:
    app = ShelvesApp(session)
    start = time.perf_counter()
    async with app.run_test(size=(130, 40)) as pilot:
        rows.append(
            (
                "pane first paint (collection view, app start to ready)",
                f"{time.perf_counter() - start:.3f} s",
            )
        )
        pane = app.query_one(ShelvesPane)
        start = time.perf_counter()
        pane.action_next_view()  # what `v` runs on the UI thread (the view is built the first time)
        rows.append(
            (
                "`v`: switch view and start the layout worker (UI thread)",
                f"{(time.perf_counter() - start) * 1000:.1f} ms",
            )
        )
        await _until(lambda: bool(app.query("#org-title")))  # built and composed
        view = app.query_one(OrganisationView)
        title = app.query_one("#org-title")  # the indicator stands on the title
        # The indicator covers the title (it is not a child); then the screen repaints.
        await _until(lambda: isinstance(title._cover_widget, LoadingIndicator))
        await asyncio.sleep(0)
        rows.append(
            ("  ... loading indicator on screen", f"{(time.perf_counter() - start) * 1000:.1f} ms")
        )
        gaps: list[float] = []
        last = time.perf_counter()
        while view.rows is None:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last - 0.01)
            last = now
        await pilot.pause()
        rows.append(
            ("  ... the organisation's layout on screen", f"{time.perf_counter() - start:.3f} s")
        )
        rows.append(
            (
                "  UI event loop while the worker computes: longest stall",
                f"{max(gaps) * 1000:.0f} ms",
            )
        )
        shelf = app.query_one(ShelfList)
        shelf.focus()
        pages = []
        for _ in range(50):
            t = time.perf_counter()
            shelf.action_page(1)
            _render(shelf)
            pages.append(time.perf_counter() - t)
        rows.append(
            (
                "page down: move and draw the 38 lines (median of 50)",
                f"{statistics.median(pages) * 1000:.2f} ms",
            )
        )
        placements = view.rows.view.layout.placements
        target = placements[-len(placements) // 3]
        record = view.rows.view.records[target.instance_id]
        query = record.catno or record.title
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrganisationLocateScreen)
        t = time.perf_counter()
        screen._fill(query)
        rows.append(
            (
                f"locate: search {query!r} and list the matches",
                f"{(time.perf_counter() - t) * 1000:.1f} ms",
            )
        )
        await pilot.press("escape")
        await pilot.pause()
        t = time.perf_counter()
        view.show_record(target.instance_id)
        _render(shelf)
        rows.append(
            (
                "locate: move the cursor there, show the detail, draw",
                f"{(time.perf_counter() - t) * 1000:.1f} ms",
            )
        )
        assert view.rows.placement_at(shelf.cursor) == target


async def _ui_prepared(session, rows: list[tuple[str, str]]) -> None:
    """`v` once start-up has settled: the layout was prepared in the background meanwhile."""
    app = ShelvesApp(session)
    async with app.run_test(size=(130, 40)):
        gaps: list[float] = []
        cpu = time.process_time()
        start = last = time.perf_counter()
        while not (views := app.query(OrganisationView)) or views.first().rows is None:
            if time.perf_counter() - start > 60:
                raise TimeoutError("the layout was not prepared in the background")
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last - 0.01)
            last = now
        rows.append(
            (
                "prepared without `v`: from app ready until laid out (CPU)",
                f"{time.perf_counter() - start:.3f} s ({time.process_time() - cpu:.3f} s)",
            )
        )
        rows.append(
            ("  UI event loop meanwhile: longest stall", f"{max(gaps, default=0) * 1000:.0f} ms")
        )
        start = time.perf_counter()
        app.query_one(ShelvesPane).action_next_view()
        await _until(lambda: app.query_one(ShelfList).has_focus)
        _render(app.query_one(ShelfList))
        rows.append(
            ("`v` then: the prepared layout on screen", f"{time.perf_counter() - start:.3f} s")
        )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths(Path(tmp) / "data", Path(tmp) / "config.toml")
        session = open_session(
            paths,
            token="t",
            base_url="http://127.0.0.1:9",
            log_to_file=False,
            daily_backup=False,
            clock=lambda: NOW,
        )
        rows: list[tuple[str, str]] = []
        t = time.perf_counter()
        fill_store(count)
        rows.append(
            (
                f"build the store ({collection.count_instances()} records)",
                f"{time.perf_counter() - t:.1f} s",
            )
        )
        layouts.import_toml(_organisation(), NOW)
        org = layouts.organisation("Everything")
        t = time.perf_counter()
        view = layouts.shelf_view(org, session.config, NOW)
        rows.append(
            (
                f"shelf_view: load, lay out {len(view.layout.placements)}, store snapshot",
                f"{time.perf_counter() - t:.3f} s",
            )
        )
        t = time.perf_counter()
        view = layouts.shelf_view(org, session.config, NOW)
        rows.append(
            ("shelf_view again (layout unchanged, not stored)", f"{time.perf_counter() - t:.3f} s")
        )
        for query in ("blood", "a"):
            t = time.perf_counter()
            hits = view.search(query)
            rows.append(
                (
                    f"search {query!r} ({len(hits)} matches)",
                    f"{(time.perf_counter() - t) * 1000:.1f} ms",
                )
            )
        t = time.perf_counter()
        for iid in hits[:1000]:
            view.locate(iid, 2)
        rows.append(
            (
                "locate one record with neighbours (mean of 1000)",
                f"{(time.perf_counter() - t):.3f} ms",
            )
        )
        asyncio.run(_ui(session, rows))
        asyncio.run(_ui_prepared(session, rows))
        session.close()
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  time")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
