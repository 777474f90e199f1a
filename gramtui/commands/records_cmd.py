"""`gramtui records`: the collection as stored, as text or JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from gramtui.commands.arguments import output_flags
from gramtui.commands.csv_output import emit_csv
from gramtui.commands.output import emit_json_items, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.domain.records import Record


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("records", help="list the collection as stored locally")
    output_flags(p)
    p.add_argument("--folder", help="only this folder (name or id)")
    p.set_defaults(func=run)


RECORD_COLUMNS = (
    "instance_id", "release_id", "folder_id", "artist", "title", "year", "labels", "formats",
    "date_added", "rating", "master_id", "size", "fields",
)  # fmt: skip


def record_json(r: Record) -> dict[str, object]:
    rel = r.release
    return {
        "instance_id": r.instance_id,
        "release_id": rel.id,
        "folder_id": r.folder_id,
        "artist": rel.artist,
        "title": rel.title,
        "year": rel.year,
        "labels": [{"name": lb.name, "catno": lb.catno} for lb in rel.labels],
        "formats": [
            {"name": f.name, "qty": f.qty, "descriptions": list(f.descriptions)}
            for f in rel.formats
        ],
        "date_added": r.date_added.isoformat() if r.date_added else None,
        "rating": r.rating,
        "master_id": rel.master_id,
        "size": r.size,
        "fields": r.fields,
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
        records = collection.iter_records(folder_ids)  # streamed: memory stays flat at 50,000
        if args.json:
            emit_json_items(record_json(r) for r in records)
        elif args.csv:
            emit_csv((record_json(r) for r in records), RECORD_COLUMNS)
        else:
            count = 0
            for r in records:
                count += 1
                rel = r.release
                say(
                    f"{r.instance_id:>10}  {rel.artist} — {rel.title}  [{rel.label} {rel.catno}]  {rel.format_summary}"
                )
            say(f"{count} records")
        return 0
