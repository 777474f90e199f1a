"""Classify synthetic collections with a realistic rule set; prints records, seconds, µs/record.

Run: python tests/bench/bench_rules.py
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from gramtui.domain.records import Artist, Format, Label, Record, Release  # noqa: E402
from gramtui.domain.rules import (  # noqa: E402
    RecordFacts,
    RuleContext,
    check,
    classify_many,
    count_matches,
)

NOW = datetime(2026, 5, 1, tzinfo=UTC)

RULES = """\
define is_uncleaned = Cleaned != "Yes"
define fresh = added newer than 3w

[formats]
contains Box Set -> Box
contains 10 -> 10 Inch
contains Cassette -> Tape

[classification]
folder = "Incoming" && fresh -> new_arrival
Cleaned unset && (format = "12 Inch" || format = "7 Inch") -> to_be_cleaned
is_uncleaned && !(format = "CD" || format = "File") -> to_be_cleaned
listing status = "For Sale" -> for_sale
copies > 1 && rating <= 2 -> duplicate
rating >= 4 && year < 1980 -> treasure
field "Media Condition" = "Poor (P)" || added older than 10y && rating = 1 -> to_sell
size = oversized -> oversized

[movement]
new_arrival -> Incoming
to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile
to_be_cleaned && 7 Inch -> 7 Inch Cleaning Pile
to_be_cleaned -> Cleaning Pile
for_sale -> For Sale
duplicate || to_sell -> Sell Pile
treasure && 12 Inch -> Treasures
oversized -> Boxes
"""

FOLDERS = {
    "Incoming",
    "12 Inch Cleaning Pile",
    "7 Inch Cleaning Pile",
    "Cleaning Pile",
    "For Sale",
    "Sell Pile",
    "Treasures",
    "Boxes",
    "12 Inch",
    "7 Inch",
    "CD",
}
FIELDS = {"Cleaned", "Media Condition"}

FORMATS = [
    (Format("Vinyl", 1, ("LP", "Album", '12"')),),
    (Format("Vinyl", 1, ('7"', "45 RPM", "Single")),),
    (Format("CD", 1, ("Album",)),),
    (Format("File", 1, ("MP3", "Album")),),
    (Format("Vinyl", 4, ("LP", "Album")), Format("Box Set", 1, ())),
    (Format("Vinyl", 1, ('10"', "EP")),),
    (Format("Cassette", 1, ("Album",)),),
]


def collection(n: int, seed: int = 7) -> list[tuple[Record, RecordFacts]]:
    rng = random.Random(seed)
    items = []
    for i in range(n):
        release = Release(
            id=i // 2,
            title=f"Title {i}",
            artists=(Artist(f"Artist {i % 900}"),),
            labels=(Label(f"Label {i % 300}", f"CAT-{i}"),),
            formats=rng.choice(FORMATS),
            year=rng.choice([None, *range(1955, 2025)]),
        )
        fields = {}
        if rng.random() < 0.7:
            fields["Cleaned"] = rng.choice(["Yes", "No"])
        if rng.random() < 0.3:
            fields["Media Condition"] = rng.choice(["Mint (M)", "Poor (P)", "Very Good (VG)"])
        record = Record(
            instance_id=i,
            release=release,
            folder_id=1,
            date_added=NOW - timedelta(days=rng.randrange(0, 6000)),
            rating=rng.randrange(0, 6),
            fields=fields,
            size="oversized" if rng.random() < 0.02 else "regular",
        )
        facts = RecordFacts(
            folder_name=rng.choice(sorted(FOLDERS)),
            listing_status=rng.choice([None, None, None, "For Sale", "Sold"]),
            copies=rng.choice([1, 1, 1, 2]),
        )
        items.append((record, facts))
    return items


def main() -> None:
    result = check(RULES, RuleContext(FOLDERS, FIELDS))
    if result.rules is None:
        raise SystemExit("\n".join(map(str, result.diagnostics)))
    rules = result.rules
    print(f"{'records':>8} {'what':<14} {'seconds':>8} {'µs/record':>10}")
    for n in (10_000, 50_000):
        items = collection(n)
        for what, run in (("classify_many", classify_many), ("count_matches", count_matches)):
            best = min(_timed(run, rules, items) for _ in range(3))
            print(f"{n:>8} {what:<14} {best:>8.3f} {best / n * 1e6:>10.1f}")


def _timed(run, rules, items) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    run(rules, items, NOW)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
