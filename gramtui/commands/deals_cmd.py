"""`gramtui deals`: the deals found, one poll round now, saved searches, and matching titles
against the local catalogue without calling eBay."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.domain.deals.matching import Match


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("deals", help="eBay listings matched to what you want, scored by worth")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_show)
    actions = p.add_subparsers(dest="deals_command", metavar="ACTION")

    poll = actions.add_parser("poll", help="run one round of every search now (for cron)")
    poll.add_argument("--json", action="store_true")
    poll.set_defaults(func=run_poll)

    match = actions.add_parser("match", help="match listing titles against the local catalogue")
    match.add_argument("title", nargs="?", metavar="TITLE")
    match.add_argument("--file", metavar="FILE", help="one title a line ('-' for stdin)")
    match.add_argument("--json", action="store_true")
    match.set_defaults(func=run_match)

    search = actions.add_parser("search", help="saved searches: add, list, remove, pause, resume")
    which = search.add_subparsers(dest="search_command", metavar="ACTION", required=True)
    add = which.add_parser("add", help="save a search")
    add.add_argument("name")
    add.add_argument("query")
    add.add_argument("--formats", default="", help="vinyl, cd, cassette (comma-separated)")
    add.add_argument("--max-price", default="", help="highest price, in the listing's currency")
    add.add_argument("--min-score", default="", help="alert from this score (0.30 = 30%% under)")
    add.add_argument("--interval", type=int, default=0, help="minutes between polls (at least)")
    add.set_defaults(func=run_search_add)
    listed = which.add_parser("list", help="list saved searches")
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(func=run_search_list)
    for name, helptext, func in (
        ("remove", "delete a saved search", run_search_remove),
        ("pause", "stop polling a saved search", run_search_pause),
        ("resume", "poll a paused search again", run_search_resume),
    ):
        one = which.add_parser(name, help=helptext)
        one.add_argument("name")
        one.set_defaults(func=func)


def visible(text: str) -> str:
    """Listing text is data: control characters (terminal escapes) shown, never obeyed."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def run_show(args: argparse.Namespace) -> int:
    from gramtui.engine import deals

    with command_session(args, daily_backup=False) as session:
        lines = deals.deal_lines(session.engine)
    if args.json:
        emit_json([d.json() for d in lines])
        return 0
    if not lines:
        say("No deals yet: `gramtui deals poll` searches eBay for your wants and saved searches.")
        return 0
    for d in lines:
        score = f"{float(d.score) * 100:+.0f}%" if d.score else "   n/c"
        ship = f" + {d.shipping}" if d.shipping is not None else " + ?"
        worth = f"worth {d.worth} ({d.worth_source})" if d.worth else d.worth_source or "no worth"
        target = f"release {d.release_id}" if d.release_id else f"master {d.master_id}"
        flag = " !" if d.alerted else ""
        say(f"{score:>6}{flag}  {d.price}{ship} {d.currency}  {visible(d.title)}")
        say(f"        {worth}; {target} by {d.method} {d.confidence:.2f}; {d.url}")
    return 0


def run_poll(args: argparse.Namespace) -> int:
    from gramtui.engine import deals

    with command_session(args, daily_backup=False) as session:
        summary = deals.poll_round(session.engine, session.runner, discogs=bool(session.token))
    if args.json:
        emit_json(
            {
                "searches": summary.searches,
                "calls_used": summary.calls,
                "listings_seen": summary.listings_seen,
                "new_listings": summary.new_listings,
                "new_deals": summary.new_deals,
                "budget_used_today": summary.budget_used,
                "daily_budget": summary.budget_limit,
                "errors": summary.errors,
                "note": summary.note,
            }
        )
    else:
        say(
            f"{summary.searches} searches, {summary.calls} eBay calls "
            f"({summary.budget_used} of {summary.budget_limit} today), "
            f"{summary.listings_seen} listings seen, {summary.new_listings} new, "
            f"{summary.new_deals} new deals."
        )
        if summary.note:
            say(summary.note)
    for error in summary.errors:
        sys.stderr.write(f"gramtui: {error}\n")
    return 1 if summary.errors else 0


def match_json(title: str, m: Match) -> dict[str, Any]:
    return {
        "title": title,
        "release_id": m.release_id,
        "master_id": m.master_id,
        "method": m.method if m.matched else None,
        "confidence": m.confidence if m.matched else None,
        "reason": m.reason,
    }


def run_match(args: argparse.Namespace) -> int:
    from gramtui.engine import deals

    if (args.title is None) == (args.file is None):
        return fail("give one TITLE, or --file FILE with one title a line.")
    if args.file is not None:
        try:
            raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            return fail(f"cannot read {args.file} ({e}); give a UTF-8 text file, one title a line.")
        titles = [line.strip() for line in raw.splitlines() if line.strip()]
    else:
        titles = [args.title]
    with command_session(args, daily_backup=False) as session:
        found = deals.match_titles(session.engine, titles)
    if args.json:
        emit_json([match_json(t, m) for t, m in zip(titles, found, strict=True)])
        return 0
    for title, m in zip(titles, found, strict=True):
        if m.matched:
            target = f"release {m.release_id}" if m.release_id else f"master {m.master_id}"
            say(f"{visible(title)}\n  -> {target} by {m.method} ({m.confidence:.2f}): {m.reason}")
        else:
            say(f"{visible(title)}\n  -> no match: {visible(m.reason)}")
    return 0


def run_search_add(args: argparse.Namespace) -> int:
    from gramtui.engine import deals

    with command_session(args, daily_backup=False) as session:
        try:
            saved = deals.add_search(
                session.engine,
                args.name,
                args.query,
                formats=args.formats,
                max_price=args.max_price,
                min_score=args.min_score,
                interval_minutes=args.interval,
            )
        except deals.DealsError as e:
            return fail(str(e))
    say(f"saved search {saved.name!r}: {saved.query}")
    return 0


def run_search_list(args: argparse.Namespace) -> int:
    from gramtui.engine import deals

    with command_session(args, daily_backup=False) as session:
        saved = deals.saved_searches(session.engine)
        schedule = deals.plan(session.engine)
    if args.json:
        emit_json(
            [
                {
                    "name": x.name,
                    "query": x.query,
                    "formats": list(x.formats),
                    "max_price": str(x.max_price) if x.max_price is not None else None,
                    "min_score": str(x.min_score) if x.min_score is not None else None,
                    "interval_minutes": x.interval_minutes,
                    "paused": x.paused,
                }
                for x in saved
            ]
        )
        return 0
    if not saved:
        say("No saved searches: `gramtui deals search add NAME QUERY`.")
    for x in saved:
        flags = [", ".join(x.formats)] if x.formats else []
        if x.max_price is not None:
            flags.append(f"at most {x.max_price}")
        if x.min_score is not None:
            flags.append(f"score from {x.min_score}")
        if x.paused:
            flags.append("paused")
        say(f"{x.name}: {x.query}" + (f"  [{'; '.join(flags)}]" if flags else ""))
    say(
        f"{schedule.searches} searches in all, one round every {schedule.interval_minutes} "
        f"minutes. {schedule.note}".rstrip()
    )
    return 0


def _named(args: argparse.Namespace, verb: str) -> int:
    from gramtui.engine import deals

    with command_session(args, daily_backup=False) as session:
        try:
            if verb == "remove":
                deals.remove_search(session.engine, args.name)
            else:
                deals.pause_search(session.engine, args.name, verb == "pause")
        except deals.DealsError as e:
            return fail(str(e))
    say({"remove": "removed", "pause": "paused", "resume": "resumed"}[verb] + f" {args.name!r}")
    return 0


def run_search_remove(args: argparse.Namespace) -> int:
    return _named(args, "remove")


def run_search_pause(args: argparse.Namespace) -> int:
    return _named(args, "pause")


def run_search_resume(args: argparse.Namespace) -> int:
    return _named(args, "resume")
