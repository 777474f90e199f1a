"""Deterministic market figures (price suggestions, marketplace stats) for any release id.

Real suggestions (brotherlogic testdata) scale one value by n/19 per grade: Mint 19/19, NM 17/19,
VG+ 13/19, VG 9/19, G+ 5/19, G 3/19, F 2/19, P 1/19, served as unrounded floats. About one release
in ten has none (`{}`); some have nothing for sale (null lowest price) or are blocked from sale.
"""

from __future__ import annotations

import math
import random

from gramtui.domain.marketplace import CONDITIONS
from gramtui.sandbox.model import MarketStats

GRADE_RATIOS: tuple[float, ...] = tuple(n / 19 for n in (19, 17, 13, 9, 5, 3, 2, 1))


def _rng(release_id: int, seed: int) -> random.Random:
    return random.Random(release_id * 1_000_003 + seed * 7_919)


def mint_value(release_id: int, seed: int = 0) -> float | None:
    """The Mint suggestion for a release, or None when Discogs would have no suggestion."""
    rng = _rng(release_id, seed)
    if rng.random() < 0.1:
        return None
    return rng.lognormvariate(math.log(16.0), 0.7)


def suggestions_for(mint: float | None, currency: str = "USD") -> dict[str, dict[str, float | str]]:
    """The /marketplace/price_suggestions body for a Mint value (`{}` for None)."""
    if mint is None:
        return {}
    return {
        grade: {"currency": currency, "value": mint * ratio}
        for grade, ratio in zip(CONDITIONS, GRADE_RATIOS, strict=True)
    }


def stats_for(release_id: int, seed: int = 0) -> MarketStats:
    """The /marketplace/stats figures for a release."""
    rng = _rng(release_id, seed + 1)
    mint = mint_value(release_id, seed) or rng.uniform(3.0, 30.0)
    roll = rng.random()
    if roll < 0.03:
        return MarketStats(None, None, blocked_from_sale=True)
    if roll < 0.15:
        return MarketStats(0, None)
    lowest = round(mint * rng.uniform(0.12, 0.55), 2)
    return MarketStats(rng.randint(1, 60), max(lowest, 0.99))


def spoiled(value: float, currency: str, mode: str) -> tuple[float, str]:
    """A market figure as a misbehaving marketplace answers it (`SandboxConfig.bad_market`)."""
    if mode == "zero":
        return 0.0, currency
    if mode == "negative":
        return -abs(value) or -1.0, currency
    if mode == "huge":
        return 1e9, currency
    if mode == "currency":
        return value, "EUR" if currency != "EUR" else "GBP"
    return value, currency
