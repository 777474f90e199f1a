"""How `gramtui sync` ends against hostile servers, and two processes on one data directory.

    python tests/bench/bench_hostile_queue.py                  # every mode 3x, concurrency 10x
    python tests/bench/bench_hostile_queue.py --runs 0 --repeat 1
    python tests/bench/bench_hostile_queue.py --code /work/main --runs 0 --repeat 1 --parallel

Each hostile mode: a loopback sandbox answers identity, folders and fields, then only hostility;
`gramtui sync --full` runs as a subprocess with the bounds the tests use (3 attempts, 2 s response
deadline, park beyond 30 s). Then the server heals, parked tasks are retried by hand, and a second
sync must bring everything: "lost" counts records, listings and wants still missing after it.
`--code DIR` runs another checkout (e.g. the code before these bounds), without a config file
(that code refuses the [queue] section), each run cut off after --timeout seconds; `--defaults`
runs this code without a config file (the default bounds: 8 attempts, backoff up to 300 s).
The concurrency test (TUI + two CLI syncs, tests/integration/test_two_processes.py) runs --runs
times; its outcome and median time are printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve
from gramtui.sandbox.config import HOSTILE_MODES

ROOT = Path(__file__).resolve().parents[2]
BOUNDS = """[queue]
max_attempts = 3
backoff_seconds = 0.1
backoff_cap_seconds = 0.5
park_after_seconds = 30
response_deadline_seconds = 2
"""


def _gramtui(env: dict[str, str], timeout: float, *args: str) -> tuple[str, float, str]:
    started = time.monotonic()
    try:  # cwd: `python -m` puts it first on sys.path; it must not shadow --code
        done = subprocess.run(
            [sys.executable, "-m", "gramtui", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=Path(env["GRAMTUI_DATA_DIR"]).parent,
        )
    except subprocess.TimeoutExpired:
        return "killed", time.monotonic() - started, ""
    return str(done.returncode), time.monotonic() - started, done.stdout + done.stderr


def _stored(data: Path, sql: str) -> set[int]:
    con = sqlite3.connect(data / "gramtui.sqlite3", timeout=10)
    try:
        return {r[0] for r in con.execute(sql)}
    except sqlite3.OperationalError:
        return set()
    finally:
        con.close()


def one_run(
    mode: str, code: Path, timeout: float, bounded: bool
) -> tuple[str, float, str, int, str]:
    """(exit code, seconds, recovery exit code, lost, last line said) of one hostile sync."""
    sandbox = Sandbox(
        build_state(instances=250, listings=5, wants=5),
        SandboxConfig(window_seconds=2.0, hostile=mode, hostile_after=3),
    )
    with serve(sandbox) as server, tempfile.TemporaryDirectory() as tmp:
        data, config = Path(tmp) / "data", Path(tmp) / "c.toml"
        if bounded:
            config.write_text(BOUNDS, encoding="utf-8")
        env = {
            **os.environ,
            "PYTHONPATH": str(code),
            "GRAMTUI_DATA_DIR": str(data),
            "GRAMTUI_CONFIG": str(config),
            "DISCOGS_TOKEN": "sandbox-token",
            "GRAMTUI_DISCOGS_URL": server.url,
        }
        rc, seconds, said = _gramtui(env, timeout, "sync", "--full")
        last = next((ln for ln in reversed(said.splitlines()) if ln.strip()), "")
        sandbox.config = dataclasses.replace(sandbox.config, hostile="")
        if code == ROOT:  # this code can run a parked task at once
            queue = json.loads(_gramtui(env, timeout, "queue", "--json")[2] or "{}")
            for task in queue.get("tasks", []):
                if task["state"] == "pending":  # parked: the user says "now"
                    _gramtui(env, timeout, "queue", "--retry", str(task["id"]))
        recovery, _, _ = _gramtui(env, timeout, "sync")
        state = sandbox.state
        lost = (
            len(set(state.instances) - _stored(data, "SELECT id FROM instance"))
            + len(set(state.listings) - _stored(data, "SELECT id FROM listing"))
            + len(set(state.wants) - _stored(data, "SELECT release_id FROM want"))
        )
        return rc, seconds, recovery, lost, last


def hostile_table(code: Path, repeat: int, timeout: float, parallel: bool, bounded: bool) -> None:
    jobs = [(mode, i) for mode in HOSTILE_MODES for i in range(repeat)]
    with ThreadPoolExecutor(max_workers=len(jobs) if parallel else 1) as pool:
        results = list(pool.map(lambda job: one_run(job[0], code, timeout, bounded), jobs))
    print(
        f"code: {code}  ({'bounds of the tests' if bounded else 'defaults, no config'}; "
        f"cut off after {timeout:g} s; {repeat} run(s) per mode, median seconds)"
    )
    print(f"{'hostile mode':<22} {'seconds':>8} {'exit':>8} {'next run':>9} {'lost':>5}  last line")
    for mode in HOSTILE_MODES:
        rows = [r for (m, _), r in zip(jobs, results, strict=True) if m == mode]
        median = statistics.median(r[1] for r in rows)
        codes = "/".join(sorted({r[0] for r in rows}))
        recovered = "/".join(sorted({r[2] for r in rows}))
        lost = max(r[3] for r in rows)
        print(f"{mode:<22} {median:>8.1f} {codes:>8} {recovered:>9} {lost:>5}  {rows[0][4][:90]}")


def concurrency(runs: int, code: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(code)}
    outcomes, seconds = [], []
    for _ in range(runs):
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                str(ROOT / "tests/integration/test_two_processes.py"),
            ],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
        )
        seconds.append(time.monotonic() - started)
        outcomes.append("pass" if done.returncode == 0 else "FAIL")
        if done.returncode:
            print(done.stdout[-2000:])
    print(
        f"concurrency (TUI + two `gramtui sync`, one store): {outcomes.count('pass')}/{runs} "
        f"passed, median {statistics.median(seconds):.1f} s per run: {' '.join(outcomes)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of the concurrency test")
    parser.add_argument("--repeat", type=int, default=3, help="runs per hostile mode")
    parser.add_argument("--timeout", type=float, default=150.0, help="cut a sync off after this")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument("--parallel", action="store_true", help="all hostile runs at once")
    parser.add_argument("--defaults", action="store_true", help="no config: the default bounds")
    args = parser.parse_args()
    if args.repeat:
        code = args.code.resolve()
        bounded = code == ROOT and not args.defaults
        hostile_table(code, args.repeat, args.timeout, args.parallel, bounded)
    if args.runs:
        concurrency(args.runs, args.code.resolve())


if __name__ == "__main__":
    main()
