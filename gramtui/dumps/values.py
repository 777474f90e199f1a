"""Small conversions of dump values: dates, durations, catalogue numbers, barcodes."""

from __future__ import annotations

import functools
import re

_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_NOT_DIGIT = re.compile(r"[^0-9]+")


def year_of(released: str) -> int | None:
    """1999 from "1999-03-00", "1999" or "1999-03-12"; None for "", "0000" or "?"."""
    head = released[:4]
    if len(head) == 4 and head.isdigit():
        year = int(head)
        return year if year > 0 else None
    return None


@functools.lru_cache(maxsize=1 << 16)  # durations repeat: "3:28" is met thousands of times
def duration_seconds(text: str) -> int | None:
    """285 from "4:45", 3723 from "1:02:03"; None when empty or not a duration."""
    parts = text.strip().split(":")
    if not parts or not all(p.isdigit() for p in parts) or len(parts) > 3:
        return None
    seconds = 0
    for p in parts:
        seconds = seconds * 60 + int(p)
    return seconds


def normalise_catno(catno: str) -> str:
    """Catalogue numbers as matchers compare them: upper case, letters and digits only."""
    if catno.strip().casefold() == "none":
        return ""
    return _NOT_ALNUM.sub("", catno.upper())


def barcode_digits(value: str) -> str:
    return _NOT_DIGIT.sub("", value)


_DUMP_DATE = re.compile(r"discogs_(\d{4})(\d{2})(\d{2})_")


def dump_date(file_name: str) -> str:
    """ "2020-08-06" from discogs_20200806_releases.xml.gz; "" when the name carries no date."""
    match = _DUMP_DATE.search(file_name)
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else ""
