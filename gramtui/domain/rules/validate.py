"""Checking a parsed rule set against the collection: fields and folders that exist, names that
resolve, classifications that some rule produces, and moves that would never settle."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from gramtui.domain.rules.ast import (
    AgeTest,
    Compare,
    Condition,
    Define,
    FieldRef,
    Name,
    RuleSet,
    SetTest,
    atoms_of,
)
from gramtui.domain.rules.cycles import find_cycles
from gramtui.domain.rules.diagnostics import Diagnostic, has_errors
from gramtui.domain.rules.names import Names, name_key, names_of
from gramtui.domain.rules.parser import MAX_DEPTH, parse_rules

# How many defines may build on each other (`define b = a`, `define c = b`, ...). Checking,
# classifying and explaining follow such a chain on the stack; deeper is surely a mistake.
MAX_DEFINE_DEPTH = 50


@dataclass(frozen=True, slots=True)
class RuleContext:
    """The collection's Discogs folder names and custom field names."""

    folders: frozenset[str] | set[str]
    fields: frozenset[str] | set[str]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """`rules` is None unless the text parses and validates without errors (warnings allowed)."""

    rules: RuleSet | None
    diagnostics: list[Diagnostic]


def check(text: str, ctx: RuleContext) -> CheckResult:
    """Parse and validate; the only way to get a rule set that is safe to save and apply."""
    parsed = parse_rules(text)
    if parsed.rules is None:
        return CheckResult(None, parsed.diagnostics)
    try:
        diagnostics = parsed.diagnostics + validate(parsed.rules, ctx)
    except RecursionError:  # a safety net: the depth limits below should make this unreachable
        return CheckResult(
            None,
            [
                Diagnostic(
                    1,
                    1,
                    "the rules nest too deeply to check; use fewer "
                    f"parentheses (at most {MAX_DEPTH}) and shorter "
                    f"chains of defines (at most {MAX_DEFINE_DEPTH})",
                )
            ],
        )
    return CheckResult(None if has_errors(diagnostics) else parsed.rules, diagnostics)


def validate(rules: RuleSet, ctx: RuleContext) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    names = names_of(rules)
    _check_names_clash(rules, names, out)
    seen_defines: dict[str, Define] = {}
    earlier: set[str] = set()
    chain: dict[str, int] = {}  # name_key -> how many defines it stands on, itself included
    too_deep = False
    for define in sorted(rules.defines, key=lambda d: d.line or 0):
        key = name_key(define.name)
        if key in seen_defines:
            out.append(
                Diagnostic(
                    define.line or 0,
                    define.column,
                    f"'{define.name}' is already defined on line "
                    f"{seen_defines[key].line}; rename or remove one",
                )
            )
        seen_defines.setdefault(key, define)
        _check_condition(define.condition, "define", define.line or 0, names, ctx, out, earlier)
        chain[key] = 1 + max(
            (
                chain.get(name_key(a.text), 0)
                for a in atoms_of(define.condition)
                if isinstance(a, Name)
            ),
            default=0,
        )
        if chain[key] > MAX_DEFINE_DEPTH and not too_deep:
            too_deep = True
            out.append(
                Diagnostic(
                    define.line or 0,
                    define.column,
                    f"'{define.name}' stands on a chain of {chain[key]} defines; "
                    f"at most {MAX_DEFINE_DEPTH} may build on each other, so write "
                    "some of them out in full",
                )
            )
        earlier.add(key)
    for rule in rules.formats:
        _check_condition(rule.condition, "formats", rule.line or 0, names, ctx, out)
    for classification in rules.classifications:
        _check_condition(
            classification.condition, "classification", classification.line, names, ctx, out
        )
    for movement in rules.movements:
        _check_condition(movement.condition, "movement", movement.line, names, ctx, out)
        _check_movement_names_label(movement.condition, movement.line, names, out)
        _check_destination(
            movement.destination, movement.line, movement.destination_column, ctx, out
        )
    if not too_deep:  # following the chain would exhaust the stack
        out.extend(find_cycles(rules, names))
    return sorted(out, key=lambda d: (d.line, d.column))


def _suggest(word: str, options: Iterable[str]) -> str:
    pool = list(options)
    folded = {o.casefold(): o for o in pool}
    if word.casefold() in folded:
        return f"; did you mean '{folded[word.casefold()]}'?"
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_names_clash(rules: RuleSet, names: Names, out: list[Diagnostic]) -> None:
    for rule in rules.classifications:
        key = name_key(rule.label)
        if key in names.formats or key in names.defines:
            out.append(
                Diagnostic(
                    rule.line,
                    1,
                    f"classification '{rule.label}' has the same "
                    "name as a format class or a define; rename the "
                    "classification",
                )
            )
    for define in rules.defines:
        key = name_key(define.name)
        if key in names.labels or key in names.formats:
            out.append(
                Diagnostic(
                    define.line or 0,
                    define.column,
                    f"'{define.name}' is also a classification or format class; "
                    "give the define another name",
                )
            )


def _check_condition(
    condition: Condition,
    section: str,
    line: int,
    names: Names,
    ctx: RuleContext,
    out: list[Diagnostic],
    earlier_defines: set[str] | None = None,
) -> None:
    for atom in atoms_of(condition):
        if isinstance(atom, Name):
            _check_name(atom, section, names, ctx, out, earlier_defines)
        elif isinstance(atom, Compare | SetTest | AgeTest):
            _check_field(atom.ref, ctx, out)
            if isinstance(atom, Compare):
                _check_compare(atom, names, ctx, out)
        if (
            section == "formats"
            and isinstance(atom, Compare | SetTest)
            and not atom.ref.custom
            and atom.ref.name == "format"
        ):
            out.append(
                Diagnostic(
                    line,
                    atom.ref.column,
                    "format lines decide the format class, so they cannot test it",
                )
            )


def _check_field(ref: FieldRef, ctx: RuleContext, out: list[Diagnostic]) -> None:
    if ref.custom and ref.name not in ctx.fields:
        out.append(
            Diagnostic(
                ref.line,
                ref.column,
                f"unknown custom field '{ref.name}'{_suggest(ref.name, ctx.fields)}"
                "; add it on Discogs or fix the name",
            )
        )


def _check_compare(atom: Compare, names: Names, ctx: RuleContext, out: list[Diagnostic]) -> None:
    field, value = atom.ref, atom.value.text
    if field.custom or atom.op not in ("=", "!="):
        return
    if field.name == "format" and name_key(value) not in names.formats:
        known = ", ".join(names.formats.values())
        out.append(
            Diagnostic(
                atom.line,
                atom.column,
                f"unknown format class '{value}'; format lines make: {known}",
            )
        )
    if field.name == "folder" and value not in ctx.folders:
        out.append(
            Diagnostic(
                atom.line,
                atom.column,
                f"there is no folder named '{value}'{_suggest(value, ctx.folders)}",
                "warning",
            )
        )


def _check_name(
    node: Name,
    section: str,
    names: Names,
    ctx: RuleContext,
    out: list[Diagnostic],
    earlier_defines: set[str] | None,
) -> None:
    found = names.resolve(node.text, section)
    key = name_key(node.text)
    if found is None:
        if key in names.labels:
            message = (
                f"'{node.text}' is a classification; classifications can be tested only "
                "in [movement] rules"
            )
        elif section == "movement":
            message = (
                f"no classification rule produces '{node.text}' and it is not a format "
                f"class{_suggest(node.text, [*names.labels.values(), *names.formats.values()])}"
                "; add a classification rule ending in "
                f"-> {node.text}, or fix the name"
            )
        else:
            options = [*names.formats.values(), *(d.name for d in names.defines.values())]
            message = (
                f"unknown name '{node.text}'{_suggest(node.text, options)}; "
                f"define it (define {node.text} = ...) or use a format class"
            )
        out.append(Diagnostic(node.line, node.column, message))
        return
    kind, target = found
    if kind != "define":
        return
    assert isinstance(target, Define)
    if target.line is None:  # a built-in predicate: the fields it reads must exist
        for atom in atoms_of(target.condition):
            if (
                isinstance(atom, Compare | SetTest | AgeTest)
                and atom.ref.custom
                and atom.ref.name not in ctx.fields
            ):
                out.append(
                    Diagnostic(
                        node.line,
                        node.column,
                        f"{node.text} tests the custom field '{atom.ref.name}', which your "
                        f"collection does not have; add it on Discogs or define {node.text} yourself",
                    )
                )
    elif earlier_defines is not None and key not in earlier_defines:
        out.append(
            Diagnostic(
                node.line,
                node.column,
                f"'{node.text}' is defined on line {target.line}, not above this "
                "line; a define may use only the defines before it",
            )
        )


def _check_movement_names_label(
    condition: Condition, line: int, names: Names, out: list[Diagnostic]
) -> None:
    for atom in atoms_of(condition):
        if isinstance(atom, Name):
            found = names.resolve(atom.text, "movement")
            if found is not None and found[0] == "label":
                return
    out.append(
        Diagnostic(
            line,
            1,
            "this movement rule names no classification; start it with "
            "one (e.g. to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile)",
        )
    )


def _check_destination(
    folder: str, line: int, column: int, ctx: RuleContext, out: list[Diagnostic]
) -> None:
    if folder in ctx.folders:
        return
    near = {f.casefold(): f for f in ctx.folders}.get(folder.casefold())
    if near is not None:
        out.append(
            Diagnostic(
                line,
                column,
                f"there is no folder '{folder}'; did you mean "
                f"'{near}'? (folder names are matched exactly)",
            )
        )
        return
    out.append(
        Diagnostic(
            line,
            column,
            f"there is no folder '{folder}'; create it on Discogs or pick an existing folder",
            create_folder=folder,
        )
    )
