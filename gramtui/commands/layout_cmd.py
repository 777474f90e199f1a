"""`gramtui layout ORG`, `gramtui locate QUERY`, `gramtui width INSTANCE CM|auto`: where the
records stand, headless."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from gramtui.commands.arguments import id_argument, output_flags
from gramtui.commands.csv_output import emit_csv
from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.domain.placement import Placement
    from gramtui.engine.layouts import Location, ShelfRecord, ShelfView


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("layout", help="an organisation laid out on its shelves, in shelf order")
    p.add_argument("organisation", metavar="ORG", help="the organisation's name")
    output_flags(p, json_help="one object per record, in shelf order")
    p.add_argument("--records", action="store_true", help="list each unit's records too")
    p.set_defaults(func=run_layout)
    loc = sub.add_parser("locate", help="where records matching QUERY stand, with neighbours")
    loc.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help="words of the artist, title, label or cat#, or an instance id",
    )
    loc.add_argument("--json", action="store_true")
    loc.set_defaults(func=run_locate)
    w = sub.add_parser("width", help="set a record's width in cm (or auto: field and format)")
    w.add_argument("instance", type=id_argument, metavar="INSTANCE", help="the instance id")
    w.add_argument("width", metavar="CM|auto")
    w.set_defaults(func=run_width)


PLACEMENT_COLUMNS = (
    "space", "unit", "position", "area", "artist", "title", "label", "catno", "width",
    "instance_id",
)  # fmt: skip


def placement_json(p: Placement, r: ShelfRecord) -> dict[str, object]:
    return {
        "instance_id": p.instance_id,
        "space": p.space,
        "unit": p.unit,
        "position": p.position,
        "index": p.index,
        "width": p.width,
        "area": p.area,
        "artist": r.artist,
        "title": r.title,
        "label": r.label,
        "catno": r.catno,
    }


def _bar(ratio: float, cells: int = 10) -> str:
    solid = min(cells, int(ratio * cells + 1e-9))  # full only when full
    return "█" * solid + "░" * (cells - solid)


def _record_line(p: Placement, r: ShelfRecord) -> str:
    return f"  {p.position:>4}  {r.artist} — {r.title}  [{r.label} {r.catno}]  {p.width:g}"


def _print_layout(view: ShelfView, records: bool) -> None:
    layout, unit = view.layout, view.unit_name
    areas = {"shelf": 0, "oversized": 0, "spill": 0}
    for p in layout.placements:
        areas[p.area] += 1
    say(
        f"{layout.organisation}: {areas['shelf']} on shelves, {areas['oversized']} oversized, "
        f"{areas['spill']} spill ({view.organisation.density}, {view.organisation.fill}) · "
        f"layout {layout.hash[:12]}"
    )
    placements = iter(layout.placements)
    for fill in layout.units:
        say(
            f"{fill.space} {fill.unit:<3} {_bar(fill.ratio)} {fill.used:g}/{fill.capacity:g} "
            f"{unit} · {fill.count} records"
        )
        for _ in range(fill.count):
            p = next(placements)
            if records:
                say(_record_line(p, view.records[p.instance_id]))
    rest = list(placements)
    for area in ("oversized", "spill"):
        in_area = [p for p in rest if p.area == area]
        say(f"{area.capitalize()} area: {len(in_area)} records")
        if records:
            for p in in_area:
                say(_record_line(p, view.records[p.instance_id]))


def run_layout(args: argparse.Namespace) -> int:
    from gramtui.domain.layout import LayoutError
    from gramtui.domain.organisation import OrganisationError
    from gramtui.engine import layouts

    with command_session(args, daily_backup=False) as session:
        try:
            org = layouts.organisation(args.organisation)
            view = layouts.shelf_view(org, session.config, session.engine.clock())
        except (OrganisationError, LayoutError) as e:
            return fail(str(e))
        if args.json:
            emit_json(
                [placement_json(p, view.records[p.instance_id]) for p in view.layout.placements]
            )
        elif args.csv:
            emit_csv(
                (placement_json(p, view.records[p.instance_id]) for p in view.layout.placements),
                PLACEMENT_COLUMNS,
            )
        else:
            _print_layout(view, args.records)
        return 0


def where(p: Placement) -> str:
    if p.area != "shelf":
        return f"{p.area} area, position {p.position}"
    return f"{p.space}, unit {p.unit}, position {p.position}"


def location_json(loc: Location) -> dict[str, object]:
    def neighbour(r: ShelfRecord) -> dict[str, object]:
        return {"instance_id": r.instance_id, "artist": r.artist, "title": r.title}

    return {
        "organisation": loc.organisation,
        **placement_json(loc.placement, loc.record),
        "before": [neighbour(r) for r in loc.before],
        "after": [neighbour(r) for r in loc.after],
    }


def run_locate(args: argparse.Namespace) -> int:
    from gramtui.domain.layout import LayoutError
    from gramtui.domain.neighbours import neighbour_sides
    from gramtui.domain.organisation import OrganisationError
    from gramtui.engine import layouts

    query = " ".join(args.query)
    with command_session(args, daily_backup=False) as session:
        try:
            found = layouts.locate_everywhere(query, session.config, session.engine.clock())
        except (OrganisationError, LayoutError) as e:
            return fail(str(e))
    if args.json:
        emit_json([location_json(loc) for loc in found])
        return 0 if found else 1
    if not found:
        return fail(f"no record in any organisation matches {query!r}.")
    for loc in found:
        r = loc.record
        say(f"{loc.organisation} · {where(loc.placement)} (#{loc.placement.index})")
        say(f"  {r.artist} — {r.title}  [{r.label} {r.catno}]  instance {r.instance_id}")
        sides = neighbour_sides(loc.before, loc.after)
        for side, neighbours in sides:
            say(f"  {side} " + "; ".join(f"{n.artist} — {n.title}" for n in neighbours))
        if not sides:
            say("  alone in its unit")
    return 0


def run_width(args: argparse.Namespace) -> int:
    from gramtui.engine import layouts
    from gramtui.engine.layouts import WidthError

    with command_session(args, daily_backup=False):
        try:
            width = layouts.parse_width(args.width)
            layouts.set_record_width(args.instance, width)
        except WidthError as e:
            return fail(str(e))
    if width is None:
        say(f"Instance {args.instance}: width back to auto (the custom field, else the format).")
    else:
        say(f"Instance {args.instance}: width {width:g} cm; layouts follow at their next look.")
    return 0
