"""Where the CPU time of a scope-`all` release ingest goes, stage by stage (microseconds a release).

Runs each stage of `gramtui dump ingest` on its own, in one process, over the first N releases of a
releases dump (build one with bench_dump.py --dumps DIR), with the cyclic GC off as the ingest
runs: inflating, finding the records, parsing, building rows, marshalling them across the pipe,
the inserts per table, and the swap with its indexes. Then it splits the stages between the two
processes as the ingest does (store/catalogue_reader.py: the reader leaves half the records to
the writer) and prints the releases/s that the busier process allows on two free cores. Medians of
--runs runs. CPU time (time.process_time), so the figures hold on a loaded machine.

    python tests/bench/bench_dump_costs.py DUMP.xml.gz [--records 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import marshal
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from gramtui.dumps.parse import parse_release, parse_release_tree
from gramtui.dumps.records import DumpRecord
from gramtui.dumps.source import open_dump
from gramtui.dumps.split import RawRecord, Splitter
from gramtui.store.catalogue import LoadedDump, StagedIngest, _insert_sql
from gramtui.store.catalogue_reader import LEFT_TO_WRITER
from gramtui.store.catalogue_rows import Rows, rows_of
from gramtui.store.schema import close_database, open_database

BATCH = 500


def _cpu(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def one_run(dump: Path, records: int, work: Path) -> dict[str, float]:
    """CPU seconds of each stage for `records` releases."""
    costs: dict[str, float] = {}
    source = open_dump(dump)
    inflated = 0
    started = time.process_time()
    for chunk in source.chunks():
        inflated += len(chunk)
        if inflated >= records * 4_600:  # about as many bytes as `records` releases
            break
    costs["inflate (ISA-L, a thread of the reader)"] = time.process_time() - started
    raws: list[RawRecord] = []
    started = time.process_time()
    for raw in Splitter(open_dump(dump)):
        raws.append(raw)
        if len(raws) >= records:
            break
    split = time.process_time() - started - costs["inflate (ISA-L, a thread of the reader)"]
    costs["find the records, slice them"] = max(split, 0.0)
    parsed: list[DumpRecord] = []
    costs["parse (patterns; lxml for the rest)"] = _cpu(
        lambda: parsed.extend(parse_release(r.data) for r in raws)
    )
    tree = _cpu(lambda: [parse_release_tree(r.data) for r in raws])
    batches: list[Rows] = []
    costs["rows (tuples per table, JSON lists)"] = _cpu(
        lambda: batches.extend(
            rows_of("releases", parsed[at : at + BATCH]) for at in range(0, len(parsed), BATCH)
        )
    )
    frames: list[bytes] = []
    costs["marshal.dumps (reader)"] = _cpu(lambda: frames.extend(map(marshal.dumps, batches)))
    costs["marshal.loads (writer)"] = _cpu(lambda: [marshal.loads(f) for f in frames])
    open_database(work / "gramtui.sqlite3")
    try:
        staged = StagedIngest("releases")
        con = staged.con
        con.execute("BEGIN")
        for batch in batches:
            for table, rows in batch.items():
                if rows:
                    sql = _insert_sql(table, staged.widths[table])
                    key = f"SQL {table}"
                    started = time.process_time()
                    con.executemany(sql, rows)
                    costs[key] = costs.get(key, 0.0) + time.process_time() - started
        loaded = LoadedDump(
            "releases", "", dump.name, "all", records, records, 0, [], datetime.now(UTC), 0.0
        )
        costs["commit, swap, indexes"] = _cpu(lambda: staged.finish(loaded))
    finally:
        close_database()
    costs["(lxml tree for every record, for comparison)"] = tree
    return {k: v / len(raws) * 1e6 for k, v in costs.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dump", type=Path)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    gc.disable()  # as the ingest (engine/dump_ingest.py, store/catalogue_reader.py)
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(one_run(args.dump, args.records, Path(tmp)))
    us = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in runs[0]}
    comparison = us.pop("(lxml tree for every record, for comparison)")
    print(f"CPU a release, scope all, {args.records:,} releases (median of {args.runs}):")
    for stage, value in us.items():
        print(f"  {stage:<44} {value:7.1f} us")
    total = sum(us.values())
    print(f"  {'total':<44} {total:7.1f} us")
    print(f"  (lxml tree for every record: {comparison:.1f} us)")
    left = len(LEFT_TO_WRITER) / 10
    work = us["parse (patterns; lxml for the rest)"] + us["rows (tuples per table, JSON lists)"]
    sql = sum(v for k, v in us.items() if k.startswith("SQL ")) + us["commit, swap, indexes"]
    reader = (
        us["inflate (ISA-L, a thread of the reader)"]
        + us["find the records, slice them"]
        + (1 - left) * work
        + us["marshal.dumps (reader)"]
    )
    writer = us["marshal.loads (writer)"] + left * work + sql
    print(
        f"Two processes: reader {reader:.1f} us, writer {writer:.1f} us a release: at most "
        f"{1e6 / max(reader, writer):,.0f} releases/s on two free cores "
        f"(20,000/s needs both under 50 us)."
    )


if __name__ == "__main__":
    main()
