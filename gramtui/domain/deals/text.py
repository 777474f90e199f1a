"""Listing titles and catalogue names reduced to comparable words.

Folding: accents off, lower case, apostrophes dropped, `&` as a word. Catalogue numbers are
normalised by dropping case, spaces, hyphens, dots and slashes ("CL-1355", "cl 1355", "CL.1355"
are one number). Noise is what sellers add that says nothing about which record it is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_CATNO_DROP = re.compile(r"[\s\-./_]+")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_ARTIST_NUMBER = re.compile(r"\s*\(\d+\)\s*$")  # Discogs tells namesakes apart: "Nirvana (2)"

STOPWORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "to",
        "de",
        "la",
        "le",
        "les",
        "el",
        "der",
        "die",
        "das",
        "by",
        "with",
        "for",
        "at",
        "from",
        "feat",
        "ft",
    }
)

# Words a seller adds about the copy, the format or the sale: grades, format words, hype.
NOISE = frozenset(
    """
lp lps 2lp 3lp 4lp 2xlp 3xlp 2x 3x lp2 vinyl vinyle vinilo records record album albums ep
single 12inch 7inch 10inch inch rpm 33 45 78 33rpm 45rpm 78rpm 2cd 3cd 180 180g 180gm 180gram 200g 140g gram
grams heavyweight gatefold gf sealed new unplayed still shrink shrinkwrap hype sticker stickers
mint nm vg vgplus ex exc excellent near good plus fair poor m g f p nmint
rare l look looks k wow htf oop scarce original orig og 1st first press pressing pressed
reissue reiss repress re remastered remaster rem mono stereo promo promotional import
ltd limited edition ed numbered colored coloured color colour clear splatter marble
translucent free shipping ship fast nice clean plays play tested great condition cond used
vintage obi insert inserts inner sleeve sleeves cover jacket wlp white label test cd cds cdr
cassette cassettes tape tapes mc cass compact disc discs digipak jewel case box set boxset
uk us usa german germany japan japanese jp french france eu euro europe canada canadian dutch
holland italy italian aus australia australian
""".split()
)

LOT_WORDS = frozenset({"lot", "lots", "joblot", "bundle", "bundles", "collection", "crate"})
VOLUME_WORDS = frozenset(
    {"vol", "volume", "vols", "part", "pt", "no", "chapter", "book", "episode", "series"}
)
ROMAN = frozenset(
    {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"}
)  # not v, x: words too

# Listing words that say the format, and the family each belongs to.
FORMAT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "lp",
            "lps",
            "2lp",
            "3lp",
            "4lp",
            "2xlp",
            "3xlp",
            "lp2",
            "vinyl",
            "vinyle",
            "vinilo",
            "12inch",
            "7inch",
            "10inch",
            "45rpm",
            "33rpm",
            "180g",
            "180gm",
            "180gram",
            "200g",
            "140g",
        ),
        "Vinyl",
    ),
    **dict.fromkeys(("cd", "cds", "cdr", "2cd", "3cd", "digipak"), "CD"),
    **dict.fromkeys(("cassette", "cassettes", "tape", "tapes", "mc", "cass"), "Cassette"),
    **dict.fromkeys(("78rpm", "shellac"), "Shellac"),
    **dict.fromkeys(("dvd",), "DVD"),
}

# Discogs format names and the family each belongs to; names not here are their own family.
_FAMILIES = {
    "Vinyl": "Vinyl",
    "Lathe Cut": "Vinyl",
    "Flexi-disc": "Vinyl",
    "Acetate": "Vinyl",
    "CD": "CD",
    "CDr": "CD",
    "SACD": "CD",
    "Hybrid": "CD",
    "Cassette": "Cassette",
    "Shellac": "Shellac",
    "DVD": "DVD",
    "DVDr": "DVD",
    "File": "File",
}
ANY_FORMAT = "All Media"  # a Discogs format that agrees with any listing


def strip_controls(text: str) -> str:
    """Terminal escapes and control characters out (they are data, never instructions)."""
    if text.isprintable():
        return text
    text = _ANSI.sub("", text)
    return "".join(ch if ch.isprintable() else " " for ch in text)


def fold(text: str) -> str:
    text = strip_controls(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("'", "").replace("\u2019", "").replace("&", " and ")
    if any(ch.isdigit() for ch in text):
        # 12" and 7" are formats, as are 45 rpm, 2 x LP, 180 gram: one word each.
        text = re.sub(r"\b(7|10|12)\s*(\"|''|in\b|inch\b)", r" \1inch ", text)
        text = re.sub(r"\b(33|45|78)\s*rpm\b", r" \1rpm ", text)
        text = re.sub(r"\b(\d)\s*x\s*(lp|cd)s?\b", r" \1\2 ", text)
        text = re.sub(r"\b(\d{3})\s*(g|gm|gram|grams)\b", r" \1g ", text)
    return text


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def normalise_catno(catno: str) -> str:
    return _CATNO_DROP.sub("", fold(catno))


def useful_catno(normalised: str) -> bool:
    """Short or digit-free numbers ("LP", "none", "1") would match far too much."""
    return 4 <= len(normalised) <= 24 and _DIGIT.search(normalised) is not None


@lru_cache(maxsize=100_000)  # catalogue names recur across candidates and pressings
def artist_words(artist: str) -> list[str]:
    names = [_ARTIST_NUMBER.sub("", part) for part in re.split(r"\s*,\s*", artist)]
    return [w for w in words(" ".join(names)) if w not in STOPWORDS]


@lru_cache(maxsize=100_000)
def title_words(title: str) -> list[str]:
    return [w for w in words(title) if w not in STOPWORDS]


@lru_cache(maxsize=20_000)
def label_words(labels: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words(" ".join(labels)))


def format_family(name: str) -> str:
    return _FAMILIES.get(name, name)


def listing_formats(tokens: list[str]) -> frozenset[str]:
    return frozenset(FORMAT_WORDS[t] for t in tokens if t in FORMAT_WORDS)


def is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2039
