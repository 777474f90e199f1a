"""What a bare name in a condition refers to. Names compare ignoring case, spacing and `_` vs
space, so `12_Inch` names the format class `12 Inch`.

Lookup order: a defined predicate (user before built-in), then in movement rules a
classification, then a format class (user format lines before built-in ones)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache

from gramtui.domain.rules.ast import Define, FormatRule, RuleSet
from gramtui.domain.rules.formats import BUILTIN_DEFINES_TEXT, BUILTIN_FORMATS_TEXT
from gramtui.domain.rules.parser import parse_rules


def name_key(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


@cache
def builtins() -> RuleSet:
    """The built-in format lines and predicates, with no line numbers (they are not the user's)."""
    parsed = parse_rules(BUILTIN_FORMATS_TEXT + BUILTIN_DEFINES_TEXT).rules
    assert parsed is not None, "the built-in rules must parse"
    return RuleSet(
        formats=tuple(dataclasses.replace(r, line=None) for r in parsed.formats),
        defines=tuple(dataclasses.replace(d, line=None) for d in parsed.defines),
    )


@dataclass(frozen=True, slots=True)
class Names:
    defines: dict[str, Define]  # by name_key; user defines shadow built-in ones
    labels: dict[str, str]  # name_key -> the classification as first written
    formats: dict[str, str]  # name_key -> the format class as first written
    format_rules: tuple[FormatRule, ...]  # the user's lines, then the built-in ones

    def resolve(self, text: str, section: str) -> tuple[str, object] | None:
        """("define", Define) | ("label", str) | ("format", str), or None when unknown."""
        key = name_key(text)
        if key in self.defines:
            return "define", self.defines[key]
        if section == "movement" and key in self.labels:
            return "label", self.labels[key]
        if key in self.formats:
            return "format", self.formats[key]
        return None


def names_of(rules: RuleSet) -> Names:
    base = builtins()
    defines: dict[str, Define] = {}
    for define in (*rules.defines, *base.defines):
        defines.setdefault(name_key(define.name), define)
    labels: dict[str, str] = {}
    for rule in rules.classifications:
        labels.setdefault(name_key(rule.label), rule.label)
    format_rules = (*rules.formats, *base.formats)
    formats: dict[str, str] = {}
    for format_rule in format_rules:
        formats.setdefault(name_key(format_rule.format_class), format_rule.format_class)
    return Names(defines, labels, formats, format_rules)
