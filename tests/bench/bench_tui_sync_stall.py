"""The longest UI stall while the TUI runs a full sync of 30,000 records, before and after.

    python tests/bench/bench_tui_sync_stall.py [--records 30000] [--runs 3] [--before DIR]

Each run is a fresh process (`--child`, with PYTHONPATH at the source tree measured): an empty
data directory, the sandbox in-process behind httpx's MockTransport (a wide rate window, so the
sync takes seconds, not hours), and the app headless (`run_test`) with the queue runner in its
thread worker, asked for a full sync. A 10 ms Textual timer measures the UI thread: its largest
lateness is the longest time no key and no frame could be handled. The run ends when the sync
is done (or after `--limit` seconds). `--before` is a checkout of older code (e.g. `git archive`
of main); prints the medians of the runs for each tree.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICK = 0.01


def child(records: int, limit: float) -> dict[str, float]:
    import asyncio

    import httpx

    from gramtui.discogs.ratelimit import RateLimiter
    from gramtui.engine.setup import open_session
    from gramtui.sandbox import Sandbox, SandboxConfig, build_state
    from gramtui.settings.paths import Paths
    from gramtui.store.models import SyncRun
    from gramtui.ui.app import GramtuiApp

    sandbox = Sandbox(
        build_state(instances=records, listings=0, wants=0),
        SandboxConfig(rate_limit=100_000, window_seconds=1.0),
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        session = open_session(
            Paths(data, data / "c.toml"),
            token="sandbox-token",
            base_url="https://api.discogs.com",
            log_to_file=False,
            daily_backup=False,
            transport=httpx.MockTransport(sandbox.handle),
            limiter=RateLimiter(limit=100_000, window=1.0),
        )
        app = GramtuiApp(session, initial_sync="full")
        lateness: list[float] = []
        out: dict[str, float] = {}

        async def drive() -> None:
            async with app.run_test(size=(160, 48)) as pilot:
                expected = time.monotonic() + TICK

                def tick() -> None:
                    nonlocal expected
                    now = time.monotonic()
                    lateness.append(max(0.0, now - expected))
                    expected = now + TICK

                app.set_interval(TICK, tick)
                await pilot.press("5")  # the Queue pane: counts and progress on screen
                start = time.monotonic()
                while time.monotonic() - start < limit:
                    await pilot.pause(0.5)
                    done = await asyncio.to_thread(_sync_done, SyncRun)
                    if done:
                        break
                out["sync_s"] = time.monotonic() - start

        asyncio.run(drive())
        session.close()
    ordered = sorted(lateness)
    out["ticks"] = len(ordered)
    out["max_stall_ms"] = ordered[-1] * 1000 if ordered else 0.0
    out["p99_stall_ms"] = ordered[int(len(ordered) * 0.99)] * 1000 if ordered else 0.0
    out["stalls_over_100ms"] = sum(1 for x in ordered if x > 0.1)
    return out


def _sync_done(model: type) -> bool:
    run = model.select().order_by(model.id.desc()).first()  # type: ignore[attr-defined]
    return run is not None and run.state == "done"


def run_tree(tree: Path, records: int, limit: float) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--records", str(records), "--limit", str(limit)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tree,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=240.0)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.records, args.limit)))
        return
    here = Path(__file__).resolve().parent.parent.parent
    trees = ([("before", args.before)] if args.before else []) + [("after", here)]
    print(f"full sync of {args.records} records in the TUI, medians of {args.runs} runs")
    print(f"{'tree':<7} {'sync s':>7} {'max stall ms':>12} {'p99 ms':>7} {'stalls>100ms':>12}")
    for name, tree in trees:
        runs = [run_tree(tree, args.records, args.limit) for _ in range(args.runs)]

        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        print(
            f"{name:<7} {med('sync_s'):>7.1f} {med('max_stall_ms'):>12.0f} "
            f"{med('p99_stall_ms'):>7.0f} {med('stalls_over_100ms'):>12.0f}"
        )


if __name__ == "__main__":
    main()
