"""Time `gramtui wants import` of large want-list files; prints entries, seconds (median), µs/entry.

Runs the real command in a subprocess against a fresh data directory each time, so the figure
includes start-up, parsing, the store write and the queued master look-ups.

Run: python tests/bench/bench_wants_import.py [ENTRIES ...]   (default: 10000 50000 100000)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "300"))  # seconds; a longer run prints "> TIMEOUT"


def want_file(path: Path, entries: int) -> None:
    """Two lists; every tenth entry a master with a format filter, the rest releases."""
    lines = ['list "Big one" mode=one_by_one']
    for i in range(1, entries + 1):
        if i == entries // 2:
            lines.append('list "Second half" mode=en_masse')
        lines.append(f"  master {i} format=Vinyl" if i % 10 == 0 else f"  release {i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def one_run(entries: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        source = base / "wants.txt"
        want_file(source, entries)
        env = {
            **os.environ,
            "GRAMTUI_DATA_DIR": str(base / "data"),
            "GRAMTUI_CONFIG": str(base / "config.toml"),
            "DISCOGS_TOKEN": "bench-token",
            "PYTHONPATH": str(ROOT),
        }
        started = time.perf_counter()
        try:
            result = subprocess.run(
                [sys.executable, "-m", "gramtui", "wants", "import", str(source)],
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return float("inf")
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit(f"import failed: {result.stderr.strip()}")
        return elapsed


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 50_000, 100_000]
    print(f"{'entries':>8} {'seconds':>9} {'µs/entry':>9}   (median of {RUNS} runs)")
    for n in sizes:
        seconds = statistics.median(one_run(n) for _ in range(RUNS))
        if seconds == float("inf"):
            print(f"{n:>8} {'> ' + format(TIMEOUT, 'g'):>9} {'-':>9}")
        else:
            print(f"{n:>8} {seconds:>9.2f} {seconds / n * 1e6:>9.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
