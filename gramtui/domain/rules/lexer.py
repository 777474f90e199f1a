"""Splitting one line of a rule into tokens. Columns are 1-based character positions (a tab counts
as one character). Lexing stops at the first `->`: what follows is the rule's target, read raw,
because folder names may contain any character."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gramtui.domain.rules.diagnostics import Diagnostic

# Characters that look like syntax but are not, each with the fix.
LOOKALIKES: dict[str, str] = {
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "＂": '"',
    "«": '"',
    "»": '"',
    "→": "->",
    "⇒": "->",
    "⟶": "->",
    "➔": "->",
    "➜": "->",
    "⟹": "->",
    "≠": "!=",
    "≤": "<=",
    "≥": ">=",
    "＝": "=",
    "＜": "<",
    "＞": ">",
    "∧": "&&",
    "∨": "||",
    "¬": "!",
    "！": "!",
    "（": "(",
    "）": ")",
}
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
WORD_PUNCTUATION = frozenset("_.'/+:%?’‘-–—")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

# Longest first, so `<=` is not read as `<` then `=`.
OPERATORS = ("->", "&&", "||", "!=", "==", "<=", ">=", "=", "<", ">", "!")
MISTYPED: dict[str, str] = {
    "=>": "'=>' is not an operator; write '>=' for at least, or '->' before the target",
    "=<": "'=<' is not an operator; write '<=' for at most",
    "<>": "'<>' is not an operator; write '!=' for not equal",
    "=!": "'=!' is not an operator; write '!=' for not equal",
    "<-": "arrows point right: write '->' before the target",
    "&": "'&' is not an operator; write '&&' for and",
    "|": "'|' is not an operator; write '||' for or",
}


@dataclass(frozen=True, slots=True)
class Token:
    """kind: word, number, string, op, lparen, rparen or arrow. `value` is a string's content."""

    kind: str
    text: str
    value: str
    line: int
    column: int

    @property
    def end(self) -> int:
        """The column just after the token."""
        return self.column + len(self.text)


@dataclass(frozen=True, slots=True)
class Lexed:
    tokens: tuple[Token, ...]
    arrow: Token | None  # the first `->`, if lexing reached one
    error: Diagnostic | None


def tokenize(text: str, line: int, offset: int = 0, stop_at_arrow: bool = True) -> Lexed:
    """Tokens of `text[offset:]`; never raises, reports the first problem as `error`."""
    tokens: list[Token] = []
    i, n = offset, len(text)

    def fail(at: int, message: str) -> Lexed:
        return Lexed(tuple(tokens), None, Diagnostic(line, at + 1, message))

    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c in INVISIBLE:
            return fail(i, f"invisible character U+{ord(c):04X} here; delete it")
        if c in "–—" and text.startswith(">", i + 1):
            return fail(i, f"'{c}>' uses a dash; write '->' with a plain hyphen")
        if c in LOOKALIKES:
            return fail(
                i,
                f"'{c}' is not {LOOKALIKES[c]!r}; type a plain {LOOKALIKES[c]}"
                " (your editor may have replaced it)",
            )
        if c == '"':
            end = _string_end(text, i)
            if end < 0:
                return fail(i, 'this string has no closing quote; add a " at its end')
            raw = text[i:end]
            tokens.append(Token("string", raw, _unescape(raw[1:-1]), line, i + 1))
            i = end
            continue
        if c == "#":
            return fail(
                i,
                "'#' starts a comment only at the start of a line; "
                "put the comment on its own line or quote the value",
            )
        two = text[i : i + 2]
        if two in MISTYPED or (c in "&|" and two not in ("&&", "||")):
            key = two if two in MISTYPED else c
            return fail(i, MISTYPED[key])
        op = next((o for o in OPERATORS if text.startswith(o, i)), None)
        if op is not None:
            kind = "arrow" if op == "->" else "op"
            token = Token(kind, op, "=" if op == "==" else op, line, i + 1)
            tokens.append(token)
            i += len(op)
            if kind == "arrow" and stop_at_arrow:
                return Lexed(tuple(tokens[:-1]), token, None)
            continue
        if c in "()":
            tokens.append(Token("lparen" if c == "(" else "rparen", c, c, line, i + 1))
            i += 1
            continue
        if c.isalnum() or c in WORD_PUNCTUATION:
            start = i
            while i < n and (text[i].isalnum() or text[i] in WORD_PUNCTUATION):
                if text[i] in "-–—" and text.startswith(">", i + 1):
                    break
                i += 1
            word = text[start:i]
            kind = "number" if NUMBER.fullmatch(word) else "word"
            tokens.append(Token(kind, word, word, line, start + 1))
            continue
        return fail(
            i, f"unexpected character '{c}'; quote values that contain it, e.g. \"Rock, Pop\""
        )
    return Lexed(tuple(tokens), None, None)


def _string_end(text: str, start: int) -> int:
    """The index just after the closing quote of the string opening at `start`, or -1."""
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    return -1


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", r"\1", body)


def quote(text: str) -> str:
    """A string literal that the lexer reads back as `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
