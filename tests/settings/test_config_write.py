"""The one config writer: typed values go back as the text a person writes, comments stay."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from gramtui.settings.config import StepSize, load_config
from gramtui.settings.config_write import default_config_text, write_keys


def test_money_and_steps_are_written_as_text_next_to_the_comments(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[sales]  # my ladder\nfloor = "1.00"  # never lower\n# the rest\n')
    config = write_keys(
        path,
        "sales",
        {"floor": Decimal("2.50"), "low_step": StepSize(Decimal("0.75"), percent=False)},
    )
    assert path.read_text() == (
        '[sales]  # my ladder\nfloor = "2.50"  # never lower\n# the rest\nlow_step = "0.75"\n'
    )
    assert config.sales.floor == Decimal("2.50") == load_config(path).sales.floor


def test_the_file_of_defaults_reads_back_as_the_defaults_with_text_money() -> None:
    text = default_config_text()
    assert text.startswith("# gramtui configuration.")
    assert 'start_premium = "1.30"\n' in text and 'floor = ""\n' in text
    assert 'median_step = "5%"\n' in text and "rates = {}\n" in text
