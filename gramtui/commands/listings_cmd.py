"""`gramtui listings`: the marketplace inventory as synced."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from gramtui.commands.arguments import output_flags
from gramtui.commands.csv_output import emit_csv
from gramtui.commands.output import emit_json, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.domain.marketplace import Listing


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("listings", help="list your marketplace listings as synced")
    p.add_argument("--status", help='only this status, e.g. "For Sale"')
    output_flags(p)
    p.set_defaults(func=run)


LISTING_COLUMNS = (
    "listing_id", "release_id", "instance_id", "status", "price", "currency", "condition",
    "sleeve_condition", "posted", "artist", "title",
)  # fmt: skip


def listing_json(x: Listing) -> dict[str, object]:
    return {
        "listing_id": x.listing_id,
        "release_id": x.release_id,
        "instance_id": x.instance_id,
        "status": x.status,
        "price": str(x.price.decimal),
        "price_cents": x.price.cents,
        "currency": x.price.currency,
        "condition": x.condition,
        "sleeve_condition": x.sleeve_condition,
        "posted": x.posted.isoformat() if x.posted else None,
        "artist": x.artist,
        "title": x.title,
    }


def run(args: argparse.Namespace) -> int:
    from gramtui.store import marketplace

    with command_session(args, daily_backup=False):
        listings = marketplace.load_listings()
        if args.status:  # "sold" finds "Sold": statuses match without regard to case
            wanted = args.status.strip().casefold()
            statuses = sorted({x.status for x in listings})
            listings = [x for x in listings if x.status.casefold() == wanted]
            if not listings and not (args.json or args.csv):
                say(f"No listing is {args.status!r} (statuses: {', '.join(statuses) or 'none'}).")
                return 0
        if args.json:
            emit_json([listing_json(x) for x in listings])
            return 0
        if args.csv:
            emit_csv((listing_json(x) for x in listings), LISTING_COLUMNS)
            return 0
        for x in listings:
            linked = f"instance {x.instance_id}" if x.instance_id else "not in collection"
            say(
                f"{x.listing_id:>12}  {x.status:<9} {x.price!s:>12}  {x.condition:<22} "
                f"{x.artist} — {x.title}  ({linked})"
            )
        say(f"{len(listings)} listing{'' if len(listings) == 1 else 's'}")
        return 0
