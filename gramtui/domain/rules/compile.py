"""Turning a RuleSet into plain closures once, so classifying many records is fast.

A record is classified in three steps, each first-match-wins in text order: its format class
(user format lines, then the built-in ones), its classification (a single label, or None), and
its destination folder (None when no movement rule matches)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from gramtui.domain.frozen_maker import maker
from gramtui.domain.records import Record
from gramtui.domain.rules.ast import All, AnyOf, Condition, Contains, Define, Name, Not, RuleSet
from gramtui.domain.rules.atoms import atom_parts, contains_tokens
from gramtui.domain.rules.facts import RecordFacts, Subject
from gramtui.domain.rules.names import Names, name_key, names_of

Predicate = Callable[[Subject], bool]


@dataclass(frozen=True, slots=True)
class Classification:
    """What the rules say about one record; the `*_line`s are the deciding rules' lines."""

    format_class: str | None
    label: str | None
    destination: str | None
    rule_line: int | None = None
    format_line: int | None = None
    move_line: int | None = None


_make_classification = maker(Classification)  # one per record: the fast constructor


def _never(_: Subject) -> bool:
    return False


class _Compiler:
    def __init__(self, names: Names, now: datetime) -> None:
        self.names = names
        self.now = now
        self.defines: dict[int, Predicate] = {}
        self.compiling: set[int] = set()

    def define(self, define: Define) -> Predicate:
        key = id(define)
        if key in self.defines:
            return self.defines[key]
        if key in self.compiling:  # a define that uses itself; validate() reports it
            return _never
        self.compiling.add(key)
        predicate = self.condition(define.condition, "define")
        self.compiling.discard(key)
        self.defines[key] = predicate
        return predicate

    def condition(self, node: Condition, section: str) -> Predicate:
        if isinstance(node, Not):
            inner = self.condition(node.operand, section)
            return lambda s: not inner(s)
        if isinstance(node, All):
            parts = [self.condition(o, section) for o in node.operands]
            if len(parts) == 2:
                a, b = parts
                return lambda s: a(s) and b(s)
            return lambda s: all(p(s) for p in parts)
        if isinstance(node, Contains):  # the commonest atom (every format line): one call
            accepted = contains_tokens(node)
            return lambda s: not accepted.isdisjoint(s.tokens)
        if isinstance(node, AnyOf) and all(isinstance(o, Contains) for o in node.operands):
            # `contains 12 || contains LP`: one test of the tokens against all the values
            either = frozenset[str]().union(
                *(contains_tokens(o) for o in node.operands if isinstance(o, Contains))
            )
            return lambda s: not either.isdisjoint(s.tokens)
        if isinstance(node, AnyOf):
            parts = [self.condition(o, section) for o in node.operands]
            if len(parts) == 2:
                a, b = parts
                return lambda s: a(s) or b(s)
            return lambda s: any(p(s) for p in parts)
        if isinstance(node, Name):
            return self.name(node, section)
        read, test = atom_parts(node, self.now)
        return lambda s: test(read(s))

    def name(self, node: Name, section: str) -> Predicate:
        found = self.names.resolve(node.text, section)
        if found is None:  # unknown names are reported by validate(); here they never match
            return _never
        kind, target = found
        if kind == "define":
            assert isinstance(target, Define)
            return self.define(target)
        key = name_key(str(target))
        if kind == "label":
            return lambda s: s.label_key == key
        return lambda s: s.format_key == key


class CompiledRules:
    """A RuleSet ready to evaluate at one `now`; build with compile_rules()."""

    def __init__(self, rules: RuleSet, now: datetime) -> None:
        names = names_of(rules)
        compiler = _Compiler(names, now)
        self.formats = [
            (
                compiler.condition(r.condition, "formats"),
                r.format_class,
                name_key(r.format_class),
                r.line,
            )
            for r in names.format_rules
        ]
        self.classifications = [
            (compiler.condition(r.condition, "classification"), r.label, name_key(r.label), r.line)
            for r in rules.classifications
        ]
        self.movements = [
            (compiler.condition(r.condition, "movement"), r.destination, r.line)
            for r in rules.movements
        ]
        self.defines = [(compiler.define(d), d.line) for d in rules.defines]

    def subject(self, record: Record, facts: RecordFacts) -> tuple[Subject, Classification]:
        s = Subject(record, facts)
        format_line = rule_line = move_line = None
        for predicate, format_class, key, line in self.formats:
            if predicate(s):
                s.format_class, s.format_key, format_line = format_class, key, line
                break
        for predicate, label, key, line in self.classifications:
            if predicate(s):
                s.label, s.label_key, rule_line = label, key, line
                break
        destination = None
        for predicate, folder, line in self.movements:
            if predicate(s):
                destination, move_line = folder, line
                break
        result = _make_classification(
            s.format_class, s.label, destination, rule_line, format_line, move_line
        )
        return s, result

    def classify(self, record: Record, facts: RecordFacts) -> Classification:
        return self.subject(record, facts)[1]


def compile_rules(rules: RuleSet, now: datetime) -> CompiledRules:
    """Compile once, then call `.classify(record, facts)` per record; ages count back from `now`."""
    return CompiledRules(rules, now)
