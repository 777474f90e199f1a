"""`gramtui search QUERY`: search Discogs' database for a release or a master to want."""

from __future__ import annotations

import argparse

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search", help="search Discogs for a release or master (words, catalogue number, barcode)"
    )
    p.add_argument(
        "query", nargs="+", metavar="QUERY", help="artist, title, label, cat# or barcode"
    )
    p.add_argument("--type", choices=("release", "master"), default="release", dest="kind")
    p.add_argument("--format", default="", help='only this format, e.g. Vinyl, CD, "7\\""')
    p.add_argument("--year", type=int, help="only releases of this year")
    p.add_argument("--limit", type=int, default=25, help="at most this many results (1-100)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict  # here: `--help` stays light

    from gramtui.engine.discogs_search import SearchError, describe_hit, search

    if not 1 <= args.limit <= 100:
        return fail(f"--limit {args.limit}: ask for 1 to 100 results.")
    with command_session(args, daily_backup=False) as session:
        try:
            hits = search(
                session.engine,
                " ".join(args.query),
                kind=args.kind,
                format=args.format,
                year=args.year,
                limit=args.limit,
            )
        except SearchError as e:
            return fail(str(e))
    if args.json:
        emit_json([asdict(h) | {"name": h.name} for h in hits])
        return 0
    for h in hits:
        say(describe_hit(h))
    noun = "master" if args.kind == "master" else "release"
    say(
        f"{len(hits)} {noun}{'' if len(hits) == 1 else 's'} found"
        + (
            "; want one with `gramtui wants import` (r<id> or m<id>) or `a` in the Wants pane (4)."
            if hits
            else "; try fewer or other words, or --type master."
        )
    )
    return 0
