"""Deals figures: matching quality beside the naive recipe, matching throughput and latency
against synthetic catalogues of 10,000 and 1,000,000 releases, the matcher's memory, and eBay
calls per poll round for 300 wants against the daily budget. Medians of several runs.

Run: PYTHONPATH=$PWD python tests/bench/bench_deals.py [--sizes 10000,1000000] [--runs 3]
Each catalogue size is measured in a process of its own, so peak RSS is that size's alone
(building included); "matcher MB" is the resident memory while matching (the catalogue is an
SQLite file, memory-mapped: its pages touched count). "CPU p50/p99" are the latencies in this
thread's CPU time: what matching costs, without the waits for the CPU that other processes cause
on a loaded machine (wall-clock p99 there is mostly time spent preempted).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gramtui.domain.deals.catalogue import CatalogueRelease  # noqa: E402
from gramtui.domain.deals.matching import Matcher  # noqa: E402
from gramtui.store.deals_catalogue import FtsCatalogue  # noqa: E402

FORMATS = (("Vinyl",), ("Vinyl",), ("CD",), ("Cassette",), ("Vinyl", "CD"))
FWORD = {"Vinyl": "LP", "CD": "CD", "Cassette": "Cassette"}
NOISE = ("VG+", "NM", "RARE", "L@@K", "180g", "Sealed", "Original 1st Press", "EX", "1979")
SYLLABLES = (
    "ka ri mo ne so la tu vi de ra po lu ma ze ki bo na shi ta ro mi ga fe yo "
    "hu be co da el an or in us ar en"
).split()


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(words)


def synthetic(count: int, seed: int = 7) -> Iterator[CatalogueRelease]:
    """Artists with many records, titles of 1-4 words drawn Zipf-like from a big vocabulary,
    several pressings per master, catalogue numbers in every punctuation. Streamed, so the
    memory measured is the matcher's, not the generator's."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 60_000)
    cumulative, total = [], 0.0
    for i in range(len(vocab)):
        total += 1 / (i + 1) ** 0.9
        cumulative.append(total)
    artists = [" ".join(rng.choices(vocab, k=rng.randint(1, 3))) for _ in range(count // 8 + 1)]
    labels = [" ".join(rng.choices(vocab, k=2)) + " Records" for _ in range(count // 50 + 1)]
    rid, master = 1, 1
    while rid <= count:
        artist = rng.choice(artists)
        title = " ".join(rng.choices(vocab, cum_weights=cumulative, k=rng.randint(1, 4)))
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            if rid > count:
                break
            label = rng.choice(labels)
            prefix = "".join(w[0] for w in label.split()).upper()
            catno = f"{prefix}{rng.choice(('', '-', ' '))}{rng.randint(100, 99999)}"
            yield CatalogueRelease(
                rid,
                artist,
                title,
                master,
                (catno,),
                (),
                rng.choice(FORMATS),
                (label,),
                rng.randint(1950, 2024),
            )
            rid += 1
        master += 1


def sampled(
    rows: Iterable[CatalogueRelease],
    keep: list[CatalogueRelease],
    every: int,
) -> Iterator[CatalogueRelease]:
    """Pass rows through, keeping every `every`-th to make listings from."""
    for i, r in enumerate(rows):
        if i % every == 0:
            keep.append(r)
        yield r


def listings(catalogue: list[CatalogueRelease], n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        r = rng.choice(catalogue)
        kind = rng.random()
        fword = FWORD[r.formats[0]]
        if kind < 0.2:
            out.append(f"{r.artist} {r.title} {fword} {r.catnos[0]} {rng.choice(NOISE)}")
        elif kind < 0.7:
            out.append(f"{r.artist} - {r.title} {fword} {rng.choice(NOISE)} {rng.choice(NOISE)}")
        elif kind < 0.85:
            out.append(f"{r.title} by {r.artist} {fword}".upper())
        else:
            other = rng.choice(catalogue)
            out.append(f"{r.artist} - {other.title} Vol. {rng.randint(2, 9)} {fword}")
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mb() -> float:
    """Resident memory now (Linux), file-backed pages of the memory-mapped catalogue included."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return rss_mb()


def measure_size(size: int, runs: int) -> dict[str, float]:
    base = rss_mb()
    started = time.perf_counter()
    keep: list[CatalogueRelease] = []
    with tempfile.TemporaryDirectory() as tmp:
        catalogue = FtsCatalogue(Path(tmp) / "catalogue.sqlite3")
        catalogue.load(sampled(synthetic(size), keep, max(1, size // 4000)))
        build = time.perf_counter() - started
        sample = listings(keep, 2000)
        del keep
        matcher = Matcher(catalogue)
        for t in sample[:200]:  # warm the page cache and the frequency cache
            matcher.match(t)
        gc.collect()
        before_matching = resident_mb()
        gc.freeze()  # the catalogue's objects are long-lived: keep the collector off them
        rates, cpu_rates, p50s, p99s, cpu_p50s, cpu_p99s, matched = [], [], [], [], [], [], 0
        for _ in range(runs):
            lat, cpu = [], []
            t0, c0 = time.perf_counter(), time.process_time()
            matched = 0
            for t in sample:
                s, sc = time.perf_counter(), time.thread_time()
                matched += matcher.match(t).matched
                lat.append((time.perf_counter() - s) * 1000)
                cpu.append((time.thread_time() - sc) * 1000)
            rates.append(len(sample) / (time.perf_counter() - t0))
            cpu_rates.append(len(sample) / (time.process_time() - c0))
            lat.sort()
            cpu.sort()
            p50s.append(lat[len(lat) // 2])
            p99s.append(lat[int(len(lat) * 0.99)])
            cpu_p50s.append(cpu[len(cpu) // 2])
            cpu_p99s.append(cpu[int(len(cpu) * 0.99)])
        while_matching = resident_mb()
        catalogue.close()
    return {
        "resident_before_mb": before_matching,
        "resident_matching_mb": while_matching,
        "size": size,
        "build_s": build,
        "per_s": statistics.median(rates),
        "per_cpu_s": statistics.median(cpu_rates),
        "p50_ms": statistics.median(p50s),
        "p99_ms": statistics.median(p99s),
        "cpu_p50_ms": statistics.median(cpu_p50s),
        "cpu_p99_ms": statistics.median(cpu_p99s),
        "load": os.getloadavg()[0],
        "matched": matched / len(sample),
        "peak_rss_mb": rss_mb(),
        "base_rss_mb": base,
    }


def quality() -> list[tuple[str, float, float]]:
    from rapidfuzz import fuzz, process

    from gramtui.domain.deals.matching import Match
    from tests.deals_feature.dump_sample import read_releases
    from tests.deals_feature.labelled import evaluate, rows

    releases = list(read_releases())
    catalogue = FtsCatalogue()
    catalogue.load(releases)
    ours = evaluate(Matcher(catalogue).match, rows())
    choices = [f"{r.artist} {r.title}" for r in releases]

    def naive(title: str) -> Match:
        best = process.extractOne(title, choices, scorer=fuzz.token_sort_ratio, score_cutoff=85)
        if best is None:
            return Match(None, None, "none", 0.0, "below 85")
        r = releases[best[2]]
        return Match(r.release_id, r.master_id, "fuzzy", best[1] / 100, "token_sort_ratio")

    theirs = evaluate(naive, rows())
    return [
        ("gramtui matcher", ours.wrong_share, ours.recall, ours.total),
        ("naive token_sort_ratio >= 85", theirs.wrong_share, theirs.recall, theirs.total),
    ]


def poll_calls(wants: int = 300) -> dict[str, float]:
    """One poll round for `wants` wants through the engine, the eBay sandbox over loopback."""
    from gramtui.domain.marketplace import Want
    from gramtui.engine import deals
    from gramtui.engine.setup import open_session
    from gramtui.sandbox import build_state, serve
    from gramtui.sandbox.ebay import CLIENT_ID, CLIENT_SECRET, EbaySandbox, seed_listings
    from gramtui.settings.config import Config
    from gramtui.settings.paths import Paths
    from gramtui.store.wants import save_discogs_want

    state = build_state(instances=3000, wants=wants)
    ids = sorted(state.wants)[:wants]
    ebay = EbaySandbox(seed_listings(state))
    os.environ.update(EBAY_CLIENT_ID=CLIENT_ID, EBAY_CLIENT_SECRET=CLIENT_SECRET)
    with serve(ebay) as server, tempfile.TemporaryDirectory() as tmp:  # type: ignore[arg-type]
        config = Config()
        config.ebay.url = server.url
        session = open_session(
            Paths(Path(tmp), Path(tmp) / "c.toml"),
            config=config,
            log_to_file=False,
            daily_backup=False,
        )
        for rid in ids:
            r = state.releases[rid]
            save_discogs_want(
                Want(
                    rid,
                    title=r.title,
                    artist=r.artist_credit,
                    format=", ".join(f.name for f in r.formats),
                )
            )
        first = deals.poll_round(session.engine, session.runner)
        again = deals.poll_round(session.engine, session.runner)
        schedule = deals.plan(session.engine)
        session.close()
    return {
        "wants": len(ids),
        "first_round_calls": first.calls,
        "next_round_calls": again.calls,
        "budget": config.ebay.daily_budget,
        "rounds_a_day": config.ebay.daily_budget // max(1, again.calls),
        "interval_min": schedule.interval_minutes,
        "listings": first.listings_seen,
        "errors": len(first.errors) + len(again.errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_size(args.one, args.runs)))
        return
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall-clock figures "
        "suffer from other processes; 'per CPU s' counts this process's CPU time only)\n"
    )
    print("Matching quality on the labelled set (tests/fixtures/deals/labelled_titles.json)")
    print(f"{'recipe':<32}{'titles':>8}{'wrong':>10}{'matched':>10}")
    for name, wrong, recall, total in quality():
        print(f"{name:<32}{total:>8}{wrong:>9.1%}{recall:>10.1%}")
    print("\nMatching against synthetic catalogues (2,000 listings, median of runs)")
    print(
        f"{'releases':>10}{'build s':>9}{'listings/s':>12}{'per CPU s':>11}{'p50 ms':>8}"
        f"{'p99 ms':>8}{'CPU p50':>9}{'CPU p99':>9}{'matched':>9}{'peak RSS MB':>13}"
        f"{'matcher MB':>12}{'load':>6}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--runs", str(args.runs)],
            capture_output=True,
            text=True,
            check=True,
        )
        m = json.loads(out.stdout)
        print(
            f"{m['size']:>10,}{m['build_s']:>9.1f}{m['per_s']:>12,.0f}{m['per_cpu_s']:>11,.0f}"
            f"{m['p50_ms']:>8.2f}"
            f"{m['p99_ms']:>8.2f}{m['cpu_p50_ms']:>9.2f}{m['cpu_p99_ms']:>9.2f}"
            f"{m['matched']:>9.0%}{m['peak_rss_mb']:>13.0f}"
            f"{m['resident_matching_mb']:>12.0f}{m['load']:>6.1f}"
        )
    p = poll_calls()
    print(f"\nPoll rounds for {p['wants']} wants (eBay sandbox over loopback)")
    print(
        f"first round {p['first_round_calls']} calls ({p['listings']} listings), next round "
        f"{p['next_round_calls']} calls; budget {p['budget']}/day allows {p['rounds_a_day']} "
        f"rounds a day; scheduled every {p['interval_min']} min; errors {p['errors']}"
    )


if __name__ == "__main__":
    main()
