from decimal import Decimal
from pathlib import Path

import pytest

from gramtui.settings.config import (
    Config,
    ConfigError,
    load_config,
    parse_config,
)
from gramtui.settings.config_write import default_config_text
from gramtui.settings.paths import resolve_paths
from gramtui.settings.token import read_token, store_token


def test_defaults_when_no_file(tmp_path: Path) -> None:
    assert load_config(tmp_path / "missing.toml") == Config()


def test_default_text_parses_back_to_defaults() -> None:
    assert parse_config(default_config_text()) == Config()


def test_values_are_read() -> None:
    c = parse_config(
        '[printer]\nkind = "network"\nhost = "10.0.0.5"\nwidth = 32\n[automation]\nsales = true\n'
    )
    assert (c.printer.kind, c.printer.host, c.printer.width, c.automation.sales) == (
        "network",
        "10.0.0.5",
        32,
        True,
    )
    assert c.printer.timeout == 10.0  # int given where float expected is accepted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[printer]\nwidth = "wide"\n', "line 2: printer.width must be a whole number"),
        ("[printer]\n\n\nbogus = 1\n", "line 4: unknown key printer.bogus"),
        ("[nonsense]\nx = 1\n", "line 1: unknown section [nonsense]"),
        ("[automation]\nmoves = 1\n", "line 2: automation.moves must be true or false"),
        ("[printer]\nwidth = 40\n", "printer.width must be one of 32, 42, 48"),
        ("[printer\nwidth = 40\n", "not valid TOML"),
        (
            '[widths]\nsleeves = { "gatefold" = "thick" }\n',
            "widths.sleeves.gatefold must be a number",
        ),
    ],
)
def test_bad_config_names_key_and_line(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as e:
        parse_config(text, "cfg.toml")
    assert expected in str(e.value)
    assert str(e.value).startswith("cfg.toml")


def test_env_overrides_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAMTUI_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("GRAMTUI_CONFIG", str(tmp_path / "c.toml"))
    p = resolve_paths()
    assert p.data_dir == tmp_path / "d" and p.config_file == tmp_path / "c.toml"
    assert resolve_paths(data_dir=tmp_path / "flag").data_dir == tmp_path / "flag"


def test_token_file_is_private_and_env_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISCOGS_TOKEN", raising=False)
    f = tmp_path / "token"
    store_token(f, "  abc123  ")
    assert f.stat().st_mode & 0o777 == 0o600
    assert read_token(f) == "abc123"
    monkeypatch.setenv("DISCOGS_TOKEN", "fromenv")
    assert read_token(f) == "fromenv"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("figure_min_fraction", '"0"'),
        ("figure_min_fraction", '"1"'),
        ("figure_max_multiple", '"-10"'),
        ("figure_max_multiple", '"1"'),
        ("default_floor_fraction", '"NaN"'),
        ("default_floor_fraction", '"0"'),
        ("max_raise_percent", '"-5"'),
        ("max_raise_multiple", '"inf"'),
        ("apply_max_share", '"0"'),
        ("apply_max_share", '"150"'),
        ("apply_max_count", "0"),
        ("apply_max_count", "-3"),
        ("figure_min_fraction", '""'),  # these guards cannot be left unset
    ],
)
def test_money_guard_settings_out_of_range_are_refused(key: str, value: str) -> None:
    with pytest.raises(ConfigError) as e:
        parse_config(f'[sales]\ncurrency = "USD"\n{key} = {value}\n', "cfg.toml")
    assert str(e.value).startswith(f"cfg.toml, line 3: sales.{key} ")
    assert "must be from" in str(e.value) or "not a plain decimal number" in str(e.value)


def test_money_guard_settings_in_range_are_read() -> None:
    c = parse_config(
        '[sales]\nfigure_min_fraction = "0.2"\nfigure_max_multiple = "5"\n'
        'default_floor_fraction = "1"\napply_max_share = "100"\n'
        "apply_max_count = 1\n"
    )
    assert (c.sales.figure_min_fraction, c.sales.figure_max_multiple, c.sales.apply_max_count) == (
        Decimal("0.2"),
        Decimal(5),
        1,
    )


def test_the_removal_share_is_a_percentage(tmp_path) -> None:
    from gramtui.settings.config import ConfigError, load_config

    path = tmp_path / "c.toml"
    path.write_text("[sync]\nmax_removal_percent = 25\n")
    assert load_config(path).sync.max_removal_percent == 25
    path.write_text("[sync]\nmax_removal_percent = 150\n")
    with pytest.raises(
        ConfigError, match="line 2: sync.max_removal_percent must be from 0 to 100 %, not 150"
    ):
        load_config(path)
