"""`gramtui dump ingest FILE…`: load Discogs data dumps into the local catalogue."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.engine.dump_ingest import IngestProgress, IngestResult

PARALLEL_FROM = 8 << 20  # bytes on disk: below this a second process costs more than it saves


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("dump", help="load Discogs monthly data dumps into the local catalogue")
    dump_sub = p.add_subparsers(dest="dump_command", metavar="ACTION", required=True)
    ing = dump_sub.add_parser(
        "ingest", help="read dump files (.xml.gz or .xml): releases, masters, artists, labels"
    )
    ing.add_argument("files", nargs="+", metavar="FILE")
    ing.add_argument(
        "--scope",
        choices=("collection", "all"),
        default="collection",
        help="collection (default): only what your records, wants and listings refer to; "
        "all: the whole catalogue",
    )
    ing.add_argument("--json", action="store_true", help="print counts and timings as JSON")
    ing.set_defaults(func=run_ingest)


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = int(seconds)
    return (
        f"{seconds // 3600}h{seconds // 60 % 60:02d}m"
        if seconds >= 3600
        else (f"{seconds // 60}m{seconds % 60:02d}s")
    )


class ProgressBar:
    """One line on stderr, redrawn at most five times a second."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, p: IngestProgress) -> None:
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        share = p.read / p.size if p.size else 0.0
        filled = int(share * 24)
        bar = "█" * filled + "·" * (24 - filled)
        sys.stderr.write(
            f"\r{p.kind:<8} {bar} {share:4.0%}  {p.seen:>11,} records  {p.rate:>8,.0f}/s  "
            f"{_size(p.read)} of {_size(p.size)}  ETA {_duration(p.eta)}   "
        )
        sys.stderr.flush()

    def done(self) -> None:
        if self.last:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _line(r: IngestResult) -> str:
    rate = r.seen / r.seconds if r.seconds else 0
    text = (
        f"{r.kind}: {r.file} ({r.date or 'no date in the name'}), scope {r.scope}: "
        f"{r.seen:,} records read, {r.stored:,} stored, {r.skipped:,} skipped "
        f"in {r.seconds:.1f} s ({rate:,.0f}/s)"
    )
    if r.master_years_set:
        text += f"; {r.master_years_set:,} records now sort by their master's year"
    return text


def run_ingest(args: argparse.Namespace) -> int:
    from dataclasses import asdict  # here: `--help` stays light

    from gramtui.dumps.errors import DumpError
    from gramtui.engine.dump_ingest import ingest, plan

    paths = [Path(f) for f in args.files]
    with command_session(args, daily_backup=False) as _session:
        results: list[IngestResult] = []
        try:
            sources = plan(paths)
            for source in sources:
                bar = ProgressBar() if sys.stderr.isatty() and not args.json else None
                try:
                    results.append(
                        ingest(
                            source,
                            args.scope,
                            on_progress=bar,
                            parallel=source.size >= PARALLEL_FROM,
                        )
                    )
                finally:
                    if bar is not None:
                        bar.done()
        except DumpError as e:
            done = f" ({len(results)} file(s) before it were loaded)" if results else ""
            return fail(f"{e} The catalogue keeps its previous data{done}.", 2)
        if args.json:
            emit_json({"files": [asdict(r) for r in results]})
            return 0
        for r in results:
            say(_line(r))
            for record_id, offset, reason in r.skipped_examples:
                which = f"record {record_id}" if record_id is not None else "a record"
                say(f"  skipped {which} at byte {offset:,}: {reason}")
        return 0
