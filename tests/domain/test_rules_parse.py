"""Parsing rule texts into a RuleSet, printing it back, and highlighting it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gramtui.domain.rules import (
    SPAN_KINDS,
    RuleSet,
    format_rules,
    highlight,
    parse_rules,
)
from gramtui.domain.rules.ast import (
    AgeTest,
    All,
    AnyOf,
    ClassificationRule,
    Compare,
    Contains,
    Define,
    FieldRef,
    FormatRule,
    LiteralValue,
    MovementRule,
    Name,
    Not,
    SetTest,
)

SEED = """\
# the examples from the design notes
[formats]
contains 12 || contains LP -> 12 Inch
contains 7 -> 7 Inch
contains CD -> CD
contains File -> File

[classification]
define is_uncleaned = Cleaned != "Yes"
is_uncleaned -> to_be_cleaned
Cleaned unset -> to_be_cleaned

[movement]
to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile
"""


def parsed(text: str) -> RuleSet:
    result = parse_rules(text)
    assert result.diagnostics == [], [str(d) for d in result.diagnostics]
    assert result.rules is not None
    return result.rules


def test_seed_parses_into_the_expected_tree() -> None:
    rules = parsed(SEED)
    assert rules.formats[0] == FormatRule(
        AnyOf((Contains(LiteralValue("12")), Contains(LiteralValue("LP")))), "12 Inch"
    )
    assert [r.format_class for r in rules.formats] == ["12 Inch", "7 Inch", "CD", "File"]
    assert rules.defines == (
        Define("is_uncleaned", Compare(FieldRef("Cleaned", True), "!=", LiteralValue("Yes"))),
    )
    assert rules.classifications == (
        ClassificationRule(Name("is_uncleaned"), "to_be_cleaned"),
        ClassificationRule(SetTest(FieldRef("Cleaned", True), False), "to_be_cleaned"),
    )
    assert rules.movements == (
        MovementRule(All((Name("to_be_cleaned"), Name("12 Inch"))), "12 Inch Cleaning Pile"),
    )
    assert [r.line for r in rules.classifications] == [10, 11]
    assert rules.movements[0].destination_column == 29


def test_precedence_not_binds_tighter_than_and_than_or() -> None:
    rules = parsed("[classification]\n!a && b || c && !(d || e) -> x\n")
    assert rules.classifications[0].condition == AnyOf(
        (
            All((Not(Name("a")), Name("b"))),
            All((Name("c"), Not(AnyOf((Name("d"), Name("e")))))),
        )
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cleaned unset", SetTest(FieldRef("Cleaned", True), False)),
        ("Cleaned is set", SetTest(FieldRef("Cleaned", True), True)),
        ("Cleaned is not set", SetTest(FieldRef("Cleaned", True), False)),
        ("Cleaned = Yes", Compare(FieldRef("Cleaned", True), "=", LiteralValue("Yes"))),
        ('Cleaned == "Yes"', Compare(FieldRef("Cleaned", True), "=", LiteralValue("Yes"))),
        (
            'field "Media Condition" = "Mint (M)"',
            Compare(FieldRef("Media Condition", True), "=", LiteralValue("Mint (M)")),
        ),
        (
            'Media Condition = "Mint (M)"',
            Compare(FieldRef("Media Condition", True), "=", LiteralValue("Mint (M)")),
        ),
        ('"Media Condition" is set', SetTest(FieldRef("Media Condition", True), True)),
        ("field Rating = 5", Compare(FieldRef("Rating", True), "=", LiteralValue("5"))),
        ("Rating = 5", Compare(FieldRef("rating", False), "=", LiteralValue("5"))),
        ("date added older than 2y", AgeTest(FieldRef("added", False), True, 2, "y")),
        ("added newer than 3 weeks", AgeTest(FieldRef("added", False), False, 3, "w")),
        ("Arrived older than 10d", AgeTest(FieldRef("Arrived", True), True, 10, "d")),
        (
            'listing status = "For Sale"',
            Compare(FieldRef("listing status", False), "=", LiteralValue("For Sale")),
        ),
        ("size = oversized", Compare(FieldRef("size", False), "=", LiteralValue("oversized"))),
        ("formats contains Box Set", Contains(LiteralValue("Box Set"))),
        ("contains Box Set", Contains(LiteralValue("Box Set"))),
        ("copies >= 2", Compare(FieldRef("copies", False), ">=", LiteralValue("2"))),
        ("!!rating > 1", Compare(FieldRef("rating", False), ">", LiteralValue("1"))),
        ("12_Inch", Name("12_Inch")),
    ],
)
def test_condition_forms(text: str, expected: object) -> None:
    assert parsed(f"[classification]\n{text} -> x\n").classifications[0].condition == expected


def test_destination_is_the_rest_of_the_line_or_a_quoted_string() -> None:
    rules = parsed('[movement]\na -> Sell / Trade, Box #2  \nb -> "  padded -> odd "\n')
    assert [m.destination for m in rules.movements] == ["Sell / Trade, Box #2", "  padded -> odd "]


def test_sections_may_repeat_and_accept_aliases() -> None:
    rules = parsed("[classify]\na -> x\n[moves]\nx -> F\n[Classification]\nb -> y\n")
    assert [r.label for r in rules.classifications] == ["x", "y"]


ROUND_TRIP = [
    SEED,
    "",
    "[classification]\n!(added older than 2y && rating >= 4) || (a || b) && c -> keeper\n",
    "[classification]\n(a && b) && c -> x\na || (b || c) -> y\n!(!a) -> z\n",
    '[classification]\nfield "Media Condition" = "Mint (M)" && title contains "x\\"y" -> m\n',
    '[classification]\nfield "is set" is set && field "rating" = "5" && Plays > 2 -> odd\n',
    '[formats]\ncontains "7\\"" -> Seven\ncontains Box Set -> Box\n',
    '[movement]\nx -> "quoted \\" -> dest"\ny -> "\\"starts with a quote"\nz -> Plain Folder\n',
    "define a = rating > 1\ndefine b = a && !is_oversized\n[classification]\nb -> x\n",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_format_rules_round_trips(text: str) -> None:
    rules = parsed(text)
    canonical = format_rules(rules)
    assert parsed(canonical) == rules
    assert format_rules(parsed(canonical)) == canonical


def test_canonical_text_of_the_seed() -> None:
    assert (
        format_rules(parsed(SEED))
        == """\
define is_uncleaned = Cleaned != "Yes"

[formats]
contains 12 || contains LP -> 12 Inch
contains 7 -> 7 Inch
contains CD -> CD
contains File -> File

[classification]
is_uncleaned -> to_be_cleaned
Cleaned is unset -> to_be_cleaned

[movement]
to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile
"""
    )


def spans_by_text(text: str) -> list[tuple[int, str, str]]:
    lines = text.splitlines()
    return [(s.line, lines[s.line - 1][s.start : s.end], s.kind) for s in highlight(text)]


def test_highlight_kinds() -> None:
    spans = spans_by_text(SEED)
    assert (1, "# the examples from the design notes", "comment") in spans
    assert (2, "[formats]", "keyword") in spans
    assert (3, "contains", "keyword") in spans
    assert (3, "||", "operator") in spans
    assert (3, "12", "number") in spans
    assert (3, "Inch", "format") in spans
    assert (9, "is_uncleaned", "name") in spans
    assert (9, "Cleaned", "field") in spans
    assert (9, '"Yes"', "string") in spans
    assert (10, "is_uncleaned", "name") in spans
    assert (11, "unset", "keyword") in spans
    assert (11, "to_be_cleaned", "classification") in spans
    assert (14, "to_be_cleaned", "classification") in spans
    assert (14, "12 Inch", "format") in spans
    assert (14, "12 Inch Cleaning Pile", "folder") in spans
    assert {kind for _, _, kind in spans} <= set(SPAN_KINDS)


def test_highlight_marks_errors_and_unknown_names() -> None:
    text = "[movement]\nto_be_clened && 12 Inch -> Pile\n[classification]\nrating >= -> x\n"
    spans = spans_by_text(text)
    assert (2, "to_be_clened", "error") in spans
    assert (4, "->", "error") in spans
    assert (4, ">=", "operator") in spans


def test_highlight_spans_do_not_overlap() -> None:
    spans = highlight(SEED + "[classification]\nsize = 3 -> y\n")
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.line < b.line or a.end <= b.start


def test_the_rules_package_imports_no_ui_database_or_network_library() -> None:
    code = (
        "import sys, gramtui.domain.rules; "
        "print(sorted(m for m in ('textual', 'peewee', 'httpx', 'sqlite3') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
