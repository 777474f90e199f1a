"""`gramtui org import FILE.toml | export | list`: organisation definitions, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session
from gramtui.commands.text_input import TextInputError, read_text_input

if TYPE_CHECKING:
    from gramtui.domain.organisation import Organisation


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("org", help="import, export or list the organisations (shelf layouts)")
    actions = p.add_subparsers(dest="org_action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="add the organisations in FILE.toml ('-' for stdin), or update those of "
        "the same name; an invalid file changes nothing",
    )
    imp.add_argument("file")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="make the file's organisations the only ones (the others are deleted)",
    )
    imp.set_defaults(func=run_import)
    exp = actions.add_parser("export", help="print the organisations as TOML (the import format)")
    exp.add_argument("--output", "-o", help="write to this file instead of printing")
    exp.set_defaults(func=run_export)
    lst = actions.add_parser("list", help="the organisations: spaces, units and sources")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run_list)


def run_import(args: argparse.Namespace) -> int:
    from gramtui.domain.organisation import OrganisationError
    from gramtui.engine import layouts

    try:
        text = read_text_input(args.file)
    except TextInputError as e:
        return fail(f"{e} Nothing was changed.")
    with command_session(args, daily_backup=False) as session:
        if not layouts.source_folders():
            return fail("no folders are known yet: run `gramtui sync` first, then import.")
        try:
            result = layouts.import_toml(text, session.engine.clock(), replace=args.replace)
        except OrganisationError as e:
            return fail(f"{args.file}: {e} Nothing was changed.")
        imported = result.added + result.updated
        names = ", ".join(imported) or "none"
        say(f"Imported {len(imported)} organisation{'s' if len(imported) != 1 else ''}: {names}.")
        for verb, changed in (
            ("Added", result.added),
            ("Updated", result.updated),
            ("Removed (--replace)", result.removed),
        ):
            if changed:
                say(f"{verb}: {', '.join(changed)}.")
        return 0


def run_export(args: argparse.Namespace) -> int:
    from gramtui.domain.organisation import OrganisationError
    from gramtui.engine import layouts

    with command_session(args, daily_backup=False):
        try:
            text = layouts.export_toml()
        except OrganisationError as e:
            return fail(str(e))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        say(f"Wrote {args.output}.")
    else:
        sys.stdout.write(text)
    return 0


def org_json(org: Organisation) -> dict[str, object]:
    return {
        "name": org.name,
        "density": org.density,
        "fill": org.fill,
        "grouping": org.grouping,
        "look_ahead": org.look_ahead,
        "oversized": org.oversized,
        "spaces": [{"name": s.name, "units": s.units, "width": s.width} for s in org.spaces],
        "sources": [{"folder": s.folder, "sort": s.sort, "order": s.order} for s in org.sources],
    }


def run_list(args: argparse.Namespace) -> int:
    from gramtui.domain.organisation import OrganisationError
    from gramtui.engine import layouts

    with command_session(args, daily_backup=False):
        try:
            orgs = layouts.organisations()
        except OrganisationError as e:
            return fail(str(e))
    if args.json:
        emit_json([org_json(o) for o in orgs])
        return 0
    if not orgs:
        say(
            "No organisation yet: write one in TOML and run `gramtui org import FILE.toml`, "
            "or press n in the Shelves pane's organisation view."
        )
        return 0
    for org in orgs:
        say(
            f"{org.name}  ({org.density}, {org.fill}, grouping {org.grouping}, "
            f"look-ahead {org.look_ahead}, oversized {org.oversized})"
        )
        for s in org.spaces:
            say(f"  space  {s.name}: {s.units} × {s.width:g}")
        for src in org.sources:
            say(f"  source {src.folder} (sort {src.sort}, order {src.order})")
    return 0
