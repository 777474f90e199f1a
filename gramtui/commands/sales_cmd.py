"""`gramtui sales`: the ladder's plan, a simulation, applying it, and the stop switch."""

from __future__ import annotations

import argparse
import threading
from typing import TYPE_CHECKING, Any

from gramtui.commands.output import emit_json, fail, say
from gramtui.commands.session import command_session

if TYPE_CHECKING:
    from gramtui.domain.ladder import PathPoint
    from gramtui.domain.money import Money
    from gramtui.engine.sales import PlannedStep

MAX_WEEKS = 520  # a simulation further ahead than ten years is a typo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sales", help="the sales ladder: plan, simulate, apply, stop or resume")
    actions = p.add_subparsers(dest="sales_command", metavar="ACTION", required=True)

    plan = actions.add_parser("plan", help="each listing's next step, without changing anything")
    plan.add_argument("--json", action="store_true")
    plan.set_defaults(func=run_plan)

    sim = actions.add_parser("simulate", help="the projected price path of every listing")
    sim.add_argument("--weeks", type=int, default=12, help="how far ahead (default 12)")
    sim.add_argument("--json", action="store_true")
    sim.set_defaults(func=run_simulate)

    apply = actions.add_parser(
        "apply", help="queue the changes that are due (needs automation.sales = true)"
    )
    apply.add_argument(
        "--dry-run",
        action="store_true",
        help="plan and log, send nothing (also set by sales.dry_run)",
    )
    apply.add_argument(
        "--run",
        action="store_true",
        help="then send the queued changes to Discogs before returning",
    )
    apply.add_argument(
        "--yes",
        action="store_true",
        help="confirm changing more listings at once than sales.apply_max_share "
        "/ apply_max_count allow",
    )
    apply.add_argument("--json", action="store_true")
    apply.set_defaults(func=run_apply)

    stop = actions.add_parser("stop", help="the stop switch: no price is changed until resume")
    stop.set_defaults(func=run_stop)
    resume = actions.add_parser("resume", help="turn the stop switch off again")
    resume.set_defaults(func=run_resume)


def money(value: Money | None) -> str | None:
    return None if value is None else f"{value.decimal:.2f}"


def step_json(p: PlannedStep) -> dict[str, Any]:
    step, market = p.step, p.market
    return {
        "listing_id": p.listing_id,
        "release_id": p.listing.release_id,
        "artist": p.listing.artist,
        "title": p.listing.title,
        "currency": p.listing.price.currency,
        "phase": step.phase,
        "action": step.action,
        "current_price": money(p.listing.price),
        "new_price": money(step.new_price),
        "next_price": money(p.next_price),
        "next_at": p.next_at,
        "then_price": money(step.next_price),  # after a change due now, the one after it
        "then_at": step.next_at,
        "reason": step.reason,
        "paused": p.paused,
        "median": money(market.median),
        "median_source": market.median_source,
        "low": money(market.low),
        "low_source": market.low_source,
        "refused": [r.reason for r in market.refused],
        "floor": money(p.floor.price),
        "floor_source": p.floor.source,
    }


def point_json(point: PathPoint) -> dict[str, Any]:
    return {
        "at": point.at,
        "price": money(point.price),
        "phase": point.phase,
        "reason": point.reason,
    }


def run_plan(args: argparse.Namespace) -> int:
    from gramtui.engine import sales

    with command_session(args, daily_backup=False) as session:
        planned = sales.plan_all(session.engine)
        why = sales.refusal(session.engine)
    if args.json:
        emit_json({"applies": not why, "refused": why, "listings": [step_json(p) for p in planned]})
        return 0
    say(f"Sales ladder: {why or 'changes are applied'}.")
    for p in planned:
        step = p.step
        nxt = (
            f"{step.next_price} on {step.next_at:%Y-%m-%d}"
            if step.next_at and step.next_price
            else "none in sight"
        )  # after the change due now, if any
        now = f" -> {step.new_price} now" if step.new_price else ""
        floor = f"floor {p.floor.price.decimal:.2f} ({p.floor.source})"
        say(f"{p.listing_id:>11}  {p.listing.price}{now}  [{step.phase}]  next: {nxt}  {floor}")
        say(f"{'':>11}  {p.listing.artist} — {p.listing.title}: {step.reason}")
    if not planned:
        say("No listings For Sale: sync first (`gramtui sync`).")
    return 0


def run_simulate(args: argparse.Namespace) -> int:
    from gramtui.engine import sales

    if not 1 <= args.weeks <= MAX_WEEKS:
        return fail(f"--weeks must be from 1 to {MAX_WEEKS} (ten years), not {args.weeks}.")
    with command_session(args, daily_backup=False) as session:
        paths = sales.simulate(session.engine, args.weeks)
    if args.json:
        emit_json(
            {
                "weeks": args.weeks,
                "listings": [
                    {"listing_id": lid, "path": [point_json(pt) for pt in path]}
                    for lid, path in paths.items()
                ],
            }
        )
        return 0
    for lid, path in paths.items():
        steps = " → ".join(f"{pt.price.decimal:.2f} ({pt.at:%m-%d})" for pt in path)
        currency = path[0].price.currency if path else ""
        say(f"{lid:>11}  {currency}  {steps}")
    return 0


def run_apply(args: argparse.Namespace) -> int:
    from gramtui.engine import sales

    with command_session(args, daily_backup=False) as session:
        report = sales.apply(
            session.engine, dry_run=True if args.dry_run else None, confirmed=args.yes
        )
        if report.bound:
            return fail(
                f"Nothing sent: {report.bound}. Check them with `gramtui sales plan`, "
                "then run `gramtui sales apply --yes` to change them all."
            )
        if args.run and (report.changes or report.refreshing) and not report.dry_run:
            if not session.token:
                return fail("no Discogs token: set DISCOGS_TOKEN to send the changes.")
            session.runner.run(threading.Event(), until_idle=True)
    if args.json:
        emit_json(
            {
                "dry_run": report.dry_run,
                "refused": report.refused,
                "changes": [step_json(p) for p in report.changes],
                "busy": report.busy,
                "held": report.held,
                "stopped": report.stopped,
            }
        )
        return 0
    if report.refused:
        say(f"Nothing done: {report.refused}.")
        return 0
    verb = (
        "would change (dry run, nothing sent)"
        if report.dry_run
        else ("sent" if args.run else "queued")
    )
    say(f"{verb}: {len(report.changes)} prices; held {report.held}, stopped {report.stopped}.")
    for p in report.changes:
        say(f"{p.listing_id:>11}  {p.listing.price} -> {p.step.new_price}  {p.step.reason}")
    for lid in report.busy:
        say(f"{lid:>11}  an earlier change is being sent right now; planned again next time")
    if report.refreshing:
        after = "read again, then planned again" if args.run else "queued to be read again"
        say(f"Market figures of {len(report.refreshing)} releases were too old: {after}.")
    return 0


def run_stop(args: argparse.Namespace) -> int:
    from gramtui.engine import sales

    with command_session(args, daily_backup=False) as session:
        dropped = sales.stop(session.engine)
    say(
        f"Sales stopped: no price is changed until `gramtui sales resume` "
        f"({dropped} queued changes dropped)."
    )
    return 0


def run_resume(args: argparse.Namespace) -> int:
    from gramtui.engine import sales

    with command_session(args, daily_backup=False) as session:
        sales.resume(session.engine)
    say("Sales resumed: due changes go out at the next apply or sync.")
    return 0
