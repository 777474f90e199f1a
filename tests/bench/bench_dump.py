"""Dump ingest speed and memory, and `gramtui stats --json` at 50,000 records.

Builds gzip releases dumps of 50,000 and 200,000 releases from the real 1,000-release sample
(fresh ids; in a temporary directory, never committed), then runs `gramtui dump ingest` as a
user would, in a subprocess, for scope `all` and for scope `collection` with a 3,000-record
collection. Peak RSS is the whole process tree (the writer and its reader process), sampled from
/proc every 20 ms; CPU is user + system time of the whole tree (on a shared machine the wall time
depends on the other load, the CPU time much less). Medians of --runs runs (3 by default).
--dumps DIR keeps the built dumps there and reuses them on the next run.

    python tests/bench/bench_dump.py [--sizes 50000 200000] [--runs 3] [--scopes all collection]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "insight_feature"))
sys.path.insert(0, str(HERE.parent / "shelves_feature"))

from insight_helpers import make_releases_dump, own_releases  # noqa: E402

FIRST_ID = 20_000_000
COLLECTION = 3_000


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, int, float, str]:
    """(seconds, peak RSS of the process tree in MB, CPU seconds of the tree, stdout)."""
    cpu = _children_cpu()
    started = time.monotonic()
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(_rss_kb(p) for p in _tree(proc.pid)))
        time.sleep(0.02)
    out, err = proc.communicate()
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{err}")
    return seconds, peak // 1024, _children_cpu() - cpu, out


def ingest_once(
    dump: Path, scope: str, template: Path | None, work: Path
) -> tuple[float, float, int, float]:
    """(seconds, releases/s, peak RSS in MB, CPU microseconds per release)."""
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    if template is not None:
        shutil.copytree(template, data)
    env = {**os.environ, "GRAMTUI_DATA_DIR": str(data), "GRAMTUI_CONFIG": str(work / "c.toml")}
    seconds, peak, cpu, out = run_measured(
        [sys.executable, "-m", "gramtui", "dump", "ingest", str(dump), "--scope", scope, "--json"],
        env,
    )
    result = json.loads(out)["files"][0]
    return seconds, result["seen"] / seconds, peak, cpu / result["seen"] * 1e6


def collection_template(work: Path, size: int) -> Path:
    data = work / f"collection-{size}"
    step = max(1, size // COLLECTION)
    own_releases(data, [(FIRST_ID + i * step, None) for i in range(COLLECTION)])
    return data


def stats_time(work: Path, records: int, runs: int) -> float:
    from shelves_helpers import fill_store

    from gramtui.store.schema import close_database, open_database

    data = work / "stats-data"
    open_database(data / "gramtui.sqlite3")
    fill_store(records)
    close_database()
    env = {**os.environ, "GRAMTUI_DATA_DIR": str(data), "GRAMTUI_CONFIG": str(work / "c.toml")}
    times = [
        run_measured([sys.executable, "-m", "gramtui", "stats", "--json"], env)[0]
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 200_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scopes", nargs="+", default=["all", "collection"])
    parser.add_argument("--no-stats", action="store_true")
    parser.add_argument("--dumps", type=Path, help="keep the built dumps here, reuse them")
    args = parser.parse_args()
    if args.dumps is not None:
        args.dumps.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for size in args.sizes:
            dump = (args.dumps or work) / f"discogs_20250101_releases-{size}.xml.gz"
            if not dump.exists():
                t = time.monotonic()
                make_releases_dump(dump, size, FIRST_ID)
                print(
                    f"built {dump.name}: {dump.stat().st_size / 1e6:.0f} MB gzip "
                    f"in {time.monotonic() - t:.0f} s",
                    file=sys.stderr,
                )
            template = collection_template(work, size)
            for scope, tmpl in (("all", None), ("collection", template)):
                if scope not in args.scopes:
                    continue
                runs = [ingest_once(dump, scope, tmpl, work) for _ in range(args.runs)]
                row = (size, scope, *(statistics.median(r[i] for r in runs) for i in range(4)))
                rows.append(row)
                print(
                    f"  {size:>8,} {scope:<10} {row[2]:7.1f} s {row[3]:>9,.0f}/s "
                    f"{row[4]:>5} MB {row[5]:6.0f} us CPU",
                    file=sys.stderr,
                )
            if args.dumps is None:
                dump.unlink()
        print(f"\nDump ingest, end to end into SQLite (median of {args.runs}; gzip input):")
        print(
            f"{'releases':>10}  {'scope':<10}  {'seconds':>8}  {'releases/s':>11}  {'peak RSS':>9}"
            f"  {'CPU us/release':>14}  {'releases/CPU s':>14}"
        )
        for size, scope, seconds, rate, peak, cpu in rows:
            print(
                f"{size:>10,}  {scope:<10}  {seconds:8.1f}  {rate:11,.0f}  {peak:6.0f} MB"
                f"  {cpu:14.1f}  {1e6 / cpu:14,.0f}"
            )
        if not args.no_stats:
            print(
                f"\ngramtui stats --json at 50,000 records: {stats_time(work, 50_000, args.runs):.2f} s "
                f"(median of {args.runs}, whole process)"
            )


if __name__ == "__main__":
    main()
