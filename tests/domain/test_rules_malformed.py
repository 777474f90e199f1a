"""Malformed rule texts: each gives one precise message at the right line:column, and never raises."""

from __future__ import annotations

import random

import pytest

from gramtui.domain.rules import RuleContext, check, highlight, parse_rules

C = "[classification]\n"
M = "[movement]\n"
F = "[formats]\n"
LONG_CHAIN = "rating >= 4" + " && copies > 1" * 800
LONG_NAME = "x" * 10_000

CASES: list[tuple[str, int, int, str]] = [
    # unbalanced parentheses
    (C + "(rating > 3 -> x", 2, 13, "missing ')' to close the '(' at column 1"),
    (C + "rating > 3) -> x", 2, 11, "unexpected ')' with no '(' before it"),
    (C + "((rating > 3) && (copies > 1) -> x", 2, 31, "missing ')' to close the '(' at column 1"),
    (C + "() -> x", 2, 2, "unexpected ')': expected a condition before it"),
    (C + "(" * 150 + "rating > 1" + ")" * 150 + " -> x", 2, 101, "nested deeper than 100"),
    # unknown or mistyped operators
    (C + "rating => 3 -> x", 2, 8, "'=>' is not an operator; write '>='"),
    (C + "rating <> 3 -> x", 2, 8, "write '!=' for not equal"),
    (C + "rating ~ 3 -> x", 2, 8, "unexpected character '~'"),
    (C + "Cleaned = Yes & rating > 3 -> x", 2, 15, "'&' is not an operator; write '&&'"),
    (C + "Cleaned unset and rating > 3 -> x", 2, 15, "write '&&' instead of 'and'"),
    (C + "rating >= 4 || || copies > 1 -> x", 2, 16, "expected a condition before '||'"),
    (C + "Cleaned is maybe -> x", 2, 12, "expected 'set' or 'unset' after 'is'"),
    (C + 'Cleaned "Yes" -> x', 2, 9, "expected an operator between 'Cleaned' and \"Yes\""),
    # empty destinations, missing classification or condition
    (M + "to_be_cleaned ->", 2, 17, "expected a folder name after '->'"),
    (M + "to_be_cleaned ->   \t ", 2, 17, "expected a folder name after '->'"),
    (C + "Cleaned unset ->", 2, 17, "expected a classification name"),
    (C + "-> to_be_cleaned", 2, 1, "expected a condition before '->'"),
    (C + "Cleaned unset", 2, 14, "expected '->' and a classification name"),
    (F + "contains LP ->", 2, 15, "expected a format class name"),
    (C + "Cleaned unset -> set", 2, 18, "'set' is a keyword"),
    # unicode lookalikes and invisible characters
    (C + "Cleaned = “Yes” -> x", 2, 11, "'“' is not '\"'; type a plain \""),
    (C + "Cleaned unset → x", 2, 15, "'→' is not '->'"),
    (C + "Cleaned unset –> x", 2, 15, "'–>' uses a dash; write '->' with a plain hyphen"),
    (C + "rating ≥ 4 -> x", 2, 8, "'≥' is not '>='"),
    (C + "\u200bCleaned unset -> x", 2, 1, "invisible character U+200B"),
    (M + "x -> “Sell”", 2, 6, "unexpected '“' at the start of the folder name"),
    # very long lines and tabs
    (C + LONG_CHAIN + " && -> x", 2, len(LONG_CHAIN) + 5, "expected a condition after '&&'"),
    (C + "Cleaned unset -> " + LONG_NAME + ",", 2, 18 + len(LONG_NAME), "unexpected character ','"),
    (C + "\tCleaned\t=\t\t-> x", 2, 13, "expected a value after '=' (e.g. \"Yes\")"),
    # trailing garbage
    (C + "Cleaned unset -> x y )", 2, 22, "unexpected ')' in the classification name"),
    (F + "contains LP -> 12 Inch #comment", 2, 24, "'#' starts a comment only at the start"),
    ("[classification] extra", 1, 18, "unexpected text after the section header"),
    # numbers where strings are expected, and the other way round
    (C + "size = 12 -> x", 2, 8, 'size is regular or oversized, not "12"'),
    (C + 'rating >= "four" -> x', 2, 11, 'rating is a number, not "four"'),
    (C + 'rating >= "4" -> x', 2, 11, "write it without quotes"),
    (
        C + "listing status = Gone -> x",
        2,
        18,
        'unknown listing status "Gone"; use one of: For Sale',
    ),
    (C + "rating contains 4 -> x", 2, 8, "rating is a number; compare it with"),
    (C + "added = 2020 -> x", 2, 7, "compare dates with 'older than' or 'newer than'"),
    (C + "rating older than 2y -> x", 2, 8, "only dates have an age"),
    # ages
    (C + "added older than 2h -> x", 2, 19, "unknown age unit 'h'; use d (days), w (weeks)"),
    (C + "added older than 2 -> x", 2, 19, "add a unit to 2"),
    (C + "added older than soon -> x", 2, 18, "expected an age like 2y, not 'soon'"),
    (C + "added older 2y -> x", 2, 13, "expected 'than' after 'older'"),
    # '&&' at the end of a line, missing values, strings
    (C + "Cleaned unset && -> x", 2, 18, "expected a condition after '&&'"),
    (C + "Cleaned unset &&", 2, 17, "expected a condition after '&&'"),
    (C + "Cleaned = -> x", 2, 11, "expected a value after '=' (e.g. \"Yes\")"),
    (C + "rating >= -> x", 2, 11, "expected a value after '>=' (e.g. 4)"),
    (C + 'Cleaned = "Yes -> x', 2, 11, "this string has no closing quote"),
    (C + "! -> x", 2, 3, "expected a condition after '!'"),
    # sections and defines
    ("[sorting]\nx -> y", 1, 2, "unknown section '[sorting]'"),
    ("Cleaned unset -> x", 1, 1, "this rule is not in a section"),
    (F + "LP -> 12 Inch", 2, 1, "write contains LP"),
    ("define = rating > 1", 1, 8, "expected a name after 'define'"),
    ("define x -> y", 1, 10, "a define has no '->'"),
    (
        "\n\n[classification]\nrating > 1 -> ok\n  rating >> 1 -> x",
        5,
        11,
        "expected a value after '>'",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"), CASES, ids=[f"case{i}" for i in range(len(CASES))]
)
def test_malformed_text_gives_a_precise_message(
    text: str, line: int, column: int, fragment: str
) -> None:
    result = parse_rules(text)
    assert result.rules is None
    assert len(result.diagnostics) == 1, [str(d) for d in result.diagnostics]
    diagnostic = result.diagnostics[0]
    assert (diagnostic.line, diagnostic.column) == (line, column), str(diagnostic)
    assert fragment in diagnostic.message
    assert diagnostic.severity == "error"
    assert str(diagnostic).startswith(f"{line}:{column} ")
    checked = check(text, RuleContext({"x", "Sell"}, {"Cleaned"}))
    assert checked.rules is None and checked.diagnostics == result.diagnostics


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


def test_every_bad_line_is_reported_and_good_lines_are_still_read() -> None:
    text = C + "rating >= 4 -> keeper\nrating >= -> x\nCleaned unset -> dirty\nsize = 3 -> y\n"
    result = parse_rules(text)
    assert [(d.line, d.column) for d in result.diagnostics] == [(3, 11), (5, 8)]
    assert result.rules is None


def test_an_unknown_section_does_not_cascade_into_every_following_line() -> None:
    result = parse_rules("[classifcation]\nrating >= 4 -> a\nrating >= 3 -> b\n")
    assert [d.line for d in result.diagnostics] == [1]


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "# only a comment\n", "  \t\n[formats]\n", "[classification]\n[movement]\n"],
)
def test_empty_rule_sets_are_fine(text: str) -> None:
    result = parse_rules(text)
    assert result.diagnostics == []
    assert result.rules is not None
    assert result.rules.classifications == () and result.rules.movements == ()


def test_random_garbage_never_raises() -> None:
    rng = random.Random(1)
    alphabet = list('()!=<>&|-"#\\ \t\u200b“→≥abcx17_') + [
        " -> ",
        "&&",
        "||",
        "contains",
        "is",
        "set",
        "older than",
        "2y",
        "define",
        "field",
        "[classification]\n",
        "[movement]\n",
        "[formats]\n",
        "\n",
        "Cleaned",
        "12 Inch",
    ]
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        result = parse_rules(text)
        for d in result.diagnostics:
            assert d.line >= 1 and d.column >= 1 and d.message
        highlight(text)
        check(text, RuleContext(set(), set()))
