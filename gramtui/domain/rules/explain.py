"""Why a record is classified as it is: each rule line tried, in order, until the first match,
with the sub-condition that decided it and the record's actual value."""

from __future__ import annotations

from datetime import datetime

from gramtui.domain.records import Record
from gramtui.domain.rules.ast import All, AnyOf, Condition, Contains, Define, Name, Not, RuleSet
from gramtui.domain.rules.atoms import atom_parts
from gramtui.domain.rules.canonical import atom_text, condition_text, field_text
from gramtui.domain.rules.compile import compile_rules
from gramtui.domain.rules.facts import RecordFacts, Subject
from gramtui.domain.rules.lexer import quote
from gramtui.domain.rules.names import Names, name_key, names_of


def explain(rules: RuleSet, record: Record, facts: RecordFacts, now: datetime) -> list[str]:
    names = names_of(rules)
    subject, result = compile_rules(rules, now).subject(record, facts)
    why = _Why(names, subject, now)
    out = [f"format tokens: {', '.join(sorted(subject.tokens)) or 'none'}"]
    sections = (
        (
            "format",
            [(r.condition, r.format_class, r.line) for r in names.format_rules],
            "formats",
            result.format_class,
        ),
        (
            "classification",
            [(r.condition, r.label, r.line) for r in rules.classifications],
            "classification",
            result.label,
        ),
        (
            "movement",
            [(r.condition, r.destination, r.line) for r in rules.movements],
            "movement",
            result.destination,
        ),
    )
    for title, lines, section, outcome in sections:
        decided: int | None = None
        for index, (condition, target, line) in enumerate(lines):
            ok, reason = why.condition(condition, section)
            where = f"line {line}" if line is not None else "built-in"
            verdict = "matched" if ok else "failed"
            out.append(
                f"{title}: {where} `{condition_text(condition)} -> {target}` {verdict}: {reason}"
            )
            if ok:
                decided = index
                break
        if decided is not None and decided + 1 < len(lines):
            rest = [str(line) for _, _, line in lines[decided + 1 :] if line is not None]
            if rest:
                out.append(
                    f"{title}: line{'s' if len(rest) > 1 else ''} {', '.join(rest)} "
                    "not checked (first match wins)"
                )
        out.append(
            _outcome(title, outcome, facts, lines[decided][2] if decided is not None else None)
        )
    return out


def _outcome(title: str, outcome: str | None, facts: RecordFacts, line: int | None) -> str:
    by = f"line {line}" if line is not None else "built-in line"
    if title == "movement":
        if outcome is None:
            return f"destination: none, the record stays in {quote(facts.folder_name)}"
        where = (
            "already there"
            if outcome == facts.folder_name
            else f"now in {quote(facts.folder_name)}"
        )
        return f"destination: {quote(outcome)} by {by} ({where})"
    if outcome is None:
        return f"{title}: none (no {title} line matched)"
    return f"{title}: {outcome} by {by}"


def show(value: object) -> str:
    if value is None:
        return "unset"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, frozenset):
        return ", ".join(sorted(value))
    return str(value)


class _Why:
    def __init__(self, names: Names, subject: Subject, now: datetime) -> None:
        self.names = names
        self.subject = subject
        self.now = now

    def condition(self, node: Condition, section: str) -> tuple[bool, str]:
        if isinstance(node, Not):
            ok, reason = self.condition(node.operand, section)
            return not ok, reason
        if isinstance(node, All | AnyOf):
            reasons: list[str] = []
            for operand in node.operands:
                ok, reason = self.condition(operand, section)
                if ok == isinstance(node, AnyOf):  # the first operand that decides
                    return ok, reason
                reasons.append(reason)
            return not isinstance(node, AnyOf), "; ".join(reasons)
        if isinstance(node, Name):
            return self.name(node, section)
        read, test = atom_parts(node, self.now)
        value = read(self.subject)
        ok = test(value)
        subject = "formats" if isinstance(node, Contains) else field_text(node.ref)
        return ok, f"{atom_text(node)} is {'true' if ok else 'false'} ({subject}: {show(value)})"

    def name(self, node: Name, section: str) -> tuple[bool, str]:
        found = self.names.resolve(node.text, section)
        if found is None:
            return False, f"{node.text} is not defined"
        kind, target = found
        if kind == "define":
            assert isinstance(target, Define)
            ok, reason = self.condition(target.condition, "define")
            return ok, f"{node.text} is {'true' if ok else 'false'} because {reason}"
        s = self.subject
        if kind == "label":
            ok = s.label_key == name_key(str(target))
            label = s.label or "none: no classification rule matched"
            return ok, f"{node.text} is {'true' if ok else 'false'} (classification: {label})"
        ok = s.format_key == name_key(str(target))
        format_class = s.format_class or "none: no format line matched"
        return ok, f"{node.text} is {'true' if ok else 'false'} (format class: {format_class})"
