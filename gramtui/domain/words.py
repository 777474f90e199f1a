"""Counts in words: "1 record", "2 records", never "1 records"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the number it needs ("1 entry", "3 entries" with plural="entries")."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
