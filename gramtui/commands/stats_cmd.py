"""`gramtui stats [--by …]`: the collection's statistics, the same figures as the Insight pane."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.store.stats import Bar, Chart

BAR_WIDTH = 30


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from gramtui.domain.charts import BY

    p = sub.add_parser("stats", help="statistics of the collection (genres, decades, labels…)")
    p.add_argument("--by", choices=BY, help="one chart (default: the headline and all)")
    p.add_argument("--folder", help="only this folder (name or id)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _amount(bar: Bar) -> str:
    if bar.amount_cents is None:
        return ""
    return f"  {bar.amount_cents / 100:,.2f} {bar.currency}"


def chart_lines(chart: Chart) -> list[str]:
    lines = [chart.title]
    if not chart.bars:
        return [*lines, "  (nothing yet)"]
    widest = max(b.count for b in chart.bars) or 1
    key_width = min(40, max(len(b.key) for b in chart.bars))
    for b in chart.bars:
        key = b.key if len(b.key) <= key_width else b.key[: key_width - 1] + "…"
        bar = "█" * max(1, round(b.count * BAR_WIDTH / widest)) if b.count else ""
        extra = f" ({b.estimated} estimated)" if b.estimated else ""
        extra += f" have, {b.want} want" if b.want is not None else ""
        lines.append(f"  {key:<{key_width}}  {bar} {b.count}{extra}{_amount(b)}")
    if chart.note:
        lines.append(f"  {chart.note}")
    return lines


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict  # here: `--help` stays light

    from gramtui.engine import insight
    from gramtui.store import collection

    with command_session(args, daily_backup=False) as _session:
        folder = None
        if args.folder:
            found = [
                f.id
                for f in collection.folders()
                if str(f.id) == args.folder or f.name == args.folder
            ]
            if not found:
                known = ", ".join(f.name for f in collection.folders()) or "none synced yet"
                return fail(f"no folder called {args.folder!r} (folders: {known}).")
            folder = found[0]
        names = [args.by] if args.by else list(insight.BY)
        charts = {by: insight.chart(by, folder) for by in names}
        if "value" in charts:
            charts["most_valuable"] = insight.most_valuable(folder)
        head = insight.headline(folder)
        if args.json:
            emit_json(
                {
                    "folder": folder,
                    "headline": asdict(head),
                    "charts": {k: asdict(c) for k, c in charts.items()},
                }
            )
            return 0
        value = (
            f"; value {head.value.minimum} / {head.value.median} / {head.value.maximum} "
            f"(min / median / max, {head.value.day})"
            if head.value
            else ""
        )
        say(
            f"{head.records} records, {head.releases} releases, {head.artists} artists, "
            f"{head.labels} labels, {head.formats} formats{value}"
        )
        for chart in charts.values():
            say("")
            for line in chart_lines(chart):
                say(line)
        return 0
