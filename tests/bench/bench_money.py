"""A simulated year on the sales ladder for 222 listings over each kind of bad market (issue 17):
zeros, negatives, huge values (10^9) and another currency, beside a sane market. Prints, per
market and with raising off and on, the listings whose price changed, the price changes made
(must be 0 for every bad market), the lowest price reached as a share of the first price, and the
median time of 3 runs.

Run: python tests/bench/bench_money.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from gramtui.domain.ladder import LadderConfig, market_inputs, simulate  # noqa: E402
from gramtui.domain.marketplace import CONDITIONS, Listing, MarketData  # noqa: E402
from gramtui.domain.money import Money  # noqa: E402
from gramtui.sandbox import market as sandbox_market  # noqa: E402

START = datetime(2026, 1, 5, 9, tzinfo=UTC)
LISTINGS = 222
WEEKS = 52
RUNS = 3
MARKETS = ("", "zero", "negative", "huge", "currency")
NAMES = {
    "": "sane",
    "zero": "zeros",
    "negative": "negatives",
    "huge": "huge (10^9)",
    "currency": "other currency",
}


def account(mode: str) -> list[tuple[Listing, MarketData]]:
    """Listings priced as the sandbox prices them, with the sandbox's market figures spoiled
    as `SandboxConfig.bad_market = mode` serves them."""
    rng = random.Random(17)
    out = []
    for n in range(LISTINGS):
        release = 1_000_000 + n
        mint = sandbox_market.mint_value(release) or rng.uniform(6.0, 40.0)
        grade = rng.randrange(4)
        price = Money.from_value(mint * sandbox_market.GRADE_RATIOS[grade] * rng.uniform(0.9, 1.6))
        suggestions = {}
        for condition, ratio in zip(CONDITIONS, sandbox_market.GRADE_RATIOS, strict=True):
            value, currency = sandbox_market.spoiled(mint * ratio, "USD", mode)
            suggestions[condition] = Money.from_value(value, currency)
        stats = sandbox_market.stats_for(release)
        lowest = None
        if stats.lowest_price is not None:
            value, currency = sandbox_market.spoiled(stats.lowest_price, "USD", mode)
            lowest = Money.from_value(value, currency)
        listing = Listing(n + 1, release, "For Sale", price, condition=CONDITIONS[grade])
        out.append((listing, MarketData(release, START, suggestions, lowest, 5)))
    return out


def year(items: list[tuple[Listing, MarketData]], config: LadderConfig) -> tuple[int, int, float]:
    """(listings changed, price changes, lowest price / first price) over a simulated year."""
    changed = changes = 0
    lowest_share = 1.0
    for listing, data in items:
        path = simulate(listing, None, market_inputs(listing, data), config, START, WEEKS)
        moves = sum(a.price != b.price for a, b in zip(path, path[1:], strict=False))
        changes += moves
        changed += moves > 0
        lowest_share = min(lowest_share, min(p.price.cents for p in path) / listing.price.cents)
    return changed, changes, lowest_share


def main() -> None:
    print(
        f"{LISTINGS} listings, {WEEKS} weeks on the ladder, market held still; "
        f"median of {RUNS} runs"
    )
    print(
        f"{'market':<16}{'raise':>6}{'listings changed':>18}{'price changes':>15}"
        f"{'lowest/first':>14}{'seconds':>9}"
    )
    for mode in MARKETS:
        items = account(mode)
        for allow_raise in (False, True):
            config = LadderConfig(allow_raise=allow_raise)
            times, result = [], (0, 0, 1.0)
            for _ in range(RUNS):
                began = time.perf_counter()
                result = year(items, config)
                times.append(time.perf_counter() - began)
            changed, changes, share = result
            print(
                f"{NAMES[mode]:<16}{'on' if allow_raise else 'off':>6}{changed:>18}"
                f"{changes:>15}{share:>14.2f}{statistics.median(times):>9.2f}"
            )


if __name__ == "__main__":
    main()
