"""Time lay_out on 10,000 and 100,000 synthetic records against a bare sorted() of the same keys.

The records carry their releases' sort keys as the store reads them for a layout (Release.shelf,
written when a sync saves the release); "tight, keys computed" lays out the same records without
them. The ratio is against sorted() with the label sort's key function, as before; the stored
keys' own sorted() is printed beside it.

Run: python tests/bench/bench_layout.py
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from gramtui.domain.layout import lay_out  # noqa: E402
from gramtui.domain.organisation import (  # noqa: E402
    MAX_UNITS_PER_SPACE,
    Organisation,
    Source,
    Space,
)
from gramtui.domain.records import Artist, Folder, Format, Label, Record, Release  # noqa: E402
from gramtui.domain.sortkeys import sort_key  # noqa: E402

try:  # the code measured may predate the stored keys (PYTHONPATH at an older checkout)
    from gramtui.domain.sortkeys import shelf_keys  # noqa: E402
except ImportError:
    shelf_keys = None  # type: ignore[assignment]  # older code: its layouts compute every key
from gramtui.domain.widths import WidthSettings, widths_for  # noqa: E402

FOLDERS = (Folder(10, "12s"), Folder(11, "7s"), Folder(12, "CDs"))
FORMATS = (
    (Format("Vinyl", 1, ("LP", "Album")),),
    (Format("Vinyl", 2, ("LP", "Album", "Gatefold")),),
    (Format("Vinyl", 1, ('7"', "45 RPM", "Single")),),
    (Format("Vinyl", 1, ('10"',)),),
    (Format("CD", 1, ("Album",)),),
    (Format("Box Set", 1, ()), Format("Vinyl", 5, ("LP",))),
    (Format("Vinyl", 1, ('12"', "33 ⅓ RPM")), Format("File", 1, ("MP3",))),
    (Format("Cassette", 1, ("Album",)),),
)
WORDS = "blue note sound records polydor parlophone warp rough trade island factory émi".split()
ARTICLES = ("The ", "", "", "", "Die ", "Les ", "")


def synthetic(count: int, seed: int = 4) -> list[Record]:
    rng = random.Random(seed)
    labels = [
        f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}" for _ in range(count // 20 + 1)
    ]
    artists = [
        f"{rng.choice(ARTICLES)}{rng.choice(WORDS).title()} {n}" for n in range(count // 5 + 1)
    ]
    start = datetime(2010, 1, 1, tzinfo=UTC)
    out = []
    for n in range(count):
        label = rng.choice(labels)
        prefix = "".join(w[0] for w in label.split()).upper()
        catno = f"{prefix}{rng.choice(('', '-', ' ', ' - ', '/'))}{rng.randint(1, 5000)}"
        year = rng.choice((None, *range(1950, 2025)))
        release = Release(
            id=1_000_000 + n,
            title=f"{rng.choice(WORDS).title()} Vol. {rng.randint(1, 30)}",
            artists=(Artist(rng.choice(artists)),),
            labels=(Label(label, catno),),
            formats=rng.choice(FORMATS),
            year=year,
            master_year=year - rng.randint(0, 20) if year and rng.random() < 0.5 else None,
        )
        fields = {"Width": f"{rng.uniform(0.2, 1.5):.2f}"} if rng.random() < 0.1 else {}
        out.append(
            Record(
                instance_id=5_000_000 + n,
                release=release,
                folder_id=FOLDERS[n % 3].id,
                date_added=start + timedelta(minutes=rng.randint(0, 5_000_000)),
                fields=fields,
                size="oversized" if rng.random() < 0.005 else "regular",
            )
        )
    return out


def with_stored_keys(records: list[Record]) -> list[Record]:
    """The records as the store reads them for a layout: each release with its stored keys."""
    if shelf_keys is None:
        return records
    return [replace(r, release=replace(r.release, shelf=shelf_keys(r.release))) for r in records]


def org_for(records: list[Record], **options: object) -> Organisation:
    # Enough units for the collection and 15 % more, so nothing spills and spread has room to act.
    total = sum(widths_for(records, WidthSettings()).values())
    units = max(1, math.ceil(total * 1.15 / 33.0))
    # Walls of at most MAX_UNITS_PER_SPACE units each, as a real room of that many shelves is.
    walls = [
        min(MAX_UNITS_PER_SPACE, units - start) for start in range(0, units, MAX_UNITS_PER_SPACE)
    ]
    base = Organisation(
        name="Bench",
        spaces=tuple(Space(f"Kallax {n + 1}", size, 33.0) for n, size in enumerate(walls)),
        sources=(Source("12s", "label", 0), Source("7s", "label", 0), Source("CDs", "label", 1)),
    )
    return replace(base, **options)  # type: ignore[arg-type]


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The median CPU seconds of `runs` runs (the project's benches report medians; CPU time,
    as the machine is shared); the median wall seconds go to WALL for the table."""
    cpu, wall = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    WALL.append(statistics.median(wall))
    return statistics.median(cpu)


WALL: list[float] = []  # the median wall seconds of each best_of, in order


def row(count: int, mode: str, seconds: float, base: float) -> None:
    print(f"{count:>8}  {mode:<22} {seconds:>8.3f}  {seconds / base:>10.2f}  {WALL[-1]:>8.3f}")


def main() -> None:
    settings = WidthSettings()
    print(f"{'records':>8}  {'mode':<22} {'CPU s':>8}  {'x sorted()':>10}  {'wall s':>8}")
    for count in (10_000, 100_000):
        plain = synthetic(count)
        records = with_stored_keys(plain)
        runs = 5 if count <= 10_000 else 3
        base = best_of(runs, lambda rs=plain: sorted(rs, key=sort_key("label")))
        row(count, "sorted(label keys)", base, base)
        if shelf_keys is not None:
            stored = best_of(
                runs, lambda rs=records: sorted(rs, key=lambda r: r.release.shelf.label)
            )
            row(count, "sorted(stored keys)", stored, base)
        org = org_for(plain)
        row(
            count,
            "tight, keys computed",
            best_of(runs, lambda o=org, rs=plain: lay_out(o, rs, FOLDERS, settings)),
            base,
        )
        modes: dict[str, dict[str, object]] = {
            "tight": {},
            "spread": {"fill": "spread"},
            "grouping=label": {"grouping": "label"},
            "tight look_ahead=5": {"look_ahead": 5},
            "tight look_ahead=-1": {"look_ahead": -1},
        }
        for mode, options in modes.items():
            org = org_for(records, **options)
            seconds = best_of(runs, lambda o=org, rs=records: lay_out(o, rs, FOLDERS, settings))
            row(count, mode, seconds, base)


if __name__ == "__main__":
    main()
