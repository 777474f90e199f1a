"""Headless commands at 50,000 records: `records --json`, `classify --json`, `--help`.

    python tests/bench/bench_cli.py [--records 50000] [--data DIR] [--runs 3]

Builds a data directory by a full sync from an in-process sandbox (bench_tui's build) and saves the
rules of bench_rules (or keeps DIR when it already holds a database), then runs every command in a
fresh process several times. Each run goes through a small wrapper process, so the peak RSS printed
is that of the whole command (`ru_maxrss` of the wrapper's children) and nothing else. The
`records --json` ratio is against a bare sqlite3 script printing the same JSON, timed in the same run.
Run it with PYTHONPATH pointing at the code to measure (before and after).
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

HERE = Path(__file__).resolve().parent

# One process per run: runs the command with stdout to a file, prints wall seconds, the child's
# peak RSS and its CPU seconds (user + system: the machine is shared, so wall time is noisy).
WRAPPER = """\
import resource, subprocess, sys, time
out = open(sys.argv[1], "w")
t = time.perf_counter()
code = subprocess.run(sys.argv[2:], stdout=out).returncode
took = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(took, use.ru_maxrss / 1024, code, use.ru_utime + use.ru_stime)
"""

# What a bare script needs to print the same JSON as `records --json`: one query, one decode.
BARE = """\
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
names = {str(k): v for k, v in con.execute("SELECT id, name FROM custom_field")}
out = sys.stdout
out.write("[")
first = True
for (iid, fid, added, rating, size, rid, artist, title, year, master_id, lists) in con.execute(
    "SELECT i.id, i.folder_id, i.date_added, i.rating, i.size, r.id, r.artist, r.title, r.year,"
    " r.master_id, json_array(json(i.notes), json(r.labels), json(r.formats))"
    " FROM instance i JOIN release r ON r.id = i.release_id ORDER BY i.id"):
    notes, labels, formats = json.loads(lists)
    out.write(("\\n" if first else ",\\n") + json.dumps({
        "instance_id": iid, "release_id": rid, "folder_id": fid, "artist": artist,
        "title": title, "year": year,
        "labels": [{"name": n, "catno": c} for n, c in labels],
        "formats": [{"name": f[0], "qty": int(f[1]), "descriptions": f[2]} for f in formats],
        "date_added": added and added.replace(".000000+", "+"), "rating": rating, "master_id": master_id, "size": size,
        "fields": {names.get(k, k): v for k, v in notes.items()}}, ensure_ascii=False))
    first = False
out.write("\\n]\\n")
"""


# As a user runs it: bytecode cached, stdout buffered (this machine's shell sets both off).
ENV = {
    k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")
}


def run_once(argv: list[str], out: Path) -> tuple[float, float, float]:
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), *argv],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    seconds, rss, code, cpu = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{argv} exited {code}")
    return float(seconds), float(rss), float(cpu)


CPU: list[float] = []  # the median CPU seconds of each median_of, in order


def median_of(argv: list[str], out: Path, runs: int) -> tuple[float, float]:
    run_once(argv, out)  # a first run, not counted: writes the bytecode caches
    results = [run_once(argv, out) for _ in range(runs)]
    CPU.append(statistics.median(r[2] for r in results))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def prepare(data: Path, records: int) -> None:
    if (data / "gramtui.sqlite3").exists():
        return
    sys.path.insert(0, str(HERE))
    from bench_rules import RULES
    from bench_tui import build

    t = time.perf_counter()
    build(data, records)
    print(f"store of {records} records built in {time.perf_counter() - t:.1f} s", flush=True)
    rules = data / "rules.txt"
    rules.write_text(RULES)
    gramtui = [sys.executable, "-m", "gramtui", "--data-dir", str(data)]
    if subprocess.run([*gramtui, "rules", "import", str(rules)], capture_output=True).returncode:
        demo = Path(__file__).resolve().parents[2] / "gramtui" / "demo_seed" / "rules.txt"
        subprocess.run([*gramtui, "rules", "import", str(demo)], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--data", help="keep the built store here (reused when it exists)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(args.data) if args.data else Path(tmp) / "data"
        data.mkdir(parents=True, exist_ok=True)
        prepare(data, args.records)
        db = data / "gramtui.sqlite3"
        gramtui = [sys.executable, "-m", "gramtui", "--data-dir", str(data)]
        out, bare_out = Path(tmp) / "out.json", Path(tmp) / "bare.json"
        rows: list[tuple[str, float, float, str]] = []
        bare_s, bare_mb = median_of([sys.executable, "-c", BARE, str(db)], bare_out, args.runs)
        bare_cpu = CPU[-1]
        rec_s, rec_mb = median_of([*gramtui, "records", "--json"], out, args.runs)
        same = json.loads(out.read_text()) == json.loads(bare_out.read_text())
        rows.append(("bare sqlite3 script, same JSON", bare_s, bare_mb, ""))
        rows.append(
            (
                "gramtui records --json",
                rec_s,
                rec_mb,
                f"{rec_s / bare_s:.2f}x bare (CPU {CPU[-1] / bare_cpu:.2f}x)"
                f"{'' if same else ' (OUTPUT DIFFERS)'}",
            )
        )
        cls_s, cls_mb = median_of([*gramtui, "classify", "--json"], out, args.runs)
        rows.append(
            (
                "gramtui classify --json",
                cls_s,
                cls_mb,
                f"{len(json.loads(out.read_text()))} records",
            )
        )
        py_s, py_mb = median_of([sys.executable, "-c", "pass"], out, max(args.runs, 5))
        help_s, help_mb = median_of([*gramtui, "--help"], out, max(args.runs, 5))
        rows.append(("python -c pass", py_s, py_mb, ""))
        rows.append(("gramtui --help", help_s, help_mb, ""))
    print(
        f"code: {os.environ.get('PYTHONPATH', '(installed)')}, {args.records} records, "
        f"medians of {args.runs}+ runs, peak RSS of the whole process"
    )
    print(f"{'what':<32} {'seconds':>8} {'CPU s':>8} {'peak MB':>8}  note")
    for (what, seconds, mb, note), cpu in zip(rows, CPU, strict=True):
        print(f"{what:<32} {seconds:>8.2f} {cpu:>8.2f} {mb:>8.0f}  {note}")


if __name__ == "__main__":
    main()
