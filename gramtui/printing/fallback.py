"""Readable stand-ins for text a receipt printer cannot encode.

Slips are written in code page 437, the one every ESC/POS printer has (slot 0). A character it
lacks becomes, in turn: a transliteration (Cyrillic, Greek, Japanese kana, typographic
punctuation, a few Latin letters such as "ø" and "ł"), its compatibility decomposition without accents ("ő" -> "o", "ﬁ" -> "fi",
full-width "Ａ" -> "A"), or anyascii's transliteration (hangul, Chinese characters and kanji in
pinyin, Arabic, Hebrew, Thai, emoji by name...), never "?". Control characters never reach the
printer: a stray ESC in a Discogs title would otherwise be read as a command.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

CODEPAGE = "cp437"  # python's name for it; python-escpos calls it "CP437"

_PUNCTUATION = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2022": "\u00b7",
    "\u30fb": "\u00b7", "\u3001": ", ", "\u3002": ". ", "\u300c": '"', "\u300d": '"',
    "\u300e": '"', "\u300f": '"', "\u00d7": "x", "\u2026": "...",
}  # fmt: skip

# Latin letters that have no decomposition to fall back on
_LATIN = {
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
    "Þ": "Th", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng",
}  # fmt: skip

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "є": "ye",
    "і": "i", "ї": "yi", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj",
    "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip

_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip

# Hiragana in Hepburn; katakana are the same letters 0x60 code points higher.
_KANA = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o", "か": "ka", "き": "ki", "く": "ku",
    "け": "ke", "こ": "ko", "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to", "な": "na", "に": "ni",
    "ぬ": "nu", "ね": "ne", "の": "no", "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he",
    "ほ": "ho", "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo", "や": "ya",
    "ゆ": "yu", "よ": "yo", "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
}  # fmt: skip
_SMALL_VOWELS = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o", "ゎ": "wa"}
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_VOICED = {"k": "g", "s": "z", "sh": "j", "t": "d", "ch": "j", "ts": "z", "h": "b", "f": "b"}
_SEMI_VOICED = {"h": "p", "f": "p"}
_DAKUTEN, _HANDAKUTEN = "\u3099", "\u309a"
_SOKUON, _LONG = "っ", "ー"
_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]+")


def printable(text: str) -> str:
    """`text` as the printer will print it: every character encodable in code page 437."""
    if text.isascii() and text.isprintable():
        return text  # the common case, and most of the time spent rendering a big batch
    return "".join(_char(c) for c in _romanise_kana(text))


def _as_hiragana(c: str) -> str:
    return chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c


def _kana_syllable(c: str) -> str | None:
    """The romaji of one (possibly voiced) kana, or None when `c` is not one."""
    decomposed = unicodedata.normalize("NFD", _as_hiragana(c))
    base, marks = decomposed[0], decomposed[1:]
    romaji = _KANA.get(base)
    if romaji is None:
        return None
    if marks and romaji == "u":
        return "vu"  # ヴ, the one voiced vowel
    if marks:
        consonant, vowel = romaji[:-1], romaji[-1]
        table = _VOICED if marks[0] == _DAKUTEN else _SEMI_VOICED
        romaji = table.get(consonant, consonant) + vowel
    return romaji


def _romanise_kana(text: str) -> str:
    # half-width katakana (and their separate voicing marks) to the full-width letters
    text = _HALF_WIDTH_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    out: list[str] = []
    double_next = False
    for c in text:
        h = _as_hiragana(c)
        syllable = _kana_syllable(c)
        if syllable is not None:
            if double_next and syllable[0] not in "aeiou":
                syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double_next = False
            out.append(syllable)
            continue
        double_next = False
        last = out[-1] if out else ""
        if h == _SOKUON:
            double_next = True
        elif h in _SMALL_Y and last.endswith("i"):
            head = last[:-1]
            out[-1] = head + ("" if head in ("sh", "ch", "j") else "y") + _SMALL_Y[h]
        elif h in _SMALL_Y:
            out.append("y" + _SMALL_Y[h])
        elif h in _SMALL_VOWELS:
            if last and last[-1] in "aeiou" and len(last) > 1:
                out[-1] = last[:-1] + _SMALL_VOWELS[h]  # ファ -> fa, ティ -> ti
            else:
                out.append(_SMALL_VOWELS[h])
        elif c == _LONG and last and last[-1] in "aeiou":
            out.append(last[-1])  # コーヒー -> koohii
        else:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=4096)
def _char(c: str) -> str:
    category = unicodedata.category(c)
    if category == "Cc" or c in "\u2028\u2029":
        return " " if c in "\t\n\r\v\f\x85" else ""
    if category == "Cf":  # zero-width joiners, direction marks
        return ""
    if c in _PUNCTUATION:
        return _PUNCTUATION[c]
    if c in _LATIN:
        return _LATIN[c]
    lower = c.lower()
    script = _CYRILLIC.get(lower, _GREEK.get(lower))
    if script is not None:
        return script if c == lower else script.capitalize()
    if _encodable(c):
        return c
    decomposed = unicodedata.normalize("NFKD", c)
    if decomposed != c:
        bases = [d for d in decomposed if not unicodedata.combining(d)]
        # accents dropped and compatibility forms ("ő", "ﬁ", "Ａ"); not hangul syllables, whose
        # jamo read worse one by one than the syllable does
        if bases and all(
            _encodable(d)
            or d in _LATIN
            or d in _PUNCTUATION
            or d.lower() in _CYRILLIC
            or d.lower() in _GREEK
            for d in bases
        ):
            parts = [_char(d) for d in bases]
            if all(parts):
                return "".join(parts)
    if c.isspace():
        return " "
    return anyascii(c)  # ASCII, so always printable; "" for what has no reading


def readable(text: str) -> bool:
    """Whether the printed form of `text` still says something (a letter or a digit)."""
    return any(ch.isalnum() for ch in printable(text))


def _encodable(c: str) -> bool:
    try:
        c.encode(CODEPAGE)
    except UnicodeEncodeError:
        return False
    return True
