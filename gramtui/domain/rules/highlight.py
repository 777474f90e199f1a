"""Spans for syntax highlighting, for text as it is being typed (errors included)."""

from __future__ import annotations

from gramtui.domain.rules.names import names_of
from gramtui.domain.rules.parser import parse_partial, rule_lines
from gramtui.domain.rules.span import Span

_REF_KINDS = {"define": "name", "label": "classification", "format": "format"}


def highlight(text: str) -> list[Span]:
    """Spans sorted by line and start; a bare name nothing defines is an `error` span."""
    parsed = parse_partial(text)
    names = names_of(parsed.rules)
    spans = list(parsed.spans)
    for span, section in parsed.refs:
        found = names.resolve(text_of(text, span), section)
        kind = _REF_KINDS[found[0]] if found is not None else "error"
        spans.append(Span(span.line, span.start, span.end, kind))
    errors = [s for s in spans if s.kind == "error"]
    kept = [s for s in spans if s.kind == "error" or not any(_overlap(s, e) for e in errors)]
    return sorted(set(kept), key=lambda s: (s.line, s.start, s.end))


def text_of(text: str, span: Span) -> str:
    return rule_lines(text)[span.line - 1][span.start : span.end]


def _overlap(a: Span, b: Span) -> bool:
    return a.line == b.line and a.start < b.end and b.start < a.end
