"""`gramtui sql "SELECT …"`: your own query on the database, opened read-only."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from gramtui.commands.output import emit_json, fail, say

if TYPE_CHECKING:
    pass


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sql", help="run one read-only SQL query on the database (tables: README)")
    p.add_argument("query", metavar="SQL")
    p.add_argument("--json", action="store_true", help="rows as a list of objects")
    p.set_defaults(func=run)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def run(args: argparse.Namespace) -> int:
    from gramtui.settings.paths import resolve_paths  # here: `--help` stays light
    from gramtui.store.readonly_sql import QueryError, run_query

    paths = resolve_paths(args.data_dir, args.config)
    try:
        columns, rows = run_query(paths.database, args.query)
    except QueryError as e:
        return fail(str(e), 2)
    if args.json:
        emit_json([dict(zip(columns, row, strict=True)) for row in rows])
        return 0
    say("\t".join(columns))
    for row in rows:
        say("\t".join(_cell(v) for v in row))
    return 0
