"""`gramtui backup` and `gramtui restore [NAME]`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from gramtui.commands.output import emit_json, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    pass


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help="take a backup of the database now (or --list them)")
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_backup)
    r = sub.add_parser("restore", help="roll the database back to a backup (the newest by default)")
    r.add_argument("name", nargs="?", help="a backup's name (or the start of it)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from gramtui.store import backups

    with command_session(args, daily_backup=False) as session:
        if args.list:
            found = backups.list_backups(session.paths)
            if args.json:
                emit_json([{"name": b.name, "size": b.size} for b in found])
            else:
                for b in found:
                    say(f"{b.name}  {b.size / 1024:.0f} KiB")
                say(f"{len(found)} backups in {session.paths.backups}")
            return 0
        b = backups.take_backup(
            session.paths, now=session.engine.clock(), keep=session.config.backup.keep
        )
        if args.json:
            emit_json({"name": b.name, "path": str(b.path), "size": b.size})
        else:
            say(f"Backed up to {b.path} ({b.size / 1024:.0f} KiB).")
        return 0


def run_restore(args: argparse.Namespace) -> int:
    from gramtui.store import backups

    with command_session(args, daily_backup=False) as session:
        chosen, replaced = backups.restore(
            session.paths, args.name, now=session.engine.clock(), keep=session.config.backup.keep
        )
        if args.json:
            emit_json({"restored": chosen.name, "previous_state": replaced.name})
        else:
            say(f"Restored {chosen.name}. The state it replaced is kept as {replaced.name}.")
        return 0
