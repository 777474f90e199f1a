"""`gramtui moves [done] [ORG]` and `gramtui print [ORG] | --test`: the moves and their slips."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.domain.moves import Spot
    from gramtui.engine.context import Engine
    from gramtui.engine.moves import BatchView, PlannedMove


def _expected() -> tuple[type[Exception], ...]:
    """The errors a moves command reports as one sentence (imported here: not at `--help`)."""
    from gramtui.domain.organisation import OrganisationError
    from gramtui.engine.moves import MovesError
    from gramtui.printing.printers import PrinterConfigError, PrinterError

    return (OrganisationError, PrinterConfigError, PrinterError, MovesError)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "moves",
        help="list the moves from the layout on the shelves to the current one",
        description="List the pending moves of an organisation (all organisations when none is "
        "named). `gramtui moves done [ORG]` marks them done without printing: the new layout "
        "becomes the one on the shelves.",
    )
    p.add_argument("words", nargs="*", metavar="[done] [ORG]")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_moves)

    pr = sub.add_parser("print", help="print the pending moves on the receipt printer")
    pr.add_argument("organisation", nargs="?", metavar="ORG")
    pr.add_argument("--test", action="store_true", help="print a test slip instead")
    pr.set_defaults(func=run_print)


def _names(requested: str | None) -> list[str]:
    """The organisations a command works on: the one named, else all of them."""
    from gramtui.domain.organisation import OrganisationError
    from gramtui.engine import layouts

    if requested is not None:
        return [layouts.organisation(requested).name]
    names = [o.name for o in layouts.organisations()]
    if not names:
        raise OrganisationError(
            "There is no organisation yet: import one with `gramtui org import FILE`."
        )
    return names


def _spot(spot: Spot | None) -> str:
    if spot is None:
        return "(new)"
    if spot.area == "shelf":
        return f"{spot.space} unit {spot.unit} #{spot.position}"
    return f"{spot.area} #{spot.position}"


def _planned_json(batch: BatchView, planned: PlannedMove) -> dict[str, Any]:
    from gramtui.engine import moves

    return {
        "organisation": batch.organisation,
        "seq": planned.seq,
        **moves.move_json(planned.move),
        "release_id": planned.record.release_id,
        "artist": planned.record.artist,
        "title": planned.record.title,
        "state": planned.slip.state,
        "slip_id": planned.slip.id,
        "last_error": planned.slip.last_error,
    }


def run_moves(args: argparse.Namespace) -> int:
    from gramtui.engine import moves

    words = list(args.words)
    done = bool(words) and words[0] == "done"
    if done:
        words.pop(0)
    if len(words) > 1:
        return fail("name at most one organisation (quote a name with spaces).")
    with command_session(args, daily_backup=False) as session:
        engine = session.engine
        try:
            names = _names(words[0] if words else None)
            if done and len(names) > 1:
                return fail(f"name the organisation to mark done: {', '.join(names)}.")
            batches = [b for name in names if (b := moves.prepare_batch(engine, name))]
            if done:
                return _done(engine, names[0], batches)
        except _expected() as e:
            return fail(str(e))
    if args.json:
        emit_json([_planned_json(b, m) for b in batches for m in b.moves])
        return 0
    for name in names:
        batch = next((b for b in batches if b.organisation == name), None)
        if batch is None:
            say(f"{name}: the shelves hold the current layout; nothing to move.")
            continue
        _say_batch(batch)
    return 0


def _say_batch(batch: BatchView) -> None:
    total = len(batch.moves)
    handled = batch.count("printed", "done")
    say(f"{batch.organisation}: {total} moves, {handled} printed or done.")
    if batch.stale:
        say("  The layout changed again since: finish these moves to see the next ones.")
    for planned in batch.moves:
        record = planned.record
        say(f"  {planned.seq:>4} {planned.move.action.upper():<6} {record.artist} — {record.title}")
        destination = _spot(planned.move.to) if planned.move.to is not None else "(out)"
        say(f"       {_spot(planned.move.from_)} -> {destination}  [{planned.slip.state}]")
    if batch.last_error:
        say(f"  Last printer error: {batch.last_error}")


def _done(engine: Engine, name: str, batches: list[BatchView]) -> int:
    from gramtui.engine import moves

    if not batches:
        say(f"{name}: the shelves hold the current layout; nothing to mark done.")
        return 0
    changed = moves.mark_done(engine, batch_id=batches[0].id)
    say(f"{name}: {changed} moves marked done; the new layout is the one on the shelves.")
    return 0


class PrintProgress:
    """One progress line: redrawn in place in a terminal; piped, only the last count."""

    def __init__(self) -> None:
        self.tty = sys.stdout.isatty()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            self.shown = True
            sys.stdout.write(f"\rprinted {done}/{total}\x1b[K")
            sys.stdout.flush()
        elif done == total:
            say(f"printed {done}/{total}")

    def end(self) -> None:
        if self.shown:
            sys.stdout.write("\n")


def run_print(args: argparse.Namespace) -> int:
    from gramtui.engine import moves

    with command_session(args, daily_backup=False) as session:
        engine = session.engine
        try:
            if args.test:
                moves.test_print(engine)
                say(f"Test slip sent to {moves.printer_config(engine.config).describe()}.")
                return 0
            names = _names(args.organisation)
            for name in names:
                moves.prepare_batch(engine, name)
            line = PrintProgress()
            try:
                report = moves.print_pending(
                    engine, line, organisation=names[0] if args.organisation else None
                )
            finally:
                line.end()
        except _expected() as e:
            return fail(str(e))
    for name in report.accepted:
        say(f"{name}: every move printed; the new layout is the one on the shelves.")
    if report.unsure:
        say(
            f"{report.unsure} slips may have printed before gramtui stopped: check them, then "
            "`gramtui moves done ORG` or reprint them in the app."
        )
    if report.error:
        say(f"{report.left} slips stay pending: `gramtui print` again once the printer is back.")
        return fail(report.error)
    if not report.printed and not report.accepted:
        say("Nothing to print.")
    return 0
