"""The parsed rule set. Positions (1-based line and column) are kept for messages but ignored by
equality, so a rule set printed and parsed again compares equal to the original."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class LiteralValue:
    """A value as typed; `quoted` only remembers how it was written."""

    text: str
    quoted: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A record field: `name` is the canonical built-in name, or a Discogs custom field's name."""

    name: str
    custom: bool
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Compare:
    """`ref op value`; op is one of = != < <= > >= contains."""

    ref: FieldRef
    op: str
    value: LiteralValue
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class SetTest:
    ref: FieldRef
    is_set: bool
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class AgeTest:
    """`field older than 2y` (older=True) or `field newer than 3w`; unit is d, w, m or y."""

    ref: FieldRef
    older: bool
    amount: int
    unit: str
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Contains:
    """`contains 12`: one of the release's format tokens (see formats.py) equals the value."""

    value: LiteralValue
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Name:
    """A bare name: a defined predicate, a format class or (in movement rules) a classification."""

    text: str
    line: int = field(default=0, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    operand: Condition


@dataclass(frozen=True, slots=True)
class All:
    """`a && b && ...`"""

    operands: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """`a || b || ...`"""

    operands: tuple[Condition, ...]


Condition = Compare | SetTest | AgeTest | Contains | Name | Not | All | AnyOf
Atom = Compare | SetTest | AgeTest | Contains


@dataclass(frozen=True, slots=True)
class FormatRule:
    condition: Condition
    format_class: str
    line: int | None = field(default=None, compare=False)  # None for a built-in line


@dataclass(frozen=True, slots=True)
class Define:
    name: str
    condition: Condition
    line: int | None = field(default=None, compare=False)
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class ClassificationRule:
    condition: Condition
    label: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class MovementRule:
    condition: Condition
    destination: str
    line: int = field(default=0, compare=False)
    destination_column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The user's lines only; built-in formats and predicates are added when evaluating."""

    formats: tuple[FormatRule, ...] = ()
    defines: tuple[Define, ...] = ()
    classifications: tuple[ClassificationRule, ...] = ()
    movements: tuple[MovementRule, ...] = ()


def atoms_of(condition: Condition) -> list[Condition]:
    """The leaves (atoms and names) of a condition, left to right."""
    out: list[Condition] = []
    stack: list[Condition] = [condition]
    while stack:
        node = stack.pop()
        if isinstance(node, Not):
            stack.append(node.operand)
        elif isinstance(node, All | AnyOf):
            stack.extend(reversed(node.operands))
        else:
            out.append(node)
    return out
