"""The rule language: classify records and decide their folders, typed by the collector.

A rule text has three sections; each rule is `condition -> target` on one line, and in every
section the first matching line wins::

    # comments are whole lines starting with '#'
    define is_uncleaned = Cleaned != "Yes"

    [formats]
    contains 12 || contains LP -> 12 Inch
    contains 7 -> 7 Inch

    [classification]
    is_uncleaned -> to_be_cleaned
    Cleaned unset -> to_be_cleaned
    listing status = "For Sale" && added older than 6m -> stale_listing

    [movement]
    to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile

[formats] lines give a record its *format class* (user lines first, then the built-in
ones: 12 Inch, 7 Inch, CD, File). `contains X` tests the release's format tokens: names, descriptions
and descriptions without inch marks, matched whole and ignoring case (formats.py).

[classification] lines give a record one *classification* (a label, or none). [movement] lines
combine a classification with anything else (usually the format class) into a destination folder,
written as is to the end of the line (or quoted). `define name = condition` lines (anywhere) name a
condition; `is_uncleaned` and `is_oversized` are built in.

Conditions: `&&`, `||`, `!`, parentheses; `field op value` with op one of = != < <= > >= contains;
`field is set`, `field is unset` (or `field set`, `field unset`, `field is not set`); `field older
than 2y`, `field newer than 3w` (units d, w, m, y; dates: `added` and custom fields holding ISO
dates). Fields: folder, format (the class), formats (tokens, with contains), size (regular or
oversized), rating, added (or date added), listing status, copies, year, artist, title, label,
catno; any other name is a Discogs custom field (`Cleaned`, `Media Condition`, or quoted:
`field "Media Condition"`). Values are "quoted strings", numbers, or bare words up to the next
operator. A bare name is a define, a format class (`12 Inch` or `12_Inch`) or, in movement rules,
a classification. Text compares ignore case; unset values never equal anything.

Use check(text, ctx) before saving or applying: it is the only way to get a usable RuleSet.
"""

from gramtui.domain.rules.ast import RuleSet
from gramtui.domain.rules.canonical import format_rules
from gramtui.domain.rules.compile import Classification, CompiledRules, compile_rules
from gramtui.domain.rules.diagnostics import Diagnostic, has_errors
from gramtui.domain.rules.evaluate import Change, classify, classify_many, count_matches, dry_run
from gramtui.domain.rules.explain import explain
from gramtui.domain.rules.facts import RecordFacts
from gramtui.domain.rules.formats import BUILTIN_FORMATS_TEXT, format_tokens
from gramtui.domain.rules.highlight import highlight
from gramtui.domain.rules.parser import ParseResult, parse_rules
from gramtui.domain.rules.span import SPAN_KINDS, Span
from gramtui.domain.rules.validate import CheckResult, RuleContext, check, validate

__all__ = [
    "BUILTIN_FORMATS_TEXT",
    "SPAN_KINDS",
    "Change",
    "CheckResult",
    "Classification",
    "CompiledRules",
    "Diagnostic",
    "ParseResult",
    "RecordFacts",
    "RuleContext",
    "RuleSet",
    "Span",
    "check",
    "classify",
    "classify_many",
    "compile_rules",
    "count_matches",
    "dry_run",
    "explain",
    "format_rules",
    "format_tokens",
    "has_errors",
    "highlight",
    "parse_rules",
    "validate",
]
