"""TUI start-up with a big collection: time to first paint, scrolling, searching, and memory.

    python tests/bench/bench_tui.py [--records 50000]

Builds a data directory by a full sync from an in-process sandbox (a short rate window, so it
takes seconds), then measures a fresh process: from creating the app to the first painted frame,
jumping to the end of the list, and a search, with the process's peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build(data: Path, records: int) -> None:
    import httpx

    from gramtui.discogs.ratelimit import RateLimiter
    from gramtui.engine.setup import open_session
    from gramtui.engine.sync import request_sync
    from gramtui.sandbox import Sandbox, SandboxConfig, build_state
    from gramtui.settings.paths import Paths

    sandbox = Sandbox(
        build_state(instances=records, listings=0, wants=0),
        SandboxConfig(rate_limit=10_000, window_seconds=1.0),
    )
    session = open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url="https://api.discogs.com",
        log_to_file=False,
        daily_backup=False,
        transport=httpx.MockTransport(sandbox.handle),
        limiter=RateLimiter(limit=10_000, window=1.0),
    )
    request_sync(session.engine, "full")
    while session.runner.run_once():
        pass
    session.close()


def measure(data: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    from gramtui.engine.setup import open_session
    from gramtui.settings.paths import Paths
    from gramtui.ui.app import GramtuiApp
    from gramtui.ui.widgets.record_list import RecordList

    imported = time.perf_counter()
    session = open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
    )
    app = GramtuiApp(session, start_runner=False, initial_sync=None)
    out: dict[str, float] = {"import_s": imported - t0}

    async def drive() -> None:
        start = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # the list reads in a worker (bench_tui_terminal:
            out["first_paint_s"] = time.perf_counter() - start  # the user's first paint)
            lst = app.query_one(RecordList)
            out["records"] = lst.view.count()
            t = time.perf_counter()
            await pilot.press("end")
            await pilot.pause()
            out["jump_to_end_s"] = time.perf_counter() - t
            t = time.perf_counter()
            for _ in range(40):
                await pilot.press("pageup")
            await pilot.pause()
            out["page_up_x40_s"] = time.perf_counter() - t
            t = time.perf_counter()
            await pilot.press("slash", *"various")
            await app.workers.wait_for_complete()  # the search reads in a worker, debounced
            await pilot.pause()
            out["search_s"] = time.perf_counter() - t
            out["matches"] = lst.view.count()

    asyncio.run(drive())
    session.close()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        t = time.perf_counter()
        build(data, args.records)
        built = time.perf_counter() - t
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--measure", str(data)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(3)
        ]
    print(
        f"collection of {args.records} built by a full sync (in-process sandbox) in {built:.1f} s"
    )
    print(
        f"{'run':>3} {'records':>8} {'import s':>8} {'1st paint s':>11} {'end s':>6} "
        f"{'40 PgUp s':>9} {'search s':>8} {'matches':>7} {'peak MB':>8}"
    )
    for i, r in enumerate(runs, 1):
        print(
            f"{i:>3} {r['records']:>8.0f} {r['import_s']:>8.2f} {r['first_paint_s']:>11.2f} "
            f"{r['jump_to_end_s']:>6.2f} {r['page_up_x40_s']:>9.2f} {r['search_s']:>8.2f} "
            f"{r['matches']:>7.0f} {r['peak_rss_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main()
