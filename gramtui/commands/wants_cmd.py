"""`gramtui wants`: want lists and the Discogs wants no list manages; import, export, one pass."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from gramtui.commands.arguments import output_flags
from gramtui.commands.csv_output import emit_csv
from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session
from gramtui.commands.text_input import TextInputError, read_text_input

if TYPE_CHECKING:
    from gramtui.domain.wants import WantEntry
    from gramtui.engine.wants import WantsOverview


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("wants", help="show want lists; import, export, or reconcile them")
    output_flags(p)
    p.set_defaults(func=run_show)
    actions = p.add_subparsers(dest="wants_command", metavar="ACTION")

    imp = actions.add_parser("import", help="add the want lists written in FILE ('-' for stdin)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace lists that have the same name instead of refusing",
    )
    imp.set_defaults(func=run_import)

    exp = actions.add_parser("export", help="print every want list in the import format")
    exp.set_defaults(func=run_export)

    one = actions.add_parser("pass", help="run one reconcile pass (queues changes if automated)")
    one.add_argument("--json", action="store_true")
    one.add_argument(
        "--run",
        action="store_true",
        help="then send the queued changes to Discogs before returning",
    )
    one.set_defaults(func=run_pass)


def entry_json(entry: WantEntry) -> dict[str, Any]:
    return {
        "position": entry.position,
        "entry_id": entry.entry_id,
        "release_id": entry.release_id,
        "master_id": entry.master_id,
        "format_filter": entry.format_filter,
        "state": entry.state,
        "changed_at": entry.changed_at,
        "history": [{"state": state, "at": at} for state, at in entry.history],
    }


WANT_COLUMNS = (
    "list", "mode", "paused", "position", "state", "release_id", "master_id", "format_filter",
    "title", "entry_id", "changed_at",
)  # fmt: skip
UNMANAGED_LIST = "(unmanaged)"  # Discogs wants that no list manages, in the same table


def want_rows(seen: WantsOverview) -> Iterator[dict[str, Any]]:
    """One row per want: every list's entries in order, then the unmanaged wants."""
    for w in seen.lists:
        for e in w.entries:
            title = seen.titles.get(e.release_id or 0) or seen.master_titles.get(e.master_id or 0)
            head = {"list": w.name, "mode": w.mode, "paused": w.paused, "title": title}
            yield head | entry_json(e)
    for u in seen.unmanaged:
        title = f"{u.artist} — {u.title}" if u.artist else u.title
        yield {"list": UNMANAGED_LIST, "state": "live", "release_id": u.release_id, "title": title}


def run_show(args: argparse.Namespace) -> int:
    from gramtui.domain.words import count
    from gramtui.engine import wants

    with command_session(args, daily_backup=False) as session:
        seen = wants.overview(session.engine)
    if args.csv:
        emit_csv(want_rows(seen), WANT_COLUMNS)
        return 0
    if args.json:
        emit_json(
            {
                "automation": seen.automation,
                "cap": seen.cap,
                "live_now": sorted(seen.desired.releases),
                "lists": [
                    {
                        "name": w.name,
                        "mode": w.mode,
                        "paused": w.paused,
                        "spread_start": w.spread_start,
                        "spread_end": w.spread_end,
                        "entries": [entry_json(e) for e in w.entries],
                    }
                    for w in seen.lists
                ],
                "unmanaged": [
                    {
                        "release_id": u.release_id,
                        "artist": u.artist,
                        "title": u.title,
                        "date_added": u.date_added,
                    }
                    for u in seen.unmanaged
                ],
            }
        )
        return 0
    automation = "on" if seen.automation else "off (nothing is changed on Discogs)"
    say(f"Want automation {automation}; {len(seen.desired.releases)} of at most {seen.cap} live.")
    for w in seen.lists:
        flags = " · paused" if w.paused else ""
        spread = f" {w.spread_start}..{w.spread_end}" if w.mode == "spread" else ""
        say(f"\n{w.name}  [{w.mode}{spread}{flags}]  {count(len(w.entries), 'entry', 'entries')}")
        for e in w.entries:
            what = f"release {e.release_id}" if e.release_id else f"master {e.master_id}"
            if e.format_filter:
                what += f" ({e.format_filter})"
            title = seen.titles.get(e.release_id or 0) or seen.master_titles.get(e.master_id or 0)
            say(f"  {e.position:>4}. {e.state:<18} {what}{'  ' + title if title else ''}")
    if seen.unmanaged:
        say(f"\nunmanaged: {len(seen.unmanaged)} Discogs wants in no list (left alone)")
        for u in seen.unmanaged:
            say(f"        release {u.release_id}  {seen.titles.get(u.release_id, '')}")
    if not seen.lists:
        say("No want lists yet: `gramtui wants import FILE`, or press 4 in the app.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from gramtui.domain.wants import WantsError
    from gramtui.domain.words import count
    from gramtui.engine import wants

    try:
        text = read_text_input(args.file)
    except TextInputError as e:
        return fail(f"{e} Nothing was changed.")
    with command_session(args, daily_backup=False) as session:
        try:
            imported = wants.import_text(session.engine, text, replace=args.replace)
        except WantsError as e:
            return fail(f"{args.file}: {e}")
    entries = sum(len(w.entries) for w in imported)
    say(f"imported {count(len(imported), 'want list')} with {count(entries, 'entry', 'entries')}.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from gramtui.engine import wants

    with command_session(args, daily_backup=False):
        sys.stdout.write(wants.export_text())
    return 0


def run_pass(args: argparse.Namespace) -> int:
    from gramtui.engine import wants

    with command_session(args, daily_backup=False) as session:
        report = wants.run_pass(session.engine)
        if args.run and report.automation:
            if not session.token:
                return fail("no Discogs token: set DISCOGS_TOKEN to send the changes.")
            session.runner.run(threading.Event(), until_idle=True)
    plan = report.plan
    if args.json:
        emit_json(
            {
                "automation": report.automation,
                "add": plan.add,
                "remove": plan.remove,
                "removed_by_hand": plan.removed_by_hand,
                "unmanaged": plan.unmanaged,
                "arrived": [
                    {"list": name, "entry_id": entry_id, "release_id": release_id}
                    for name, entry_id, release_id in report.arrived
                ],
                "queued": report.queued,
                "dropped": report.dropped,
                "held_by_failure": report.held_by_failure,
                "master_lookups": report.master_lookups,
            }
        )
        return 0
    verb = "queued" if report.automation else "would (automation is off)"
    say(f"{verb}: add {len(plan.add)}, remove {len(plan.remove)}")
    for name, entry_id, release_id in report.arrived:
        say(f"arrived: {entry_id} of {name!r} (release {release_id} is in the collection)")
    for release_id in plan.removed_by_hand:
        say(f"removed on Discogs by hand, kept off: release {release_id}")
    for release_id in report.held_by_failure:
        say(f"not retried, its last task failed (see `gramtui queue`): release {release_id}")
    return 0
