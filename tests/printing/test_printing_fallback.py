"""The printer fallback: readable text in code page 437 for anything, never an exception."""

from __future__ import annotations

import pytest

from gramtui.printing.fallback import printable


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Motörhead · Françoise Hardy · Ñandú", "Motörhead · Françoise Hardy · Ñandú"),
        ("Кино — Группа крови", "Kino - Gruppa krovi"),
        ("Щедрик, Ёлка, ЖУК, объём", "Shchedrik, Yolka, ZhUK, obyom"),
        ("Ελληνικά", "Ellinika"),
        ("はっぴいえんど", "happiiendo"),
        ("ﾊｯﾋﾟｰｴﾝﾄﾞ", "happiiendo"),
        ("イエロー・マジック・オーケストラ", "ieroo·majikku·ookesutora"),
        ("チャットモンチー", "chattomonchii"),
        ("ヴァンパイア", "vanpaia"),
        ("坂本龍一", "BanBenLongYi"),  # kanji in Chinese readings: readable, never "?"
        ("風街ろまん", "FengJieroman"),
        ("김광석 - 서른 즈음에", "GimGwangSeog - SeoLeun JeuEumE"),
        ("فيروز", "fyrwz"),
        ("周杰倫", "ZhouJieLun"),
        ("Łódź, Bjørk, Þór, œuvre", "Lódz, Bjork, Thór, oeuvre"),
        ("São Paulo … “Live” ‘74", 'Sao Paulo ... "Live" \'74'),
        ("Ａｂｃ ﬁne", "Abc fine"),
        ("Title\x1b@\x1d(k with\tcontrol\ncodes\u200b", "Title@(k with control codes"),
        ("🎵 Emoji", ":musical_note: Emoji"),
    ],
)
def test_text_the_printer_cannot_encode_prints_readably(text: str, printed: str) -> None:
    assert printable(text) == printed


def test_every_character_comes_out_encodable_without_an_exception() -> None:
    plane_0 = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    everything = "".join(map(chr, plane_0 + list(range(0x10000, 0x110000, 97))))
    for start in range(0, len(everything), 4096):
        out = printable(everything[start : start + 4096])
        out.encode("cp437")
        assert not any(ord(c) < 32 for c in out), "a control character reached the printer"


def test_no_letter_of_a_living_script_prints_as_a_question_mark() -> None:
    # Issue 13 item 3: kanji, hangul and Arabic printed as "??".
    scripts = [
        (0x4E00, 0x9FFF),
        (0xAC00, 0xD7A3),
        (0x0621, 0x064A),
        (0x0E01, 0x0E2E),
        (0x05D0, 0x05EA),
        (0x0905, 0x0939),
    ]  # CJK, hangul, Arabic, Thai, Hebrew, Devanagari
    for low, high in scripts:
        text = "".join(map(chr, range(low, high + 1, 7)))
        assert "?" not in printable(text), hex(low)
