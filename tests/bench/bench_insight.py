"""The Insight pane and `gramtui stats` at 50,000 records.

    python tests/bench/bench_insight.py [--records 50000] [--runs 3] [--store DIR] [--keep DIR]

Builds a store by a full sync (bench_tui's build), then, medians of `--runs`:

- each statistic's SQL in this process (the headline and every chart), the cost behind the pane;
- `6`: in a real terminal (tmux, 160×48), from pressing 6 on the started app until the genres
  chart (its title and its first bar) is on screen, read with `tmux capture-pane`;
- `gramtui stats --json` and `gramtui stats --by genre --json` as commands, start to exit.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def child(data: Path) -> None:
    """The app in this terminal (run inside tmux)."""
    from gramtui.engine.setup import open_session
    from gramtui.settings.paths import Paths
    from gramtui.ui.app import GramtuiApp

    session = open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
    )
    GramtuiApp(session, start_runner=False, initial_sync=None).run()
    session.close()


def _session(data: Path):  # type: ignore[no-untyped-def]
    from gramtui.engine.setup import open_session
    from gramtui.settings.paths import Paths

    return open_session(
        Paths(data, data / "c.toml"),
        token="sandbox-token",
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
    )


def in_process(data: Path) -> dict[str, float]:
    """Seconds per statistic, read the way the pane reads it."""
    from gramtui.engine import insight

    session = _session(data)
    try:
        out: dict[str, float] = {}
        t = time.perf_counter()
        insight.headline()
        out["headline"] = time.perf_counter() - t
        for by in insight.BY:
            t = time.perf_counter()
            insight.chart(by)
            out[by] = time.perf_counter() - t
        top = insight.chart("label").bars[0].key
        t = time.perf_counter()
        insight.records_of_bar("label", top)
        out["records of a bar"] = time.perf_counter() - t
        return out
    finally:
        session.close()


def _first_screen(data: Path) -> tuple[str, str]:
    """What the collection list and the genres chart show first (to wait for on screen)."""
    from gramtui.engine import insight
    from gramtui.engine.collection_view import CollectionView

    session = _session(data)
    try:
        row = CollectionView().row(0)
        genres = insight.chart("genre").bars
        assert row is not None and genres, "the bench store is empty"
        return row.artist[:20], genres[0].key[:15]
    finally:
        session.close()


def _screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    ).stdout


def _wait_for(session: str, texts: tuple[str, ...], timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        screen = _screen(session)
        if all(t in screen for t in texts):
            return time.perf_counter()
        time.sleep(0.005)
    raise TimeoutError(f"{texts!r} never appeared on the screen of {session}:\n{_screen(session)}")


def in_terminal(data: Path, first_artist: str, top_genre: str, run: int) -> float:
    session = f"insight-bench-{run}"
    command = (
        f"cd {shlex.quote(str(ROOT))} && PYTHONPATH={shlex.quote(str(ROOT))} "
        f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))} "
        f"--child {shlex.quote(str(data))}"
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "48", command], check=True
    )
    try:
        _wait_for(session, (first_artist,))
        time.sleep(3.0)  # start-up settled: what is timed is the pane, not the start
        pressed = time.perf_counter()
        subprocess.run(["tmux", "send-keys", "-t", session, "6"], check=True)
        shown = _wait_for(session, ("Records by genre", f"{top_genre}"), timeout=30)
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
        time.sleep(0.5)
        return shown - pressed
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def command_seconds(data: Path, *args: str) -> float:
    env_args = ["--data-dir", str(data), "--config", str(data / "c.toml")]
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "gramtui", *env_args, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise RuntimeError(f"gramtui {' '.join(args)} failed: {done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", type=Path, help="use a store kept by --keep instead of building")
    parser.add_argument("--keep", type=Path, help="copy the built store there")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    from bench_tui import build  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory(prefix="insight-bench-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        t = time.perf_counter()
        if args.store:
            subprocess.run(["cp", "-a", f"{args.store}/.", str(data)], check=True)
        else:
            build(data, args.records)
        if args.keep:
            subprocess.run(["cp", "-a", str(data), str(args.keep)], check=True)
        print(f"store of {args.records} records ready in {time.perf_counter() - t:.0f} s")
        first_artist, top_genre = _first_screen(data)
        sql = [in_process(data) for _ in range(args.runs)]
        shown = [in_terminal(data, first_artist, top_genre, n) for n in range(args.runs)]
        stats_all = [command_seconds(data, "stats", "--json") for _ in range(args.runs)]
        stats_genre = [
            command_seconds(data, "stats", "--by", "genre", "--json") for _ in range(args.runs)
        ]
    print(f"\n{args.records} records, medians of {args.runs} runs")
    print(f"{'what':<40}{'seconds':>10}")
    for name in sql[0]:
        print(f"{'SQL: ' + name:<40}{statistics.median(r[name] for r in sql):>10.3f}")
    print(f"{'6 → genres chart on screen (tmux)':<40}{statistics.median(shown):>10.3f}")
    print(f"{'gramtui stats --json':<40}{statistics.median(stats_all):>10.3f}")
    print(f"{'gramtui stats --by genre --json':<40}{statistics.median(stats_genre):>10.3f}")
    print("runs: 6 → chart " + ", ".join(f"{s:.3f}" for s in shown))


if __name__ == "__main__":
    main()
