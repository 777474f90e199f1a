"""`gramtui records`: the collection as stored, as text or JSON."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from gramtui.commands.arguments import output_flags
from gramtui.commands.csv_output import emit_csv
from gramtui.commands.output import emit_json_items, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.store.collection import ListingRow


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("records", help="list the collection as stored locally")
    output_flags(p)
    p.add_argument("--folder", help="only this folder (name or id)")
    p.set_defaults(func=run)


RECORD_COLUMNS = (
    "instance_id", "release_id", "folder_id", "artist", "title", "year", "labels", "formats",
    "date_added", "rating", "master_id", "size", "fields",
)  # fmt: skip


def listing_json(row: ListingRow) -> dict[str, object]:
    """One instance as `records --json` prints it, from a plain row (no Record built)."""
    iid, rid, folder_id, artist, title, year, added, rating, master_id, size, fields = row[:11]
    return {
        "instance_id": iid,
        "release_id": rid,
        "folder_id": folder_id,
        "artist": artist,
        "title": title,
        "year": year,
        "labels": [{"name": name, "catno": catno} for name, catno in row[11]],
        "formats": [{"name": f[0], "qty": int(f[1]), "descriptions": f[2]} for f in row[12]],
        "date_added": added and datetime.fromisoformat(added).isoformat(),
        "rating": rating,
        "master_id": master_id,
        "size": size,
        "fields": fields,
    }


def run(args: argparse.Namespace) -> int:
    from gramtui.store import collection

    with command_session(args, daily_backup=False) as _session:
        folder_ids = None
        if args.folder:
            folders = collection.folders()
            match = [f.id for f in folders if str(f.id) == args.folder or f.name == args.folder]
            if not match:
                names = ", ".join(f.name for f in folders) or "none synced yet"
                from gramtui.commands.output import fail

                return fail(f"no folder called {args.folder!r} (folders: {names}).")
            folder_ids = match
        if args.json or args.csv:  # streamed: memory stays flat at 50,000
            items = (listing_json(row) for row in collection.iter_listing(folder_ids))
            if args.json:
                emit_json_items(items)
            else:
                emit_csv(items, RECORD_COLUMNS)
        else:
            records = collection.iter_records(folder_ids)
            count = 0
            for r in records:
                count += 1
                rel = r.release
                say(
                    f"{r.instance_id:>10}  {rel.artist} — {rel.title}  [{rel.label} {rel.catno}]  {rel.format_summary}"
                )
            say(f"{count} records")
        return 0
