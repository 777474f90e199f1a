"""printable(): every control character of outside text made visible, nothing else touched."""

from __future__ import annotations

import pytest

from gramtui.domain.text import is_printable, printable

HOSTILE = [
    "Clear\x1b[2JScreen",
    "Title\x1b]0;pwned\x07",
    "Bell\x07",
    "Over\rwrite",
    "C1 \x9b2J",
    "NEL\x85",
    "Del\x7f",
    "Nul\x00",
    "Back\x08space",
    "Bidi \u202eevil\u202c",
    "Iso\u2066x\u2069",
    "Line\u2028sep",
    "Tab\there",
    "New\nline",
]


def _bad(text: str, *, multiline: bool) -> list[str]:
    allowed = {"\n", "\t"} if multiline else set()
    return [
        c
        for c in text
        if c not in allowed
        and (
            ord(c) < 0x20
            or 0x7F <= ord(c) <= 0x9F
            or 0x202A <= ord(c) <= 0x202E
            or 0x2066 <= ord(c) <= 0x2069
            or c in "\u2028\u2029"
        )
    ]


@pytest.mark.parametrize("text", HOSTILE)
def test_nothing_hostile_survives(text: str) -> None:
    assert _bad(printable(text), multiline=False) == []
    assert _bad(printable(text, multiline=True), multiline=True) == []


def test_the_visible_forms() -> None:
    assert printable("A\x1b[2JB") == "A␛[2JB"
    assert printable("T\x1b]0;x\x07") == "T␛]0;x␇"
    assert printable("a\rb\x7f") == "a␍b␡"
    assert printable("\x9b2J") == "\\x9b2J"
    assert printable("\u202eabc") == "\\u202eabc"
    assert printable("a\tb\nc") == "a␉b␊c"
    assert printable("a\tb\nc\r", multiline=True) == "a\tb\nc␍"


def test_ordinary_text_of_every_script_is_left_alone() -> None:
    for text in (
        "Sigur Rós — Ágætis byrjun",
        "坂本龍一",
        "שלום\u200f (RLM)",
        "Ελληνικά",
        "AC/DC [/live]",
        "café  ½ ♫ 🎵",
        "Mötley Crüe\u00a0Live",
        "",
    ):
        assert printable(text) == text and is_printable(text)


def test_idempotent_and_character_by_character() -> None:
    for a in HOSTILE:
        once = printable(a)
        assert printable(once) == once
        for b in HOSTILE:
            assert printable(a + b) == printable(a) + printable(b)
    assert not is_printable("x\x1b")
