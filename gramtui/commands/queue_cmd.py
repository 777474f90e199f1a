"""`gramtui queue`: what the queue holds, and retry/drop of failed tasks."""

from __future__ import annotations

import argparse

from gramtui.commands.arguments import id_argument
from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("queue", help="show the Discogs work queue")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--retry",
        type=id_argument,
        metavar="ID",
        help="put a failed task back in the queue (or run a parked one now)",
    )
    p.add_argument(
        "--drop", type=id_argument, metavar="ID", help="delete a task that is not running"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with command_session(args, daily_backup=False) as session:
        queue = session.engine.queue
        if args.retry is not None:
            if not queue.retry(args.retry):
                return fail(f"no failed or parked task with id {args.retry}.")
            say(f"task {args.retry} is pending again.")
            return 0
        if args.drop is not None:
            if not queue.drop(args.drop):
                return fail(f"no task with id {args.drop} that can be dropped.")
            say(f"task {args.drop} dropped.")
            return 0
        counts = queue.counts()
        tasks = queue.tasks()
        if args.json:
            emit_json(
                {
                    "pending": counts.pending,
                    "running": counts.running,
                    "failed": counts.failed,
                    "by_kind": [
                        {"kind": k, "state": s, "count": n}
                        for (k, s), n in sorted(counts.by_kind_state.items())
                    ],
                    "tasks": [
                        {
                            "id": t.id,
                            "kind": t.kind,
                            "key": t.key,
                            "state": t.state,
                            "priority": t.priority,
                            "attempts": t.attempts,
                            "not_before": t.not_before,
                            "last_error": t.last_error,
                            "payload": t.payload,
                        }
                        for t in tasks
                    ],
                }
            )
            return 0
        say(f"{counts.pending} pending, {counts.running} running, {counts.failed} failed")
        for t in tasks:
            err = f"  — {t.last_error}" if t.last_error else ""
            say(f"{t.id:>6} {t.state:<8} {t.kind:<24} {t.key}{err}")
        return 0
