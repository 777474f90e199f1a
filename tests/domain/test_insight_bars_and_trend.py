"""Bars in eighths of a cell and the collection value's trend (Insight pane)."""

from __future__ import annotations

from decimal import Decimal

from gramtui.domain.bar_cells import bar_text, split_bar
from gramtui.domain.value_trend import amount_of, change_words, sparkline, symbol_of


def test_bars_scale_to_the_widest_and_never_vanish() -> None:
    assert bar_text(10, 10, 20) == "█" * 20
    assert bar_text(5, 10, 20) == "█" * 10
    assert bar_text(1, 1000, 20) == "▏"  # tiny but there, beside its number
    assert bar_text(0, 10, 20) == "" and bar_text(3, 0, 20) == ""
    assert bar_text(3, 16, 2) == "▍"  # 3/16 of 2 cells: three eighths of one cell
    sure, guessed = split_bar(10, 4, 10, 10)
    assert sure + guessed == bar_text(10, 10, 10) and len(sure) == 6 and len(guessed) == 4
    assert split_bar(10, 0, 10, 10) == ("█" * 10, "")
    assert split_bar(4, 4, 10, 10)[0] == ""


def test_value_amounts_trend_and_sparkline() -> None:
    assert amount_of("$1,234.56") == Decimal("1234.56") and amount_of("n/a") is None
    assert symbol_of("€1.234,00") == "€" and symbol_of("CA$12.00") == "CA$"
    assert change_words("2026-11-01", "$1,000.00", "$1,012.30") == "+$12.30 since 2026-11-01"
    assert change_words("d", "$10.00", "$5.00", percent=True) == "−$5.00 (−50.0 %) since d"
    assert change_words("d", "?", "$5.00") == ""
    assert sparkline([Decimal(n) for n in (1, 2, 3, 8)], 10) == "▁▂▃█"
    assert sparkline([Decimal(5)] * 3, 10) == "▅▅▅"
    assert len(sparkline([Decimal(n) for n in range(40)], 20)) == 20
