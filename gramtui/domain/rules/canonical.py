"""Printing a RuleSet as canonical text: defines first, then the three sections; conditions with
the fewest parentheses that keep their structure. Comments and blank lines are not kept."""

from __future__ import annotations

from gramtui.domain.rules.ast import (
    AgeTest,
    All,
    AnyOf,
    Compare,
    Condition,
    Contains,
    FieldRef,
    LiteralValue,
    Name,
    Not,
    RuleSet,
    SetTest,
)
from gramtui.domain.rules.fields import builtin_field, field_kind
from gramtui.domain.rules.lexer import LOOKALIKES, NUMBER, quote, tokenize
from gramtui.domain.rules.parser import KEYWORDS


def format_rules(rules: RuleSet) -> str:
    """Canonical text that parses back to an equal RuleSet."""
    blocks: list[list[str]] = []
    if rules.defines:
        blocks.append([f"define {d.name} = {condition_text(d.condition)}" for d in rules.defines])
    if rules.formats:
        blocks.append(
            [
                "[formats]",
                *(f"{condition_text(r.condition)} -> {r.format_class}" for r in rules.formats),
            ]
        )
    if rules.classifications:
        blocks.append(
            [
                "[classification]",
                *(f"{condition_text(r.condition)} -> {r.label}" for r in rules.classifications),
            ]
        )
    if rules.movements:
        blocks.append(
            [
                "[movement]",
                *(
                    f"{condition_text(r.condition)} -> {_destination(r.destination)}"
                    for r in rules.movements
                ),
            ]
        )
    return "\n\n".join("\n".join(block) for block in blocks) + ("\n" if blocks else "")


_PRECEDENCE = {AnyOf: 1, All: 2, Not: 3}


def condition_text(node: Condition) -> str:
    if isinstance(node, AnyOf | All):
        own = _PRECEDENCE[type(node)]
        joiner = " || " if isinstance(node, AnyOf) else " && "
        return joiner.join(_wrapped(o, own) for o in node.operands)
    if isinstance(node, Not):
        return "!" + _wrapped(node.operand, _PRECEDENCE[Not] - 1)
    return atom_text(node)


def _wrapped(node: Condition, parent: int) -> str:
    text = condition_text(node)
    if isinstance(node, AnyOf | All) and _PRECEDENCE[type(node)] <= parent:
        return f"({text})"
    return text


def atom_text(node: Condition) -> str:
    if isinstance(node, Name):
        return node.text
    if isinstance(node, Contains):
        return f"contains {_words_or_quoted(node.value.text)}"
    if isinstance(node, SetTest):
        return f"{field_text(node.ref)} is {'set' if node.is_set else 'unset'}"
    if isinstance(node, AgeTest):
        when = "older" if node.older else "newer"
        return f"{field_text(node.ref)} {when} than {node.amount}{node.unit}"
    assert isinstance(node, Compare)
    return f"{field_text(node.ref)} {node.op} {_value(node.ref, node.value)}"


def field_text(ref: FieldRef) -> str:
    if not ref.custom:
        return ref.name
    if _plain_words(ref.name, keywords=False) and builtin_field(ref.name) is None:
        return ref.name
    return f"field {quote(ref.name)}"


def _value(ref: FieldRef, value: LiteralValue) -> str:
    if NUMBER.fullmatch(value.text):
        return value.text
    if field_kind(ref.name, ref.custom).kind == "size":
        return value.text
    return quote(value.text)


def _words_or_quoted(text: str) -> str:
    return text if _plain_words(text, keywords=True) else quote(text)


def _plain_words(text: str, keywords: bool) -> bool:
    """Whether `text` reads back as the same words (and no keyword, unless `keywords`)."""
    lexed = tokenize(text, 1, stop_at_arrow=False)
    return (
        lexed.error is None
        and bool(lexed.tokens)
        and all(
            t.kind in ("word", "number") and (keywords or t.text.casefold() not in KEYWORDS)
            for t in lexed.tokens
        )
        and " ".join(t.text for t in lexed.tokens) == text
    )


def _destination(folder: str) -> str:
    plain = (
        folder == folder.strip()
        and folder[:1] not in LOOKALIKES
        and not folder.startswith(('"', ">", "->"))
    )
    return folder if plain else quote(folder)
