"""Reading a rule text into a RuleSet, one line at a time, with a precise message for each line
that cannot be read. The grammar is described in the package docstring (`__init__.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeGuard

from gramtui.domain.rules.ast import (
    AgeTest,
    All,
    AnyOf,
    ClassificationRule,
    Compare,
    Condition,
    Contains,
    Define,
    FieldRef,
    FormatRule,
    LiteralValue,
    MovementRule,
    Name,
    Not,
    RuleSet,
    SetTest,
)
from gramtui.domain.rules.diagnostics import Diagnostic, has_errors
from gramtui.domain.rules.fields import (
    OPERATORS,
    SIZES,
    STATUSES,
    FieldKind,
    builtin_field,
    field_kind,
)
from gramtui.domain.rules.lexer import LOOKALIKES, NUMBER, Token, tokenize
from gramtui.domain.rules.span import Span

SECTIONS: dict[str, str] = {
    "formats": "formats",
    "format": "formats",
    "classification": "classification",
    "classifications": "classification",
    "classify": "classification",
    "movement": "movement",
    "movements": "movement",
    "move": "movement",
    "moves": "movement",
}
KEYWORDS = frozenset(
    {
        "contains",
        "is",
        "not",
        "set",
        "unset",
        "older",
        "newer",
        "than",
        "define",
        "field",
        "and",
        "or",
    }
)
COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})
AGE_UNITS: dict[str, str] = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "month": "m",
    "months": "m",
    "y": "y",
    "yr": "y",
    "yrs": "y",
    "year": "y",
    "years": "y",
}
AGE = re.compile(r"(\d+)(.*)")
MAX_DEPTH = 100  # nesting of parentheses; deeper is surely a mistake and would exhaust the stack
EXAMPLES: dict[str, str] = {
    "formats": "contains LP -> 12 Inch",
    "classification": "Cleaned unset -> to_be_cleaned",
    "movement": "to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile",
}
TARGETS: dict[str, str] = {
    "formats": "format class name (e.g. 12 Inch)",
    "classification": "classification name (e.g. to_be_cleaned)",
    "movement": "folder name (e.g. 12 Inch Cleaning Pile)",
}


@dataclass(frozen=True, slots=True)
class ParseResult:
    """`rules` is None when any line has an error."""

    rules: RuleSet | None
    diagnostics: list[Diagnostic]


@dataclass(slots=True)
class Parsed:
    """Everything read, including the lines that were fine when others were not (for the editor).
    `refs` pairs the span of each bare name with the section it appears in."""

    rules: RuleSet
    diagnostics: list[Diagnostic]
    spans: list[Span] = field(default_factory=list)
    refs: list[tuple[Span, str]] = field(default_factory=list)


def parse_rules(text: str) -> ParseResult:
    """Parse a rule text; never raises."""
    parsed = parse_partial(text)
    rules = None if has_errors(parsed.diagnostics) else parsed.rules
    return ParseResult(rules, parsed.diagnostics)


class _Fail(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def parse_partial(text: str) -> Parsed:
    formats: list[FormatRule] = []
    defines: list[Define] = []
    classifications: list[ClassificationRule] = []
    movements: list[MovementRule] = []
    out = Parsed(RuleSet(), [])
    section: str | None = None
    bad_section = False
    for lineno, raw in enumerate(rule_lines(text), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        indent = len(raw) - len(raw.lstrip())
        if stripped.startswith("#"):
            out.spans.append(Span(lineno, indent, len(raw.rstrip()), "comment"))
            continue
        try:
            if stripped.startswith("["):
                # After a bad header, its rules are not reported as outside any section.
                section, bad_section = None, True
                section, bad_section = _header(raw, lineno, out), False
                continue
            rule = _Line(raw, lineno, section, out).parse()
            if isinstance(rule, Define):
                defines.append(rule)
            elif isinstance(rule, FormatRule):
                formats.append(rule)
            elif isinstance(rule, ClassificationRule):
                classifications.append(rule)
            elif isinstance(rule, MovementRule):
                movements.append(rule)
            elif not bad_section:
                raise _Fail(
                    Diagnostic(
                        lineno,
                        indent + 1,
                        "this rule is not in a section; put [formats], [classification] or "
                        "[movement] on a line above it",
                    )
                )
        except _Fail as failure:
            d = failure.diagnostic
            out.diagnostics.append(d)
            out.spans.append(Span(lineno, d.column - 1, _token_end(raw, d.column - 1), "error"))
    out.rules = RuleSet(tuple(formats), tuple(defines), tuple(classifications), tuple(movements))
    return out


def rule_lines(text: str) -> list[str]:
    """The lines as an editor numbers them: split on \\n, \\r\\n or \\r only."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _token_end(raw: str, start: int) -> int:
    """Where the word starting at `start` ends, so an error span covers the offending token."""
    if start >= len(raw):
        return start + 1
    end = start + 1
    while end < len(raw) and not raw[end].isspace():
        end += 1
    return end


HEADER = re.compile(r"(\s*)\[([^\]]*)\](.*)")


def _header(raw: str, lineno: int, out: Parsed) -> str:
    match = HEADER.fullmatch(raw)
    if match is None:
        col = raw.index("[") + 1
        raise _Fail(
            Diagnostic(
                lineno, col, "this section header has no closing ']'; write e.g. [classification]"
            )
        )
    name = " ".join(match.group(2).casefold().split())
    start = len(match.group(1))
    if name not in SECTIONS:
        raise _Fail(
            Diagnostic(
                lineno,
                start + 2,
                f"unknown section '[{match.group(2)}]'; use [formats], [classification] or [movement]",
            )
        )
    rest = match.group(3)
    if rest.strip():
        col = match.end(2) + 2 + (len(rest) - len(rest.lstrip()))
        raise _Fail(
            Diagnostic(
                lineno,
                col,
                "unexpected text after the section header; put rules on the lines below it",
            )
        )
    out.spans.append(Span(lineno, start, match.end(2) + 1, "keyword"))
    return SECTIONS[name]


class _Line:
    """A recursive-descent parser over one line's tokens."""

    def __init__(self, raw: str, lineno: int, section: str | None, out: Parsed) -> None:
        self.raw = raw
        self.lineno = lineno
        self.section = section
        self.out = out
        self.tokens: tuple[Token, ...] = ()
        self.pos = 0
        self.end_column = len(raw.rstrip()) + 1
        self.value_token: Token | None = None  # the first token of the last value read

    # ---- helpers -------------------------------------------------------------------------
    def fail(self, column: int, message: str) -> _Fail:
        return _Fail(Diagnostic(self.lineno, column, message))

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def advance(self, kind: str | None = None) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        if kind is not None:
            self.mark(token, kind)
        return token

    def mark(self, token: Token, kind: str) -> None:
        self.out.spans.append(Span(self.lineno, token.column - 1, token.end - 1, kind))

    def where(self) -> int:
        token = self.peek()
        return token.column if token is not None else self.end_column

    def keyword(self, token: Token | None, *words: str) -> TypeGuard[Token]:
        return (
            token is not None
            and token.kind == "word"
            and token.text.casefold() in (words or KEYWORDS)
        )

    def is_op(self, token: Token | None, *ops: str) -> bool:
        return token is not None and token.kind == "op" and token.value in ops

    def is_plain_word(self, token: Token | None) -> bool:
        return token is not None and token.kind in ("word", "number") and not self.keyword(token)

    # ---- lines ---------------------------------------------------------------------------
    def parse(self) -> Define | FormatRule | ClassificationRule | MovementRule | None:
        lexed = tokenize(self.raw, self.lineno)
        self.tokens = lexed.tokens
        if lexed.error is not None:
            for token in self.tokens:
                self.mark_plain(token)
            raise _Fail(lexed.error)
        first = self.peek()
        if self.keyword(first, "define"):
            if lexed.arrow is not None:
                raise self.fail(
                    lexed.arrow.column,
                    "a define has no '->'; write define is_uncleaned = Cleaned != \"Yes\"",
                )
            return self.define()
        if self.section is None:
            return None
        return self.rule(lexed.arrow)

    def mark_plain(self, token: Token) -> None:
        kinds = {
            "string": "string",
            "number": "number",
            "op": "operator",
            "lparen": "operator",
            "rparen": "operator",
            "arrow": "operator",
        }
        if token.kind in kinds:
            self.mark(token, kinds[token.kind])
        elif self.keyword(token):
            self.mark(token, "keyword")

    def define(self) -> Define:
        self.advance("keyword")
        start = self.peek()
        words = self.words()
        if not words:
            raise self.fail(
                self.where(),
                "expected a name after 'define' (e.g. define is_uncleaned = Cleaned != \"Yes\")",
            )
        name = " ".join(w.text for w in words)
        for w in words:
            self.mark(w, "name")
        if not self.is_op(self.peek(), "="):
            raise self.fail(
                self.where(),
                f"expected '=' after 'define {name}' "
                '(e.g. define is_uncleaned = Cleaned != "Yes")',
            )
        self.advance("operator")
        condition = self.whole_condition(f"'define {name} ='")
        assert start is not None
        return Define(name, condition, self.lineno, start.column)

    def rule(self, arrow: Token | None) -> FormatRule | ClassificationRule | MovementRule:
        section = self.section
        assert section is not None
        if arrow is not None:  # a missing piece of the condition is reported at the arrow
            self.end_column = arrow.column
        if not self.tokens:
            assert arrow is not None
            raise self.fail(
                arrow.column, f"expected a condition before '->' (e.g. {EXAMPLES[section]})"
            )
        condition = self.whole_condition(None)
        if arrow is None:
            raise self.fail(
                len(self.raw.rstrip()) + 1,
                f"expected '->' and a {TARGETS[section]} after "
                f"the condition (e.g. {EXAMPLES[section]})",
            )
        self.mark(arrow, "operator")
        if section == "movement":
            destination, column = self.destination(arrow)
            return MovementRule(condition, destination, self.lineno, column)
        name = self.target_name(arrow, section)
        if section == "formats":
            return FormatRule(condition, name, self.lineno)
        return ClassificationRule(condition, name, self.lineno)

    def target_name(self, arrow: Token, section: str) -> str:
        lexed = tokenize(self.raw, self.lineno, offset=arrow.end - 1, stop_at_arrow=False)
        if lexed.error is not None:
            raise _Fail(lexed.error)
        kind = "format" if section == "formats" else "classification"
        what = "format class" if section == "formats" else "classification"
        if not lexed.tokens:
            raise self.fail(arrow.end, f"expected a {TARGETS[section]} after '->'")
        for token in lexed.tokens:
            if token.kind not in ("word", "number"):
                raise self.fail(
                    token.column,
                    f"unexpected '{token.text}' in the {what} name; "
                    "names are words like to_be_cleaned or 12 Inch",
                )
            if self.keyword(token):
                raise self.fail(
                    token.column,
                    f"'{token.text}' is a keyword and cannot be part "
                    f"of a {what} name; pick another word",
                )
            self.mark(token, kind)
        return " ".join(t.text for t in lexed.tokens)

    def destination(self, arrow: Token) -> tuple[str, int]:
        rest = self.raw[arrow.end - 1 :]
        text = rest.strip()
        if not text:
            raise self.fail(
                arrow.end, "expected a folder name after '->' (e.g. 12 Inch Cleaning Pile)"
            )
        column = arrow.end + len(rest) - len(rest.lstrip())
        if text[0] in LOOKALIKES or text.startswith((">", "->")):
            raise self.fail(
                column,
                f"unexpected '{text[0]}' at the start of the folder name; "
                'write the name as it is, or quote it with plain "',
            )
        if text.startswith('"'):
            lexed = tokenize(self.raw, self.lineno, offset=column - 1, stop_at_arrow=False)
            if lexed.error is not None:
                raise _Fail(lexed.error)
            if len(lexed.tokens) > 1:
                extra = lexed.tokens[1]
                raise self.fail(
                    extra.column,
                    "unexpected text after the quoted folder name; "
                    "remove it or put it inside the quotes",
                )
            token = lexed.tokens[0]
            if not token.value.strip():
                raise self.fail(column, "the folder name is empty; write one between the quotes")
            self.mark(token, "folder")
            return token.value, column
        self.out.spans.append(Span(self.lineno, column - 1, column - 1 + len(text), "folder"))
        return text, column

    # ---- conditions ----------------------------------------------------------------------
    def whole_condition(self, after: str | None) -> Condition:
        if self.peek() is None:
            raise self.fail(self.end_column, f"expected a condition after {after}")
        condition = self.condition(0)
        leftover = self.peek()
        if leftover is not None:
            if leftover.kind == "rparen":
                raise self.fail(
                    leftover.column, "unexpected ')' with no '(' before it; remove it or add a '('"
                )
            if self.keyword(leftover, "and", "or"):
                symbol = "&&" if leftover.text.casefold() == "and" else "||"
                raise self.fail(leftover.column, f"write '{symbol}' instead of '{leftover.text}'")
            raise self.fail(
                leftover.column,
                f"unexpected '{leftover.text}' after the condition; join conditions with && or ||",
            )
        return condition

    def condition(self, depth: int) -> Condition:
        parts = [self.conjunction(depth)]
        while self.is_op(self.peek(), "||"):
            self.advance("operator")
            parts.append(self.conjunction(depth))
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def conjunction(self, depth: int) -> Condition:
        parts = [self.unary(depth)]
        while self.is_op(self.peek(), "&&"):
            self.advance("operator")
            parts.append(self.unary(depth))
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def unary(self, depth: int) -> Condition:
        negations = 0
        while self.is_op(self.peek(), "!"):
            self.advance("operator")
            negations += 1
        operand = self.primary(depth)
        if negations % 2 == 0:
            return operand
        # `!(!a)` is `a`: keeps the tree canonical, so printing and parsing again gives it back.
        return operand.operand if isinstance(operand, Not) else Not(operand)

    def primary(self, depth: int) -> Condition:
        token = self.peek()
        if token is None:
            previous = self.tokens[self.pos - 1].text
            raise self.fail(
                self.end_column,
                f"expected a condition after '{previous}' "
                f"(e.g. Cleaned unset); finish it or remove the "
                f"'{previous}'",
            )
        if token.kind == "lparen":
            if depth >= MAX_DEPTH:
                raise self.fail(
                    token.column,
                    f"parentheses nested deeper than {MAX_DEPTH}; simplify the condition",
                )
            self.advance("operator")
            inner = self.condition(depth + 1)
            closing = self.peek()
            if closing is None or closing.kind != "rparen":
                raise self.fail(
                    self.where(), f"missing ')' to close the '(' at column {token.column}"
                )
            self.advance("operator")
            return inner
        if token.kind == "rparen":
            raise self.fail(token.column, "unexpected ')': expected a condition before it")
        if token.kind == "op":
            if token.value in ("&&", "||"):
                raise self.fail(token.column, f"expected a condition before '{token.text}'")
            raise self.fail(
                token.column, f"expected a field before '{token.text}' (e.g. Cleaned = \"Yes\")"
            )
        if self.keyword(token, "and", "or", "not"):
            symbol = {"and": "&&", "or": "||", "not": "!"}[token.text.casefold()]
            raise self.fail(token.column, f"write '{symbol}' instead of '{token.text}'")
        if self.keyword(token, "contains"):
            self.advance("keyword")
            value = self.value("contains", FieldKind("formats", "tokens", "LP"))
            return Contains(value, token.line, token.column)
        if self.keyword(token, "field"):
            self.advance("keyword")
            name_token = self.peek()
            if name_token is not None and name_token.kind == "string":
                self.advance("field")
                name = name_token.value
            else:
                words = self.words()
                if not words:
                    raise self.fail(
                        self.where(),
                        "expected a custom field's name after 'field' "
                        '(e.g. field "Media Condition")',
                    )
                for w in words:
                    self.mark(w, "field")
                name = " ".join(w.text for w in words)
            return self.suffix(FieldRef(name, True, token.line, token.column), token)
        if self.keyword(token):
            raise self.fail(
                token.column,
                f"expected a field before '{token.text}' (e.g. Cleaned {token.text} ...)",
            )
        if token.kind == "string":
            self.advance("field")
            return self.suffix(FieldRef(token.value, True, token.line, token.column), token)
        return self.words_primary()

    def words(self) -> list[Token]:
        words: list[Token] = []
        while self.is_plain_word(self.peek()):
            words.append(self.advance())
        return words

    def words_primary(self) -> Condition:
        words = self.words()
        first = words[0]
        text = " ".join(w.text for w in words)
        after = self.peek()
        has_suffix = self.is_op(after, *COMPARISONS) or self.keyword(
            after, "contains", "is", "set", "unset", "older", "newer"
        )
        if has_suffix:
            for w in words:
                self.mark(w, "field")
            builtin = builtin_field(text)
            ref = FieldRef(builtin or text, builtin is None, first.line, first.column)
            return self.suffix(ref, first)
        if self.section == "formats":
            raise self.fail(
                first.column,
                f"format lines test the release's formats with 'contains': write contains {text}",
            )
        if after is not None and after.kind == "string":
            raise self.fail(
                after.column,
                f"expected an operator between '{text}' and "
                f"{after.text} (e.g. {text} = {after.text})",
            )
        if self.keyword(after, "than"):
            raise self.fail(
                after.column, "expected 'older' or 'newer' before 'than' (e.g. added older than 2y)"
            )
        span = Span(self.lineno, first.column - 1, words[-1].end - 1, "name")
        self.out.refs.append((span, self.section or "classification"))
        return Name(text, first.line, first.column)

    def suffix(self, ref: FieldRef, start: Token) -> Condition:
        kind = field_kind(ref.name, ref.custom)
        label = ref.name if not ref.custom else f'"{ref.name}"' if " " in ref.name else ref.name
        token = self.peek()
        if token is None or not (self.is_op(token, *COMPARISONS) or self.keyword(token)):
            raise self.fail(
                self.where(),
                f"expected a comparison after {label} "
                f"(e.g. {label} = {kind.example} or {label} is set)",
            )
        if self.keyword(token, "is"):
            self.advance("keyword")
            negated = self.keyword(self.peek(), "not")
            if negated:
                self.advance("keyword")
            after = self.peek()
            if not self.keyword(after, "set", "unset"):
                raise self.fail(
                    self.where(), f"expected 'set' or 'unset' after 'is' (e.g. {label} is set)"
                )
            assert after is not None
            self.advance("keyword")
            is_set = (after.text.casefold() == "set") != negated
            return SetTest(ref, is_set, start.line, start.column)
        if self.keyword(token, "set", "unset"):
            self.advance("keyword")
            return SetTest(ref, token.text.casefold() == "set", start.line, start.column)
        if self.keyword(token, "older", "newer"):
            if kind.kind not in ("date", "custom"):
                raise self.fail(
                    token.column,
                    f"only dates have an age; {label} is not a date (e.g. added older than 2y)",
                )
            self.advance("keyword")
            if not self.keyword(self.peek(), "than"):
                raise self.fail(
                    self.where(),
                    f"expected 'than' after '{token.text}' (e.g. {label} {token.text} than 2y)",
                )
            self.advance("keyword")
            amount, unit = self.age()
            older = token.text.casefold() == "older"
            return AgeTest(ref, older, amount, unit, start.line, start.column)
        if self.keyword(token, "contains") or self.is_op(token, *COMPARISONS):
            op = token.value if token.kind == "op" else "contains"
            if op not in OPERATORS[kind.kind]:
                raise self.fail(token.column, _operator_message(label, kind, op))
            self.advance("keyword" if op == "contains" else "operator")
            value = self.value(op, kind)
            _check_value(self, label, kind, op, value)
            if kind.kind == "tokens":
                return Contains(value, start.line, start.column)
            return Compare(ref, op, value, start.line, start.column)
        raise self.fail(
            token.column,
            f"unexpected '{token.text}' after {label}; expected a "
            f"comparison (e.g. {label} = {kind.example})",
        )

    def value(self, op: str, kind: FieldKind) -> LiteralValue:
        token = self.peek()
        if token is not None and token.kind == "string":
            self.advance("string")
            self.value_token = token
            return LiteralValue(token.value, quoted=True)
        # A value runs to the next operator, so keywords may be part of it (`contains Box Set`).
        words: list[Token] = []
        while (token := self.peek()) is not None and token.kind in ("word", "number"):
            words.append(self.advance())
        if not words:
            raise self.fail(self.where(), f"expected a value after '{op}' (e.g. {kind.example})")
        self.value_token = words[0]
        for w in words:
            self.mark(w, "number" if w.kind == "number" else "string")
        return LiteralValue(" ".join(w.text for w in words))

    def age(self) -> tuple[int, str]:
        token = self.peek()
        example = "e.g. 2y, 3w, 10d or 6m"
        if token is None or token.kind not in ("word", "number"):
            raise self.fail(self.where(), f"expected an age after 'than' ({example})")
        match = AGE.fullmatch(token.text)
        if match is None:
            raise self.fail(
                token.column, f"expected an age like 2y, not '{token.text}' ({example})"
            )
        self.advance("number")
        unit = match.group(2)
        unit_column = token.column + len(match.group(1))
        if not unit:
            following = self.peek()
            if not self.is_plain_word(following):
                raise self.fail(
                    token.end,
                    f"add a unit to {token.text}: d (days), w (weeks), "
                    f"m (months) or y (years), e.g. {token.text}y",
                )
            assert following is not None
            unit, unit_column = following.text, following.column
            self.advance("number")
        if unit.casefold() not in AGE_UNITS:
            raise self.fail(
                unit_column,
                f"unknown age unit '{unit}'; use d (days), w (weeks), "
                f"m (months) or y (years), e.g. {match.group(1)}y",
            )
        return int(match.group(1)), AGE_UNITS[unit.casefold()]


def _operator_message(label: str, kind: FieldKind, op: str) -> str:
    if kind.kind == "date":
        return f"compare dates with 'older than' or 'newer than' (e.g. {label} older than 2y)"
    if kind.kind == "number":
        return f"{label} is a number; compare it with = != < <= > >= (e.g. {label} >= 4)"
    if kind.kind == "size":
        return "size is regular or oversized; compare it with = or != (e.g. size = oversized)"
    if kind.kind == "status":
        return f'{label} is compared with = or != (e.g. {label} = "For Sale")'
    if kind.kind == "tokens":
        return "formats is tested with contains (e.g. formats contains LP)"
    return f"'{op}' does not apply to {label}; use = != or contains"


def _check_value(line: _Line, label: str, kind: FieldKind, op: str, value: LiteralValue) -> None:
    assert line.value_token is not None
    column = line.value_token.column
    if kind.kind == "number" and (value.quoted or not NUMBER.fullmatch(value.text)):
        hint = (
            "write it without quotes"
            if NUMBER.fullmatch(value.text)
            else f"write e.g. {label} {op} {kind.example}"
        )
        raise line.fail(column, f'{label} is a number, not "{value.text}"; {hint}')
    if kind.kind == "size" and value.text.casefold() not in SIZES:
        raise line.fail(column, f'size is regular or oversized, not "{value.text}"')
    if kind.kind == "status" and value.text.casefold() not in {s.casefold() for s in STATUSES}:
        raise line.fail(
            column, f'unknown listing status "{value.text}"; use one of: ' + ", ".join(STATUSES)
        )
