"""Worth and score of a deal: grades from eBay's condition and the title, refused figures, the
master's conservative median, currencies never mixed without a rate; the budget's schedule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gramtui.domain.deals import searches, text
from gramtui.domain.deals import worth as w
from gramtui.domain.money import Money

USD = "USD"


@pytest.mark.parametrize(
    ("condition_id", "title", "grade"),
    [
        (
            "3000",
            "Miles Davis - Kind Of Blue LP Vinyl 1959 Columbia CL 1355 6-Eye Mono VG+",
            w.VG_PLUS,
        ),
        ("1000", "MILES DAVIS Kind of Blue 180g vinyl LP NEW SEALED", w.MINT),
        ("3000", "Kind of Blue LP still sealed", w.MINT),
        ("3000", "Kind Of Blue - Miles Davis (Vinyl, 2015)", w.VG),  # unknown -> VG
        ("", "Kind of Blue LP", w.VG),
        ("3000", "Kind of Blue LP NM/VG+", w.NEAR_MINT),  # the media's grade comes first
        ("3000", "M Ward - Transistor Radio LP", w.VG),  # an initial is not a grade
        ("5000", "Kind of Blue LP", w.G),
    ],
)
def test_the_grade_a_listing_is_valued_at(condition_id: str, title: str, grade: str) -> None:
    assert w.discogs_condition(condition_id, title) == grade


def test_zero_negative_missing_and_currencyless_figures_are_refused() -> None:
    for figure in (None, Money(0, USD), Money(-100, USD), Money(500, "")):
        assert w.accept_worth(figure)[0] is None
        assert w.accept_worth(figure)[1]
    assert w.accept_worth(Money(500, USD)) == (Money(500, USD), "")


def test_score_is_worth_less_cost_over_worth_and_never_mixes_currencies() -> None:
    worth = Money(4000, USD)
    got = w.score(worth, Money(2000, USD), Money(400, USD), {})
    assert got.value == Decimal("0.400") and got.cost == Money(2400, USD)
    assert w.band(got.value, Decimal("0.40"), Decimal("0.25")) == "high"
    eur = w.score(worth, Money(2000, "EUR"), Money(400, "EUR"), {})
    assert eur.value is None and "not comparable" in eur.note
    rates = w.parse_rates({"EUR_USD": "1.25"})
    assert w.score(worth, Money(2000, "EUR"), Money(400, "EUR"), rates).value == Decimal("0.250")
    no_ship = w.score(worth, Money(2000, USD), None, {})
    assert no_ship.value == Decimal("0.500") and "shipping" in no_ship.note
    with pytest.raises(ValueError):
        w.parse_rates({"EURUSD": "1.1"})


def test_a_master_is_valued_at_the_lower_median_of_its_pressings() -> None:
    figures = [
        Money(1000, USD),
        Money(3000, USD),
        Money(2000, USD),
        Money(9000, USD),
        Money(0, USD),
        Money(100000, "JPY"),
    ]
    assert w.worth_of_master(figures) == Money(2000, USD)
    assert w.worth_of_master([Money(0, USD)]) is None


def test_catalogue_numbers_normalise_across_punctuation() -> None:
    assert {
        text.normalise_catno(c) for c in ("CL-1355", "cl 1355", "CL.1355", "CL/1355", "CL1355")
    } == {"cl1355"}
    assert not text.useful_catno("lp") and not text.useful_catno("none")


def test_the_schedule_fits_the_budget_and_says_when_it_cannot() -> None:
    fits = searches.schedule(300, 5000, 60)
    assert fits.calls_per_round == 300
    assert 300 * (1440 // fits.interval_minutes) <= 5000 and fits.note
    assert searches.schedule(10, 5000, 60).note == ""
    over = searches.schedule(6000, 5000, 60)
    assert "exceed the daily budget" in over.note
