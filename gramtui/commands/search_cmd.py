"""`gramtui search QUERY`: search Discogs' database for a release or a master to want."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.discogs.search import SearchHit


def register(sub: argparse._SubParsersAction) -> None:
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


def hit_line(h: SearchHit) -> str:
    """One result as a person reads it: which id to want, then what it is."""
    label = f"  [{h.labels[0]} {h.catno}]" if h.labels else (f"  [{h.catno}]" if h.catno else "")
    where = " · ".join(str(x) for x in (", ".join(h.formats[:3]), h.country, h.year) if x)
    return f"{h.name:>10}  {h.artist} — {h.title}{label}" + (f"  {where}" if where else "")


def run(args: argparse.Namespace) -> int:
    from gramtui.engine.discogs_search import SearchError, search

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
        say(hit_line(h))
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
