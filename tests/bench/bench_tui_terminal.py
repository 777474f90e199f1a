"""The TUI at 50,000 records as a person sees it: in a real terminal (tmux), before and after.

    python tests/bench/bench_tui_terminal.py [--records 50000] [--runs 3] [--before /tmp/tui-before]

Builds a store by a full sync (bench_tui's build) plus one organisation over every folder, then
for each source tree (`--before`, a checkout of older code, and this one) starts the app in a
160×48 tmux window and reads the screen with `tmux capture-pane`:

- first frame: from starting the process until the Shelves pane and the footer are on screen
  (the views bar and the footer's Quit key), and the CPU time the process had used by then;
- first rows: until the first row of the collection is on screen;
- `v`: from the key until the organisation's laid-out units are on screen;
- longest UI stall: the largest lateness of a 10 ms Textual timer in the first seconds
  (the app's event loop is blocked for that long: no key, no frame);
- RSS: resident memory of the whole process once settled (after the start-up window), and its
  peak over the start-up window and over the whole run (with `v`).

Each run also starts an empty Textual app (a header, a line, a footer) the same way: the first
frame any Textual app costs on this machine, measured under the same load.

Prints the medians of the runs. The `--child` mode is the app with the meter, run inside tmux.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STARTUP_WINDOW = 6.0  # seconds after start counted as start-up (the first reads are long done)
TICK = 0.01
SPACE = "Benchspace"  # its unit list header appears only once the layout is on screen
# A tmux server of this bench's own: others' sessions on the machine neither meet nor end it.
TMUX = ("tmux", "-L", f"gramtui-bench-{os.getpid()}")


def child(data: Path, out: Path) -> None:
    """Run the app in this terminal with a stall meter; write the figures to `out` at exit.
    As `gramtui` starts it (ui/launch.py): the session opens in the app's worker, after the first
    frame; older code (no `opener`) opens it first."""
    start = time.monotonic()
    import inspect

    from gramtui.ui.app import GramtuiApp
    from gramtui.ui.widgets.record_list import RecordList

    def open_it() -> Any:
        from gramtui.engine.setup import open_session
        from gramtui.settings.paths import Paths

        return open_session(
            Paths(data, data / "c.toml"),
            token="sandbox-token",
            base_url="http://127.0.0.1:9",
            log_to_file=False,
            daily_backup=False,
        )

    figures: dict[str, float] = {"max_stall_ms": 0.0}

    class Metered(GramtuiApp):
        def on_mount(self) -> None:  # Textual also runs GramtuiApp.on_mount
            self._last_tick = time.monotonic()
            self.set_interval(TICK, self._tick)
            self.call_after_refresh(self._first_frame)

        def _first_frame(self) -> None:
            figures["first_frame_cpu_s"] = time.process_time()

        def _tick(self) -> None:
            now = time.monotonic()
            if now - start <= STARTUP_WINDOW:
                late = (now - self._last_tick - TICK) * 1000
                figures["max_stall_ms"] = max(figures["max_stall_ms"], late)
            elif "settled_mb" not in figures:
                figures["settled_mb"] = _rss_mb()
                figures["startup_peak_mb"] = _peak_mb()
            if "first_rows_cpu_s" not in figures:
                shelves = self.query(RecordList)
                if shelves and shelves.first().view.count():
                    figures["first_rows_cpu_s"] = time.process_time()
            self._last_tick = now

    if "opener" in inspect.signature(GramtuiApp.__init__).parameters:
        app = Metered(opener=open_it, start_runner=False, initial_sync=None)
    else:
        app = Metered(open_it(), start_runner=False, initial_sync=None)
    app.run()
    app.session.close()
    figures["peak_mb"] = _peak_mb()
    out.write_text(json.dumps(figures))


def empty_child(out: Path) -> None:
    """The baseline: an empty Textual app (a header, a line, a footer with one key) in the same
    terminal; writes the CPU time it had used by its first frame."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer, Header, Static

    figures: dict[str, float] = {}

    class Empty(App[None]):
        BINDINGS = [Binding("ctrl+q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("empty")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self._first_frame)

        def _first_frame(self) -> None:
            figures["first_frame_cpu_s"] = time.process_time()

    Empty().run()
    out.write_text(json.dumps(figures))


def measure_empty(run: int, scratch: Path) -> dict[str, float]:
    session = f"perf-tui-empty-{run}"
    out = scratch / f"figures-empty-{run}.json"
    out.unlink(missing_ok=True)
    command = (
        f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))} "
        f"--empty-child {shlex.quote(str(out))}"
    )
    started = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "160", "-y", "48", command], check=True
    )
    try:
        figures = {"first_frame_s": _wait_for_all(session, ("empty", "Quit")) - started}
        subprocess.run([*TMUX, "send-keys", "-t", session, "C-q"], check=True)
        deadline = time.perf_counter() + 30
        while not out.exists() and time.perf_counter() < deadline:
            time.sleep(0.05)
        figures.update(json.loads(out.read_text()))
        return figures
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_store(data: Path, records: int) -> str:
    """The bench_tui store plus one organisation; returns the first artist the list shows."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_tui import build  # type: ignore[import-not-found]

    from gramtui.domain.organisation import ALL_FOLDER_ID
    from gramtui.engine import layouts
    from gramtui.engine.clock import utcnow
    from gramtui.engine.setup import open_session
    from gramtui.settings.paths import Paths
    from gramtui.store import collection

    build(data, records)
    session = open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
    )
    try:
        folders = [f for f in collection.folders() if f.id != ALL_FOLDER_ID]
        sources = "".join(
            f'\n[[organisation.source]]\nfolder = {json.dumps(f.name)}\nsort = "label"\norder = 0\n'
            for f in folders
        )
        units = records // 60 + 1  # about what the collection needs: a little spills
        layouts.import_toml(
            f'[[organisation]]\nname = "Bench"\ndensity = "width"\nfill = "tight"\n'
            f'grouping = "none"\nlook_ahead = 0\n{sources}\n'
            f'[[organisation.space]]\nname = "{SPACE}"\nunits = {units}\nwidth = 33.0\n',
            utcnow(),
        )
        return _first_artist(data)
    finally:
        session.close()


def _first_artist(data: Path) -> str:
    from gramtui.engine.collection_view import CollectionView
    from gramtui.engine.setup import open_session
    from gramtui.settings.paths import Paths

    session = open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
    )
    try:
        first = CollectionView().row(0)
        assert first is not None, "the bench store is empty"
        return first.artist[:20]
    finally:
        session.close()


def _screen(session: str) -> str:
    return subprocess.run(
        [*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True
    ).stdout


def _wait_for(session: str, text: str, timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _screen(session):
            return time.perf_counter()
        time.sleep(0.01)
    raise TimeoutError(f"{text!r} never appeared on the screen of {session}")


def _wait_for_all(session: str, texts: tuple[str, ...], timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        screen = _screen(session)
        if all(text in screen for text in texts):
            return time.perf_counter()
        time.sleep(0.005)
    raise TimeoutError(f"{texts!r} never appeared on the screen of {session}")


def measure(tree: Path, data: Path, first_artist: str, run: int) -> dict[str, float]:
    session = f"perf-tui-bench-{run}"
    out = data.parent / f"figures-{data.name}-{run}.json"
    out.unlink(missing_ok=True)
    command = (
        f"cd {shlex.quote(str(tree))} && PYTHONPATH={shlex.quote(str(tree))} "
        f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))} "
        f"--child {shlex.quote(str(data))} {shlex.quote(str(out))}"
    )
    started = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", session, "-x", "160", "-y", "48", command], check=True
    )
    try:
        frame = _wait_for_all(session, ("v: next view", "Quit"))
        figures: dict[str, float] = {"first_frame_s": frame - started}
        figures["first_paint_s"] = _wait_for(session, first_artist) - started
        time.sleep(max(0.0, STARTUP_WINDOW + 1.0 - (time.perf_counter() - started)))
        pressed = time.perf_counter()
        subprocess.run([*TMUX, "send-keys", "-t", session, "v"], check=True)
        figures["v_s"] = _wait_for(session, f"{SPACE} ·") - pressed
        subprocess.run([*TMUX, "send-keys", "-t", session, "C-q"], check=True)
        deadline = time.perf_counter() + 90
        while not out.exists() and time.perf_counter() < deadline:
            if "Quit and lose them?" in _screen(session):
                # Older code asks when the hidden Rules pane has not finished loading yet.
                figures["asked_at_quit"] = 1.0
                subprocess.run([*TMUX, "send-keys", "-t", session, "y"], check=True)
            time.sleep(0.1)
        if not out.exists():
            raise TimeoutError(f"{tree} did not quit; its screen:\n{_screen(session)}")
        figures.update(json.loads(out.read_text()))
        return figures
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


COLUMNS = (
    ("first_frame_s", "1st frame s", "{:.2f}"),
    ("first_frame_cpu_s", "frame CPU s", "{:.2f}"),
    ("first_paint_s", "1st rows s", "{:.2f}"),
    ("first_rows_cpu_s", "rows CPU s", "{:.2f}"),
    ("max_stall_ms", "max stall ms", "{:.0f}"),
    ("settled_mb", "settled MB", "{:.0f}"),
    ("startup_peak_mb", "start peak MB", "{:.0f}"),
    ("v_s", "v s", "{:.2f}"),
    ("peak_mb", "peak MB (with v)", "{:.0f}"),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--store", type=Path, help="use a store kept by --keep instead of building")
    parser.add_argument("--keep", type=Path, help="copy the built store there (for profiling)")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--empty-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.empty_child:
        empty_child(args.empty_child)
        return
    trees = [("after", Path(__file__).resolve().parents[2])]
    if args.before:
        trees.insert(0, ("before", args.before.resolve()))
    with tempfile.TemporaryDirectory(prefix="perf-tui-bench-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        t = time.perf_counter()
        if args.store:
            subprocess.run(["cp", "-a", f"{args.store}/.", str(data)], check=True)
        else:
            build_store(data, args.records)
        if args.keep:
            subprocess.run(["cp", "-a", str(data), str(args.keep)], check=True)
        # Each tree gets its own copy: newer code may migrate the store, which older code refuses.
        copies = {name: Path(tmp) / name for name, _ in trees}
        for copy in [*copies.values(), Path(tmp) / "probe"]:
            subprocess.run(["cp", "-a", str(data), str(copy)], check=True)
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        first_artist = _first_artist(Path(tmp) / "probe")
        print(
            f"{args.records} records built by a full sync in {time.perf_counter() - t:.0f} s; "
            f"tmux 160×48, medians of {args.runs} runs"
        )
        results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
        empty: list[dict[str, float]] = []  # an empty Textual app: what any first frame costs
        # A session kept open meanwhile: the server would exit with each run's last session,
        # and the next run could meet it exiting ("server exited unexpectedly").
        subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper"], check=True)
        try:
            for run in range(args.runs):  # interleaved, so load on the machine hits both alike
                empty.append(measure_empty(run, Path(tmp)))
                for name, tree in trees:
                    results[name].append(measure(tree, copies[name], first_artist, run))
        finally:
            subprocess.run([*TMUX, "kill-server"], capture_output=True)
    print(f"{'code':<7}" + "".join(f"{title:>17}" for _, title, _ in COLUMNS))
    for name, runs in results.items():
        cells = [fmt.format(statistics.median(r[key] for r in runs)) for key, _, fmt in COLUMNS]
        print(f"{name:<7}" + "".join(f"{c:>17}" for c in cells))
    print(
        "an empty Textual app (header, a line, footer), same runs: first frame "
        f"{statistics.median(r['first_frame_s'] for r in empty):.2f} s, CPU "
        f"{statistics.median(r['first_frame_cpu_s'] for r in empty):.2f} s"
    )
    for name, runs in results.items():
        asked = sum(1 for r in runs if r.get("asked_at_quit"))
        if asked:
            print(f"{name}: asked about unsaved rules at quit in {asked} of {len(runs)} runs")
    for name, runs in results.items():
        print(
            f"{name} runs: "
            + "; ".join(" ".join(fmt.format(r[key]) for key, _, fmt in COLUMNS) for r in runs)
        )


if __name__ == "__main__":
    main()
