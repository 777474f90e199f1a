"""check_figure(): the one rule of what counts as a market figure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from gramtui.domain.figures import FigureBounds, FigureBoundsError, Refusal, check_figure
from gramtui.domain.money import Money

PRICE = Money(2500)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def refusal(result: object) -> Refusal:
    assert isinstance(result, Refusal), result
    return result


@pytest.mark.parametrize(
    ("figure", "currency", "kind", "reason"),
    [
        (Money(0), None, "zero", "price suggestion 0.00 USD refused: zero"),
        (Money(-500), None, "negative", "price suggestion -5.00 USD refused: negative"),
        (Decimal("0.004"), "USD", "zero", "price suggestion 0.00 USD refused: zero"),
        (
            Money(1200, "EUR"),
            None,
            "currency",
            "price suggestion 12.00 EUR refused: the listing is in USD",
        ),
        (
            Money(249),
            None,
            "below",
            "price suggestion 2.49 USD refused: below a tenth of the listing's price 25.00",
        ),
        (
            Money(100_000_000_000),
            None,
            "above",
            "price suggestion 1000000000.00 USD refused: above ten times the listing's price 25.00",
        ),
        (Decimal("NaN"), "USD", "not_a_number", "price suggestion NaN refused: not a number"),
        (
            Decimal("Infinity"),
            "USD",
            "not_a_number",
            "price suggestion Infinity refused: not a number",
        ),
    ],
)
def test_what_is_not_a_figure_is_refused_with_why(figure, currency, kind, reason) -> None:
    found = refusal(check_figure("price suggestion", figure, currency, "USD", PRICE))
    assert (found.kind, found.reason, str(found)) == (kind, reason, reason)


def test_a_sane_figure_is_accepted_as_money() -> None:
    assert check_figure("marketplace low", Money(250), None, "USD", PRICE) == Money(250)
    assert check_figure("worth", Decimal("14.3191"), "USD", "USD", PRICE) == Money(1432)
    assert check_figure("worth", Money(25000), None, "USD", PRICE) == Money(25000)
    assert check_figure("worth", None, None, "USD", PRICE) is None  # missing, not refused


def test_without_a_reference_only_the_distance_check_is_skipped() -> None:
    assert check_figure("marketplace low", Money(1), None, "USD", None) == Money(1)
    assert refusal(check_figure("marketplace low", Money(0), None, "USD", None)).kind == "zero"
    other = Money(100, "GBP")  # a reference in another currency says nothing about distance
    assert check_figure("marketplace low", Money(100_000), None, "USD", other) == Money(100_000)


def test_bounds_are_configurable_and_named_in_the_reason() -> None:
    bounds = FigureBounds(Decimal("0.5"), Decimal(2))
    low = refusal(check_figure("worth", Money(1249), None, "USD", PRICE, bounds, owner="deal"))
    assert low.reason == "worth 12.49 USD refused: below half of the deal's price 25.00"
    high = refusal(check_figure("worth", Money(5001), None, "USD", PRICE, bounds))
    assert high.reason == "worth 50.01 USD refused: above twice the listing's price 25.00"
    odd = FigureBounds(Decimal("0.3"), Decimal("7.5"))
    assert "below 30 % of" in refusal(check_figure("x", Money(700), None, "USD", PRICE, odd)).reason
    assert (
        "above 7.5 times"
        in refusal(check_figure("x", Money(20000), None, "USD", PRICE, odd)).reason
    )
    for bad in (Decimal(0), Decimal(-1), Decimal("NaN"), Decimal(1)):
        with pytest.raises(FigureBoundsError):
            FigureBounds(min_fraction=bad)
    for bad in (Decimal(0), Decimal("0.5"), Decimal("Infinity"), Decimal(1)):
        with pytest.raises(FigureBoundsError):
            FigureBounds(max_multiple=bad)


def test_a_figure_older_than_the_age_limit_is_stale() -> None:
    week = timedelta(days=7)
    fresh = check_figure(
        "marketplace low",
        Money(900),
        None,
        "USD",
        PRICE,
        at=NOW - timedelta(days=6),
        now=NOW,
        max_age=week,
    )
    assert fresh == Money(900)
    stale = refusal(
        check_figure(
            "marketplace low",
            Money(900),
            None,
            "USD",
            PRICE,
            at=NOW - timedelta(days=9),
            now=NOW,
            max_age=week,
        )
    )
    assert stale.kind == "stale" and "9 days old" in stale.reason
    # Without a limit, age is not this rule's business.
    assert check_figure(
        "marketplace low", Money(900), None, "USD", PRICE, at=NOW - timedelta(days=900), now=NOW
    ) == Money(900)
