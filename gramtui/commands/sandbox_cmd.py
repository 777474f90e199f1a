"""`gramtui sandbox serve`: the offline Discogs on loopback, for scripts and trying things out."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sandbox", help="the offline Discogs (sandbox)")
    sp = p.add_subparsers(dest="sandbox_command", required=True)
    s = sp.add_parser("serve", help="serve the sandbox over loopback HTTP until Ctrl+C")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--instances", type=int, help="scale the sample collection to N instances")
    s.add_argument("--error-rate", type=float, default=0.0, help="share of answers that are 5xx")
    s.add_argument("--drop-rate", type=float, default=0.0, help="share of dropped connections")
    s.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    s.add_argument(
        "--bad-market",
        choices=("zero", "negative", "huge", "currency"),
        default="",
        help="answer odd market figures (to see that no price follows them)",
    )
    s.add_argument(
        "--pagination-lie",
        default="",
        metavar="MODE",
        help="hostile page figures: pages_one, pages_negative, items_negative, "
        "pages_huge, repeat or cycle",
    )
    s.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from gramtui.sandbox import run_server

    faults = {
        "error_rate": args.error_rate,
        "drop_rate": args.drop_rate,
        "latency": args.latency,
        "bad_market": args.bad_market,
        "pagination_lie": args.pagination_lie,
    }
    run_server(args.port, args.host, args.instances, faults)
    return 0
