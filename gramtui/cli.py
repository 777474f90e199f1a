"""The `gramtui` command: the TUI by default, and headless subcommands for scripts and cron."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from gramtui import __version__
from gramtui.commands import (
    backup_cmd,
    deals_cmd,
    dump_cmd,
    layout_cmd,
    listings_cmd,
    moves_cmd,
    org_cmd,
    queue_cmd,
    records_cmd,
    release_cmd,
    rules_cmd,
    sales_cmd,
    sandbox_cmd,
    search_cmd,
    sql_cmd,
    stats_cmd,
    sync_cmd,
    wants_cmd,
)

COMMANDS = [
    sync_cmd,
    records_cmd,
    org_cmd,
    layout_cmd,
    rules_cmd,
    moves_cmd,
    listings_cmd,
    sales_cmd,
    wants_cmd,
    queue_cmd,
    backup_cmd,
    sandbox_cmd,
    deals_cmd,
    dump_cmd,
    stats_cmd,
    sql_cmd,
    release_cmd,
    search_cmd,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gramtui",
        description="Shelves, rules, a sales ladder and want lists for your Discogs collection.",
    )
    parser.add_argument("--version", action="version", version=f"gramtui {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in sandbox and sample collection (no account needed)",
    )
    parser.add_argument("--data-dir", help="where the database, backups and logs live")
    parser.add_argument("--config", help="the config file (TOML)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit does not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test's captured stdout)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # `--help` and usage errors exit here, before the imports below

    from gramtui.discogs.errors import DiscogsError
    from gramtui.domain.text import printable
    from gramtui.ebay.errors import EbayError
    from gramtui.settings.config import ConfigError
    from gramtui.store.db import StoreError

    try:
        if args.command is None:
            from gramtui.ui.launch import run_tui

            return run_tui(args)
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader gone away (`| head -1`) shows here, not at exit
        return code
    except (ConfigError, StoreError, DiscogsError, EbayError) as e:
        sys.stderr.write(f"gramtui: {printable(str(e), multiline=True)}\n")  # may quote a server
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `gramtui records | head -1`: the reader has what it wanted
        quiet_stdout()
        return 0
    except OSError as e:
        sys.stderr.write(f"gramtui: {e.strerror or e} ({getattr(e, 'filename', '') or ''}).\n")
        return 2
    except Exception as e:  # never a traceback for the user; the log has the details
        logging.getLogger("gramtui").exception("unexpected error")
        from gramtui.discogs.secret import scrub

        sys.stderr.write(
            f"gramtui: unexpected error ({type(e).__name__}: {printable(scrub(str(e)))}). "
            "Details are in the log file.\n"
        )
        return 3
