"""`gramtui sync [--full]`: run a sync through the queue headless, with a progress line."""

from __future__ import annotations

import argparse
import sys
import threading
import time

from gramtui.commands.output import emit_json, fail
from gramtui.commands.session import command_session
from gramtui.engine import progress
from gramtui.engine.sync import request_sync

EXIT_HELD = 75  # EX_TEMPFAIL: another process runs the queue; try again later


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="sync the collection from Discogs (quick by default)")
    p.add_argument("--full", action="store_true", help="read everything and remove what is gone")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with command_session(args) as session:
        if not session.token:
            return fail(
                "no Discogs token: set DISCOGS_TOKEN, or start `gramtui` once to enter it "
                "(or try `gramtui --demo sync`)."
            )
        engine = session.engine
        # Identity first, in the foreground, so a wrong token or a dead server is one clear line.
        from gramtui.discogs.errors import DiscogsError

        try:
            engine.username()
        except DiscogsError as e:
            return fail(str(e))
        kind = "full" if args.full else progress.default_sync_kind(
            engine.clock(), session.config.sync.full_every_days
        )
        engine.queue.retry_gave_up()  # the last run ran out of attempts: resume where it stopped
        request_sync(engine, kind)
        stop = threading.Event()
        started = time.monotonic()
        last = [0.0]
        show = sys.stderr.isatty() and not args.json

        def tick() -> None:
            if show and time.monotonic() - last[0] > 0.2:
                last[0] = time.monotonic()
                sys.stderr.write("\r" + progress.summary_line(engine) + "\x1b[K")
                sys.stderr.flush()

        wait_for = session.config.queue.wait_for_runner_seconds

        def held(by: str) -> None:
            sys.stderr.write(f"The queue is being run by {by}: this sync is queued there; "
                             f"waiting for it (at most {wait_for:g} s).\n")

        try:
            outcome = session.runner.run(stop, until_idle=True, on_tick=tick,
                                         lease_wait=wait_for, on_held=held)
        except KeyboardInterrupt:
            sys.stderr.write("\nInterrupted: the sync resumes where it stopped next time.\n")
            return 130
        if show:
            sys.stderr.write("\r" + progress.summary_line(engine) + "\x1b[K\n")
        if outcome == "held":
            return fail(f"the queue is still being run by {session.runner.state.held_by} after "
                        f"{wait_for:g} s; the sync goes on there (see `gramtui queue`).",
                        code=EXIT_HELD)
        report = progress.sync_report(
            engine, seconds=time.monotonic() - started,
            requests_by_kind=session.runner.state.requests_by_kind,
        )
        if args.json:
            emit_json(report)
        else:
            for line in progress.report_lines(report):
                print(line)
        parked = session.runner.parked_tasks()
        if parked:
            sys.stderr.write(f"{len(parked)} task(s) parked: {parked[0].last_error} "
                             f"(to run one now: `gramtui queue --retry {parked[0].id}`).\n")
            return 1
        if outcome == "failing":
            sys.stderr.write(f"{session.runner.state.stopped}: stopped; nothing is lost, the next "
                             "`gramtui sync` resumes where this one stopped.\n")
            return 1
        if session.runner.state.gave_up:
            sys.stderr.write(f"{session.runner.state.gave_up} task(s) ran out of attempts; the "
                             "next `gramtui sync` tries them again where they stopped.\n")
        return 1 if report["errors"] else 0
