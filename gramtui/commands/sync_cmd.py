"""`gramtui sync [--full]`: run a sync through the queue headless, with a progress line."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from typing import TYPE_CHECKING

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.engine.context import Engine

EXIT_HELD = 75  # EX_TEMPFAIL: another process runs the queue; try again later


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sync", help="sync the collection from Discogs (quick by default)")
    p.add_argument("--full", action="store_true", help="read everything and remove what is gone")
    p.add_argument(
        "--market",
        action="store_true",
        help="also wait for the market figures (by default they continue in the background)",
    )
    p.add_argument(
        "--allow-removals",
        action="store_true",
        help="a full sync that may remove more than [sync] max_removal_percent of a category",
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=run)


PIPED_EVERY = 15.0  # seconds between progress lines when stderr is not a terminal


def _report_progress(
    engine: Engine, stop: threading.Event, tty: bool, quiet: bool, market: bool = True
) -> None:
    """The progress line: redrawn in place in a terminal, a line now and then when piped."""
    from gramtui.engine import progress

    every = 0.5 if tty else PIPED_EVERY
    while not stop.wait(every):
        if quiet:
            continue
        try:
            line = progress.summary_line(engine, market)
        except Exception:  # the database is busy or closing: skip this redraw
            continue
        sys.stderr.write(("\r" + line + "\x1b[K") if tty else line + "\n")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from gramtui.domain.text import printable
    from gramtui.engine import progress
    from gramtui.engine.sync import request_sync

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
        # Removals happen only in a full sync, which reads everything again to confirm them.
        kind = (
            "full"
            if args.full or args.allow_removals
            else progress.default_sync_kind(engine.clock(), session.config.sync.full_every_days)
        )
        engine.queue.retry_gave_up()  # the last run ran out of attempts: resume where it stopped
        since = engine.clock()
        request_sync(engine, kind, allow_removals=args.allow_removals)
        stop = threading.Event()
        started = time.monotonic()
        show = sys.stderr.isatty() and not args.json

        def tick() -> None:
            if not args.market and progress.account_data_in(engine):
                stop.set()  # the account data is in: market figures continue another time

        wait_for = session.config.queue.wait_for_runner_seconds

        def held(by: str) -> None:
            sys.stderr.write(
                f"The queue is being run by {by}: this sync is queued there; "
                f"waiting for it (at most {wait_for:g} s).\n"
            )

        # The line is redrawn by a thread of its own: the runner blocks while the rate window
        # refills, and the line must keep saying so. Piped, a plain line every PIPED_EVERY s.
        ticker = threading.Thread(
            target=_report_progress, args=(engine, stop, show, args.json, args.market), daemon=True
        )
        ticker.start()
        try:
            outcome = session.runner.run(
                stop, until_idle=True, on_tick=tick, lease_wait=wait_for, on_held=held
            )
        except KeyboardInterrupt:
            stop.set()
            sys.stderr.write("\nInterrupted: the sync resumes where it stopped next time.\n")
            return 130
        finally:
            stop.set()
            ticker.join()
        if show:
            sys.stderr.write("\r" + progress.summary_line(engine, args.market) + "\x1b[K\n")
        if outcome == "held":
            return fail(
                f"the queue is still being run by {session.runner.state.held_by} after "
                f"{wait_for:g} s; the sync goes on there (see `gramtui queue`).",
                code=EXIT_HELD,
            )
        report = progress.sync_report(
            engine,
            seconds=time.monotonic() - started,
            requests_by_kind=session.runner.state.requests_by_kind,
            since=since,
        )
        if args.json:
            emit_json(report)
        else:
            for line in progress.report_lines(report):
                say(line)
            if report["market_pending"]:
                eta = progress.format_eta(progress.eta_seconds(engine, market=True))
                say(
                    f"Market figures continue in the background ({report['market_pending']} "
                    f"requests, about {eta}) whenever gramtui runs; `gramtui sync --market` "
                    "waits for them."
                )
        parked = session.runner.parked_tasks()
        if parked:
            sys.stderr.write(
                f"{len(parked)} task(s) parked: {printable(parked[0].last_error)} "
                f"(to run one now: `gramtui queue --retry {parked[0].id}`).\n"
            )
            return 1
        if outcome == "failing":
            sys.stderr.write(
                f"{printable(session.runner.state.stopped)}: stopped; nothing is lost, the next "
                "`gramtui sync` resumes where this one stopped.\n"
            )
            return 1
        if session.runner.state.gave_up:
            sys.stderr.write(
                f"{session.runner.state.gave_up} task(s) ran out of attempts; the "
                "next `gramtui sync` tries them again where they stopped.\n"
            )
        return progress.exit_status(report)
