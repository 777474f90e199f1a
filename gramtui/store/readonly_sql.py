"""Running a user's own query on the database, opened read-only (`gramtui sql`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gramtui.store.db import StoreError


class QueryError(Exception):
    """The query cannot run: the message is one sentence for the user."""


def run_query(
    database: Path, sql: str, limit: int = 100_000
) -> tuple[list[str], list[tuple[object, ...]]]:
    """(column names, rows) of one statement; a write, a syntax error or a second statement is
    refused with QueryError, and nothing in the file can change."""
    if not database.is_file():
        raise StoreError(f"there is no database at {database} yet: run `gramtui sync` first.")
    con = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        con.execute("PRAGMA query_only = 1")
        try:
            cur = con.execute(sql)
            rows = cur.fetchmany(limit)
        except sqlite3.Warning as e:  # "You can only execute one statement at a time."
            raise QueryError(f"{e} Give one SELECT.") from None
        except sqlite3.OperationalError as e:
            message = str(e)
            if "readonly" in message or "read-only" in message or "query_only" in message:
                raise QueryError(
                    "gramtui sql only reads: the database is opened read-only, so "
                    "INSERT, UPDATE, DELETE and schema changes are refused."
                ) from None
            raise QueryError(f"the query does not run: {message}.") from None
        except sqlite3.DatabaseError as e:
            raise QueryError(f"the query does not run: {e}.") from None
        columns = [d[0] for d in cur.description or ()]
        return columns, rows
    finally:
        con.close()
