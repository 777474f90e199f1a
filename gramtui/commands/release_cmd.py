"""`gramtui release ID`: everything stored about a release (the dump catalogue, else the sync)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.store.catalogue_read import ReleaseDetail


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("release", help="everything stored about one release")
    p.add_argument("release_id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def detail_lines(d: ReleaseDetail) -> list[str]:
    first = f", first released {d.master_year}" if d.master_year else ""
    lines = [
        f"{d.artist} — {d.title}",
        f"release {d.id}" + (f" · master {d.master_id}{first}" if d.master_id else ""),
        f"year {d.year or '?'}"
        + (f" · released {d.released}" if d.released else "")
        + (f" · {d.country}" if d.country else ""),
    ]
    for lb in d.labels:
        lines.append(f"label: {lb.name} · {lb.catno}")
    for s in d.series:
        lines.append(f"series: {s.name}" + (f" · {s.catno}" if s.catno else ""))
    for f in d.formats:
        head = f"{f.qty}×{f.name}" if f.qty > 1 else f.name
        lines.append("format: " + ", ".join([head, *f.descriptions, *([f.text] if f.text else [])]))
    if d.genres:
        lines.append("genres: " + ", ".join(d.genres))
    if d.styles:
        lines.append("styles: " + ", ".join(d.styles))
    for c in d.extraartists:
        lines.append(f"credit: {c.role} — {c.anv or c.name}")
    for i in d.identifiers:
        lines.append(f"{i.type}: {i.value}" + (f" ({i.description})" if i.description else ""))
    for t in d.tracks:
        lines.append(f"  {t.position:<6} {t.title}" + (f"  {t.duration}" if t.duration else ""))
    for instance_id, folder in d.copies:
        lines.append(f"in the collection: instance {instance_id} in {folder}")
    if d.source == "collection":
        lines.append("(from the sync; load a releases dump for tracks, identifiers and credits)")
    return lines


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict  # here: `--help` stays light

    from gramtui.engine import insight

    with command_session(args, daily_backup=False) as _session:
        detail = insight.release_detail(args.release_id)
        if detail is None:
            return fail(
                f"release {args.release_id} is neither in the catalogue nor in your collection or "
                "wantlist: load a dump with `gramtui dump ingest`, or sync."
            )
        if args.json:
            emit_json(asdict(detail))
            return 0
        for line in detail_lines(detail):
            say(line)
        return 0
