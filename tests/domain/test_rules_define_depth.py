"""Chains of defines have a depth limit: the longest allowed one is checked, classified and
explained; one more is refused at its line, and 5,000 never reach the stack's limit."""

from __future__ import annotations

from datetime import UTC, datetime

from gramtui.domain.records import Artist, Format, Label, Record, Release
from gramtui.domain.rules import RecordFacts, RuleContext, check, classify_many, explain
from gramtui.domain.rules.parser import MAX_DEPTH
from gramtui.domain.rules.validate import MAX_DEFINE_DEPTH

NOW = datetime(2026, 5, 1, tzinfo=UTC)
CTX = RuleContext(frozenset({"Keepers"}), frozenset())


def chain(length: int, nesting: int = 0) -> str:
    """`length` defines, each using the one before, each wrapped in `nesting` parentheses."""
    lines = ["define d1 = rating > 3"]
    for i in range(2, length + 1):
        lines.append(f"define d{i} = " + "(" * nesting + f"d{i - 1} && copies >= 1" + ")" * nesting)
    lines += ["[classification]", f"d{length} -> keeper"]
    return "\n".join(lines) + "\n"


def test_longest_allowed_chain_with_deepest_parentheses_classifies_and_explains() -> None:
    result = check(chain(MAX_DEFINE_DEPTH, nesting=MAX_DEPTH - 1), CTX)
    assert result.rules is not None, result.diagnostics
    record = Record(
        instance_id=1,
        release=Release(
            id=1,
            title="T",
            artists=(Artist("A"),),
            labels=(Label("L", "C-1"),),
            formats=(Format("Vinyl", 1, ("LP",)),),
        ),
        folder_id=1,
        date_added=NOW,
        rating=5,
        fields={},
    )
    facts = RecordFacts(folder_name="Keepers", listing_status=None, copies=1)
    classified = classify_many(result.rules, [(record, facts)], NOW)
    assert classified[1].label == "keeper"
    assert explain(result.rules, record, facts, NOW)


def test_one_define_more_is_refused_at_its_line() -> None:
    result = check(chain(MAX_DEFINE_DEPTH + 1), CTX)
    assert result.rules is None
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert len(errors) == 1
    assert errors[0].line == MAX_DEFINE_DEPTH + 1
    assert f"at most {MAX_DEFINE_DEPTH} may build on each other" in errors[0].message


def test_five_thousand_deep_is_refused_not_a_recursion_error() -> None:
    result = check(chain(5000), CTX)
    assert result.rules is None
    assert any("stands on a chain of" in d.message for d in result.diagnostics)
