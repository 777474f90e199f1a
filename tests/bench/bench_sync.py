"""Sync benchmarks against the sandbox over loopback, with its real 60-second rate window.

    python tests/bench/bench_sync.py            # 3,104 instances (the issue's figures), 30,000
    python tests/bench/bench_sync.py --quick    # 3,104 only, and the 100 ms latency run
    python tests/bench/bench_sync.py --in-process [--instances 30000]   # saving speed only

The in-process table syncs from a sandbox behind httpx.MockTransport with a short rate window (as
bench_tui builds its store), so what it times is parsing and saving: the whole first full sync
(until its own sync.* tasks are done; the background tasks it queues run later) and the store's
share, as rows saved per second inside `collection.save_instances` (medians of
three fresh syncs). The sandbox serves its pages in the same thread, so the CPU columns split the
process's CPU into the sandbox's (serving pages) and the sync's own; "store rows/s (CPU)" is the
saving rate by CPU time, which a busy machine does not change as much as the wall-clock one.

Prints a table: requests made against the minimum the API allows, 429s, wall time, and the
request rate once the work exceeds one window. Market figures (two requests per listed or wanted
release) run at background priority after the sync; they are counted, not waited for.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine.setup import open_session
from gramtui.engine.sync import request_sync
from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
from gramtui.settings.paths import Paths
from gramtui.store.models import Task


def sync_pending() -> bool:
    """Whether a task of the sync itself (sync.*) is still pending or running."""
    return (
        Task.select()
        .where(Task.state.in_(("pending", "running")) & Task.kind.startswith("sync."))
        .exists()
    )


def sync_until_done(session, kind: str) -> tuple[int, float, int]:
    """Run one sync until its own tasks are done (not the market tasks it leaves queued)."""
    client = session.engine.client
    before, started = client.requests_made, time.monotonic()
    request_sync(session.engine, kind)
    runner = session.runner
    while True:
        if not sync_pending():
            break
        if not runner.run_once():
            time.sleep(0.01)
    market = Task.select().where(Task.state == "pending", Task.kind.startswith("market.")).count()
    return client.requests_made - before, time.monotonic() - started, market


def run(instances: int, listings: int, wants: int, latency: float) -> list[tuple]:
    sandbox = Sandbox(
        build_state(instances=instances, listings=listings, wants=wants),
        SandboxConfig(latency=latency),
    )
    rows = []
    with serve(sandbox) as server, tempfile.TemporaryDirectory() as tmp:
        paths = Paths(Path(tmp), Path(tmp) / "c.toml")
        session = open_session(
            paths,
            token="sandbox-token",
            base_url=server.url,
            log_to_file=False,
            daily_backup=False,
            limiter=RateLimiter(),
        )
        minimum = (
            1 + 2 + math.ceil(instances / 100) + math.ceil(listings / 100) + math.ceil(wants / 100)
        )
        for label, kind, floor in (
            ("first full sync", "full", minimum),
            ("quick re-sync", "quick", 2),
            ("full re-sync", "full", minimum - 1),
        ):
            n429 = sandbox.counters.rate_limited
            requests, seconds, market = sync_until_done(session, kind)
            rate = requests / seconds * 60 if seconds > 60 else float("nan")
            rows.append(
                (
                    instances,
                    latency,
                    label,
                    requests,
                    floor,
                    sandbox.counters.rate_limited - n429,
                    seconds,
                    rate,
                    market,
                )
            )
        session.close()
    return rows


@dataclasses.dataclass
class InProcess:
    """One in-process sync's figures (seconds)."""

    wall: float
    saving: float
    rows: int
    cpu: float  # the whole process's, during the sync
    sandbox_cpu: float  # serving pages (Sandbox.handle, run in the sync's thread)
    saving_cpu: float


def in_process(instances: int) -> InProcess:
    """One first full sync from an in-process sandbox (the machine is shared, so wall time is
    noisy: the CPU figures say what the work cost)."""
    import httpx

    from gramtui.engine import sync
    from gramtui.store import collection

    saving = [0.0, 0, 0.0]
    serving = [0.0]

    def timed_save(items: list, run_id: int = 0) -> int:
        t, cpu = time.perf_counter(), time.thread_time()
        try:
            return collection.save_instances(items, run_id)
        finally:
            saving[0] += time.perf_counter() - t
            saving[1] += len(items)
            saving[2] += time.thread_time() - cpu

    def timed_handle(request: httpx.Request) -> httpx.Response:
        cpu = time.thread_time()
        try:
            return sandbox.handle(request)
        finally:
            serving[0] += time.thread_time() - cpu

    original = sync.PAGED["collection"]
    sync.PAGED["collection"] = dataclasses.replace(original, save=timed_save)
    sandbox = Sandbox(
        build_state(instances=instances, listings=0, wants=0),
        SandboxConfig(rate_limit=10_000, window_seconds=1.0),
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            session = open_session(
                Paths(Path(tmp), Path(tmp) / "c.toml"),
                token="sandbox-token",
                base_url="https://api.discogs.com",
                log_to_file=False,
                daily_backup=False,
                transport=httpx.MockTransport(timed_handle),
                limiter=RateLimiter(limit=10_000, window=1.0),
            )
            t, cpu = time.perf_counter(), time.process_time()
            request_sync(session.engine, "full")
            # Until the sync's own tasks are done: the background work it leaves queued (market
            # figures, the community's have/want of every release) runs later, in the app.
            while sync_pending() and session.runner.run_once():
                pass
            took, cpu = time.perf_counter() - t, time.process_time() - cpu
            session.close()
    finally:
        sync.PAGED["collection"] = original
    return InProcess(took, saving[0], int(saving[1]), cpu, serving[0], saving[2])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="only 3,104 instances")
    parser.add_argument("--in-process", action="store_true", help="only the saving-speed table")
    parser.add_argument("--instances", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3, help="in-process runs (medians)")
    args = parser.parse_args()
    if args.in_process:
        load_before = " ".join(f"{n:.2f}" for n in os.getloadavg())
        runs = [in_process(args.instances) for _ in range(args.runs)]

        def median(figure: str) -> float:
            return statistics.median(getattr(r, figure) for r in runs)

        sync_s, cpu_s, sandbox_s = median("wall"), median("cpu"), median("sandbox_cpu")
        save_s, save_cpu = median("saving"), median("saving_cpu")
        own_cpu = statistics.median(r.cpu - r.sandbox_cpu for r in runs)
        rows = runs[0].rows
        print(
            f"{'instances':>9} {'sync s':>7} {'CPU s':>6} {'sandbox CPU':>11} {'own CPU':>7} "
            f"{'saving s':>8} {'saving %':>8} {'store rows/s':>12} {'rows/s (CPU)':>12}"
        )
        print(
            f"{args.instances:>9} {sync_s:>7.2f} {cpu_s:>6.2f} {sandbox_s:>11.2f} {own_cpu:>7.2f} "
            f"{save_s:>8.2f} {save_s / sync_s * 100:>8.0f} {rows / save_s:>12,.0f} "
            f"{rows / save_cpu:>12,.0f}"
        )
        print(f"medians of {len(runs)} runs; load average before: {load_before}")
        return
    plans = [(3104, 322, 286, 0.0), (3000, 322, 286, 0.1)]
    if not args.quick:
        plans.append((30000, 322, 286, 0.0))
    print(
        f"{'instances':>9} {'latency':>7} {'run':<16} {'requests':>8} {'minimum':>7} {'429s':>5} "
        f"{'seconds':>8} {'req/min':>7} {'market left':>11}"
    )
    for plan in plans:
        for r in run(*plan):
            rate = "-" if r[7] != r[7] else f"{r[7]:.1f}"
            print(
                f"{r[0]:>9} {r[1]:>7.2f} {r[2]:<16} {r[3]:>8} {r[4]:>7} {r[5]:>5} {r[6]:>8.1f} "
                f"{rate:>7} {r[8]:>11}",
                flush=True,
            )


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    main()
