"""Text from elsewhere made safe for a terminal: the one place control characters are handled.

Titles, artists, labels, notes and error messages come from Discogs (and later eBay) and are
data: a title holding `ESC[2J` must not clear the screen, `ESC]0;…BEL` must not retitle the
window, a CR must not overwrite the line, a bidi override must not reorder what is shown. Every
surface that shows such text to a terminal (the TUI's widgets, the commands' text output, error
lines) passes it through `printable`; eBay data uses the same function. JSON output does not:
its encoder escapes control characters already, and JSON must keep the data as it is. The
receipt printer has a stricter filter of its own (printing/fallback.py: code page 437 only).

The policy, character by character (so printable(a + b) == printable(a) + printable(b), and
printable is idempotent):
- C0 controls U+0000–U+001F and DEL become their Unicode control pictures (ESC -> ␛, BEL -> ␇,
  CR -> ␍, U+2400 + code; DEL -> ␡), so the user sees that something odd is there;
- tab and newline: with `multiline=False` (one field on one line: a table cell, a list row) they
  become ␉ and ␊ like the rest; with `multiline=True` (a block of lines the app built: a command's
  output, a detail panel) they are kept;
- C1 controls U+0080–U+009F (CSI U+009B, OSC U+009D, NEL U+0085 ...) have no pictures and become
  the text `\\x9b`;
- bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the line and
  paragraph separators (U+2028, U+2029) become the text `\\u202e`. The marks LRM, RLM and ALM
  stay: they are harmless and real titles in Hebrew or Arabic use them.
Everything else, including every printable character of every script, is left alone.
"""

from __future__ import annotations

_BIDI_AND_SEPARATORS = (
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
)


def _table(multiline: bool) -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x7F] = "\u2421"
    table.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
    table.update({code: f"\\u{code:04x}" for code in _BIDI_AND_SEPARATORS})
    if multiline:
        del table[ord("\n")], table[ord("\t")]
    return table


_ONE_LINE = _table(multiline=False)
_LINES = _table(multiline=True)


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character made visible (see the module's policy)."""
    if text.isprintable():  # the usual case, checked in C: none of the characters above
        return text
    return text.translate(_LINES if multiline else _ONE_LINE)


def is_printable(text: str, *, multiline: bool = False) -> bool:
    """True when `printable` would leave `text` as it is (nothing odd in it)."""
    return printable(text, multiline=multiline) == text
