"""`gramtui rules check|import|export|dry-run|unblock`, `gramtui classify`, `gramtui size`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from gramtui.commands.arguments import id_argument
from gramtui.commands.output import emit_json, emit_json_rows, fail, say
from gramtui.commands.session import command_session
from gramtui.commands.text_input import TextInputError, read_text_input

if TYPE_CHECKING:
    from gramtui.domain.rules import Diagnostic
    from gramtui.engine.rules import BlockedLine, Change, EvaluateReport


# domain.records.Size, spelt out so `--help` imports no domain (tests/cli checks they agree)
SIZES = ("regular", "oversized")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rules", help="check, import, export or dry-run the classification rules")
    actions = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)

    chk = actions.add_parser("check", help="check FILE against the collection (exit 1 if invalid)")
    chk.add_argument("file", metavar="FILE", help="a rule text ('-' for stdin)")
    chk.add_argument("--json", action="store_true")
    chk.set_defaults(func=run_check)

    imp = actions.add_parser("import", help="check FILE, save it as the rules, classify again")
    imp.add_argument("file", metavar="FILE", help="a rule text ('-' for stdin)")
    imp.add_argument(
        "--create-folders",
        action="store_true",
        help="create on Discogs the destination folders that do not exist yet",
    )
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(func=run_import)

    exp = actions.add_parser("export", help="print the saved rules exactly as saved")
    exp.set_defaults(func=run_export)

    dry = actions.add_parser(
        "dry-run", help="what FILE (or the saved rules) would classify and move, changing nothing"
    )
    dry.add_argument("file", metavar="FILE", nargs="?", help="a rule text ('-' for stdin)")
    dry.add_argument("--json", action="store_true")
    dry.set_defaults(func=run_dry_run)

    why = actions.add_parser("explain", help="why a record is classified as it is")
    why.add_argument("instance_id", type=id_argument, metavar="INSTANCE_ID")
    why.add_argument("--file", metavar="FILE", help="explain by these rules, not the saved ones")
    why.set_defaults(func=run_explain)

    unb = actions.add_parser("unblock", help="let the blocked movement rule on LINE move again")
    unb.add_argument("line", type=int, metavar="LINE")
    unb.set_defaults(func=run_unblock)

    cls = sub.add_parser("classify", help="every record's classification by the saved rules")
    cls.add_argument("--json", action="store_true")
    cls.set_defaults(func=run_classify)

    size = sub.add_parser("size", help="mark a record regular or oversized")
    size.add_argument("instance_id", type=id_argument, metavar="INSTANCE_ID")
    size.add_argument("size", choices=SIZES)
    size.set_defaults(func=run_size)


def _read(file: str) -> str:
    from gramtui.engine.rules import RulesError

    try:
        return read_text_input(file)
    except TextInputError as e:
        raise RulesError(str(e).rstrip(".")) from None


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "line": d.line,
        "column": d.column,
        "severity": d.severity,
        "message": d.message,
        "create_folder": d.create_folder,
    }


def blocked_json(b: BlockedLine) -> dict[str, Any]:
    return {"line": b.line, "rule": b.rule.text, "reason": b.rule.reason, "since": b.rule.since}


def change_json(c: Change) -> dict[str, Any]:
    return {
        "instance_id": c.instance_id,
        "release_id": c.release_id,
        "artist": c.artist,
        "title": c.title,
        "old_classification": c.old_label,
        "classification": c.new_label,
        "format_class": c.format_class,
        "from_folder": c.from_folder,
        "to_folder": c.to_folder,
        "rule_line": c.rule_line,
        "move_line": c.move_line,
        "move": c.outcome or None,
    }


def _print_diagnostics(name: str, diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        hint = (
            " (`gramtui rules import FILE --create-folders` creates it, or the Rules pane "
            "offers to)"
            if d.create_folder
            else ""
        )
        say(f"{name}:{d.line}:{d.column}: {d.severity}: {d.message}{hint}")


def _print_blocked(name: str, blocked: list[BlockedLine]) -> None:
    for b in blocked:
        where = f"{name}:{b.line}:1" if b.line is not None else "(a rule no longer in the text)"
        lift = f"; `gramtui rules unblock {b.line}` lifts it" if b.line is not None else ""
        say(
            f"{where}: blocked since {b.rule.since:%Y-%m-%d %H:%M} UTC: `{b.rule.text}`: "
            f"{b.rule.reason}{lift}"
        )


def _refused(name: str, diagnostics: list[Diagnostic]) -> int:
    errors = sum(d.severity == "error" for d in diagnostics)
    return fail(
        f"{name} has {errors} error{'s' if errors != 1 else ''}; nothing was saved or "
        "changed. Fix the lines above and try again."
    )


def run_check(args: argparse.Namespace) -> int:
    from gramtui.domain.rules import has_errors
    from gramtui.engine import rules
    from gramtui.engine.rules import RulesError

    try:
        text = _read(args.file)
    except RulesError as e:
        return fail(str(e), 2)
    with command_session(args, daily_backup=False):
        result = rules.check_text(text)
        blocked = [b for b in rules.blocked(text) if b.line is not None]
    if args.json:
        emit_json(
            {
                "valid": result.rules is not None,
                "diagnostics": [diagnostic_json(d) for d in result.diagnostics],
                "blocked": [blocked_json(b) for b in blocked],
            }
        )
    else:
        _print_diagnostics(args.file, result.diagnostics)
        _print_blocked(args.file, blocked)
    if has_errors(result.diagnostics):
        return 1 if args.json else _refused(args.file, result.diagnostics)
    if not args.json and not result.diagnostics:
        say(f"{args.file}: the rules are valid.")
    return 0


def _report_json(report: EvaluateReport) -> dict[str, Any]:
    return {
        "evaluated": report.evaluated,
        "changed": report.changed,
        "queued": report.queued,
        "held_automation": report.held_automation,
        "held_blocked": report.held_blocked,
        "blocked_now": [
            {"line": b.line, "rule": b.text, "reason": b.reason} for b in report.blocked_now
        ],
        "cancelled": report.cancelled,
    }


def _say_report(report: EvaluateReport) -> None:
    from gramtui.domain.words import count
    from gramtui.engine import rules

    say(
        f"classified {count(report.evaluated, 'record')}: {report.changed} changed, "
        f"{count(len(report.queued), 'move')} queued."
    )
    if report.held_automation:
        say(f"{len(report.held_automation)} moves held: automation.moves is off in the config.")
    if report.held_blocked:
        say(f"{len(report.held_blocked)} moves held by blocked rules (`gramtui rules check`).")
    for b in report.blocked_now:
        say(f"blocked line {b.line} `{b.text}`: {b.reason}")
    for d in report.problems:
        say(f"saved rules:{d.line}:{d.column}: {d.severity}: {d.message}")
    if report.missing_folders:
        say(rules.missing_folder_advice(report.missing_folders))


def run_import(args: argparse.Namespace) -> int:
    from gramtui.engine import rules
    from gramtui.engine.rules import RulesError

    try:
        text = _read(args.file)
    except RulesError as e:
        return fail(str(e), 2)
    with command_session(args, daily_backup=False) as session:
        result = rules.check_text(text)
        missing = [d.create_folder for d in result.diagnostics if d.create_folder]
        if missing and args.create_folders:
            if not session.token:
                return fail("no Discogs token: set DISCOGS_TOKEN to create folders.")
            for name in dict.fromkeys(missing):
                folder = rules.create_folder(session.engine, name)
                say(f"created the Discogs folder {folder.name!r} (id {folder.id}).")
            result = rules.check_text(text)
        if result.rules is None:
            _print_diagnostics(args.file, result.diagnostics)
            return _refused(args.file, result.diagnostics)
        report = rules.save(session.engine, text)
        version = rules.saved()
    if args.json:
        emit_json({"version": version.version if version else None, **_report_json(report)})
        return 0
    _print_diagnostics(args.file, result.diagnostics)  # warnings only
    say(f"saved the rules as version {version.version if version else '?'}.")
    _say_report(report)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from gramtui.engine import rules

    with command_session(args, daily_backup=False):
        text = rules.saved_text()
    # a text file ends with a newline (the editor's text may not)
    sys.stdout.write(text if not text or text.endswith("\n") else text + "\n")
    return 0


def run_dry_run(args: argparse.Namespace) -> int:
    from gramtui.domain.words import count
    from gramtui.engine import rules
    from gramtui.engine.rules import RulesError

    try:
        text = None if args.file is None else _read(args.file)
    except RulesError as e:
        return fail(str(e), 2)
    name = args.file or "saved rules"
    with command_session(args, daily_backup=False) as session:
        run = rules.dry_run(session.engine, text)
    if args.json:
        emit_json(
            {
                "valid": run.valid,
                "automation": run.automation,
                "records": run.records,
                "diagnostics": [diagnostic_json(d) for d in run.diagnostics],
                "classifications": [
                    {"classification": k, "records": v} for k, v in run.labels.items()
                ],
                "changes": [change_json(c) for c in run.changes],
                "held_moves_retried": [change_json(c) for c in run.retried],
                "moves": [change_json(c) for c in run.moves],
                "would_block": [
                    {"line": b.line, "rule": b.text, "reason": b.reason} for b in run.blocks
                ],
                "missing_folders": run.missing_folders,
            }
        )
        return 0 if run.valid else 1
    if not run.valid:
        _print_diagnostics(name, run.diagnostics)
        return _refused(name, run.diagnostics)
    say(
        f"{count(run.records, 'record')}: "
        + ", ".join(f"{v} {k or 'unclassified'}" for k, v in run.labels.items())
    )
    say(
        f"{len(run.changes)} would change classification; {len(run.moves)} would move"
        + ("" if run.automation else " (automation.moves is off: the moves would be held)")
    )
    for c in run.changes:
        say(
            f"  {c.instance_id}  {c.old_label or '-'} -> {c.new_label or '-'}  "
            f"{c.artist} — {c.title}"
        )
    for c in run.moves:
        say(
            f"  move {c.instance_id}  {c.from_folder} -> {c.to_folder}  [{c.outcome}] "
            f"(line {c.move_line})"
        )
    for b in run.blocks:
        say(f"  would block line {b.line} `{b.text}`: {b.reason}")
    if run.missing_folders:
        say(rules.missing_folder_advice(run.missing_folders))
    return 0


def run_explain(args: argparse.Namespace) -> int:
    from gramtui.engine import rules
    from gramtui.engine.rules import RulesError

    try:
        text = None if args.file is None else _read(args.file)
    except RulesError as e:
        return fail(str(e), 2)
    with command_session(args, daily_backup=False) as session:
        try:
            found = rules.explain(session.engine, args.instance_id, text)
        except RulesError as e:
            return fail(str(e))
    for line in found.lines:
        say(line)
    return 0


def run_unblock(args: argparse.Namespace) -> int:
    from gramtui.engine import rules
    from gramtui.engine.rules import RulesError

    with command_session(args, daily_backup=False) as session:
        try:
            report = rules.unblock(session.engine, args.line)
        except RulesError as e:
            return fail(str(e))
    say(f"line {args.line} may move records again.")
    _say_report(report)
    return 0


def run_classify(args: argparse.Namespace) -> int:
    from gramtui.engine import rules
    from gramtui.engine.rules import RulesError

    with command_session(args, daily_backup=False) as session:
        try:
            records = rules.classify_all(session.engine)
        except RulesError as e:
            return fail(str(e))
        missing = rules.check_lenient(rules.saved_text())[1]
    if missing:  # to stderr: stdout stays one record a line (or JSON) for scripts
        sys.stderr.write(f"gramtui: {rules.missing_folder_advice(missing)}\n")
    if args.json:
        emit_json_rows(  # one object at a time: 50,000 dicts at once woke the collector
            ("instance_id", "classification", "format_class", "target_folder", "folder"),
            (
                (r.instance_id, r.classification, r.format_class, r.target_folder, r.folder)
                for r in records
            ),
        )
        return 0
    for r in records:
        target = f" -> {r.target_folder}" if r.target_folder and r.target_folder != r.folder else ""
        say(
            f"{r.instance_id:>12}  {r.classification or '-':<20} {r.format_class or '-':<10} "
            f"{r.folder}{target}"
        )
    return 0


def run_size(args: argparse.Namespace) -> int:
    from gramtui.engine import rules
    from gramtui.engine.rules import RulesError

    with command_session(args, daily_backup=False) as session:
        try:
            report = rules.set_size(session.engine, args.instance_id, args.size)
        except RulesError as e:
            return fail(str(e))
    say(f"record {args.instance_id} is {args.size}.")
    if report.queued:
        say("it now belongs in another folder: the move is queued.")
    return 0
