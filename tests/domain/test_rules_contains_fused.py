"""`contains` is compiled to one set test (alone, or an `||` of them): it must decide exactly as
the atom's own getter and test do, which explanations use."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gramtui.domain.records import Format, Record, Release
from gramtui.domain.rules import RecordFacts, compile_rules, parse_rules
from gramtui.domain.rules.ast import AnyOf, Contains
from gramtui.domain.rules.atoms import atom_parts
from gramtui.domain.rules.facts import Subject

NOW = datetime(2026, 5, 1, tzinfo=UTC)
FORMATS: list[tuple[Format, ...]] = [
    (),
    (Format("Vinyl", 1, ("LP", '12"')),),
    (Format("Vinyl", 1, ('7"', "45 RPM")),),
    (Format("Vinyl", 1, ('17"',)),),
    (Format("Box Set", 1, ()), Format("CD", 4, ("Album",))),
    (Format("Vinyl", 1, ("12″",)),),
    (Format("File", 1, ("MP3",)),),
]
CONDITIONS = [
    "contains 12",
    'contains "Box Set"',
    "contains LP",
    "contains Box Set",
    "contains 7",
    "contains 12 || contains LP",
    "contains 7 || contains CD || contains File",
    "contains 7 || year > 2000",  # not all `contains`: the general `||`
    "!contains CD",
]


def generic(operand: object, subject: Subject) -> bool:
    """The condition decided atom by atom with atom_parts (no fused test)."""
    if isinstance(operand, AnyOf):
        return any(generic(o, subject) for o in operand.operands)
    assert isinstance(operand, Contains)
    read, test = atom_parts(operand, NOW)
    return test(read(subject))


@pytest.mark.parametrize("condition", CONDITIONS)
def test_compiled_contains_decides_as_the_atoms_do(condition: str) -> None:
    parsed = parse_rules(f"[classification]\n{condition} -> hit\n")
    assert parsed.rules is not None
    compiled = compile_rules(parsed.rules, NOW)
    node = parsed.rules.classifications[0].condition
    decided = []
    for formats in FORMATS:
        record = Record(1, Release(1, "T", formats=formats, year=1999), 1)
        got = compiled.classify(record, RecordFacts("F")).label == "hit"
        decided.append(got)
        if isinstance(node, Contains) or (
            isinstance(node, AnyOf) and all(isinstance(o, Contains) for o in node.operands)
        ):
            assert got == generic(node, Subject(record, RecordFacts("F"))), formats
    assert True in decided and False in decided  # each condition tells some formats apart
