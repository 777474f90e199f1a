"""The config file: TOML, validated against dataclasses, with errors that name the key and line.

Each section is a dataclass; its fields and their types are the schema. An unknown key or a value
of the wrong type is refused with a sentence naming the key and its line, and nothing is applied.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_URL = "https://api.discogs.com"


class ConfigError(Exception):
    """A config file that cannot be used; the message says where and how to fix it."""


@dataclass
class DiscogsSection:
    url: str = DEFAULT_URL
    headroom: int = 5  # requests of each window kept free for what the user asks for


@dataclass
class AutomationSection:
    """Each automation is a plain on/off (the Gramophile notes: on/off instead of "mandate")."""

    moves: bool = False
    printing: bool = False
    sales: bool = False
    wants: bool = False


@dataclass
class SyncSection:
    quick_on_start: bool = True
    full_every_days: int = 7
    market_max_age_days: int = 7


@dataclass
class BackupSection:
    keep: int = 10
    daily: bool = True


@dataclass
class PrinterSection:
    kind: str = "none"  # network | usb | file | none
    host: str = ""
    port: int = 9100
    vendor_id: int = 0
    product_id: int = 0
    path: str = ""
    width: int = 42
    neighbours: int = 2
    compact: bool = False
    timeout: float = 10.0


@dataclass
class WidthsSection:
    field: str = "Width"  # the Discogs custom field holding an explicit width in cm
    sleeve_field: str = ""
    sleeves: dict[str, float] = dataclasses.field(default_factory=dict)
    per_disc: dict[str, float] = dataclasses.field(default_factory=dict)


@dataclass
class RulesSection:
    max_moves_per_day: int = 3


@dataclass
class WantsSection:
    cap: int = 100


@dataclass
class SalesSection:
    """The sales ladder. Amounts are decimal strings in `currency` (never floats); a step is a
    percent ("5%") or an amount ("0.50"); 0 days and "" mean "not set"."""

    dry_run: bool = False  # apply only plans and logs, never sends a change
    start_premium: str = "1.30"
    median_step: str = "5%"
    median_interval_days: int = 7
    hold_days: int = 28
    low_step: str = "3%"
    low_interval_days: int = 7
    floor: str = ""
    floor_fraction_of_low: str = ""
    stale_after_days: int = 0
    stale_price: str = ""
    stale_fraction_of_low: str = ""
    max_drop_percent: str = "10"
    max_drop_amount: str = ""
    allow_raise: bool = False
    currency: str = "USD"


@dataclass
class QueueSection:
    """Bounds on waiting: no task is tried forever, no answer is awaited forever."""

    max_attempts: int = 8  # a 429/5xx/network error this many times in a row fails the task
    backoff_seconds: float = 2.0  # the first retry's wait; it doubles up to backoff_cap_seconds
    backoff_cap_seconds: float = 300.0
    park_after_seconds: float = 300.0  # a longer Retry-After parks the task instead of waiting
    response_deadline_seconds: float = 30.0  # an answer not complete by then is a timeout
    wait_for_runner_seconds: float = 600.0  # `gramtui sync` waits this long for another runner
    stop_after_failures: int = 10  # `gramtui sync` stops after this many failed requests in a row


@dataclass
class UiSection:
    theme: str = "textual-dark"


@dataclass
class Config:
    discogs: DiscogsSection = field(default_factory=DiscogsSection)
    automation: AutomationSection = field(default_factory=AutomationSection)
    sync: SyncSection = field(default_factory=SyncSection)
    backup: BackupSection = field(default_factory=BackupSection)
    printer: PrinterSection = field(default_factory=PrinterSection)
    widths: WidthsSection = field(default_factory=WidthsSection)
    rules: RulesSection = field(default_factory=RulesSection)
    wants: WantsSection = field(default_factory=WantsSection)
    sales: SalesSection = field(default_factory=SalesSection)
    ui: UiSection = field(default_factory=UiSection)
    queue: QueueSection = field(default_factory=QueueSection)


_ALLOWED = {
    ("printer", "kind"): {"network", "usb", "file", "none"},
    ("printer", "width"): {32, 42, 48},
}


def load_config(path: Path) -> Config:
    """The config at `path`, or the defaults when there is no file."""
    if not path.exists():
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"Cannot read the config file {path}: {e}.") from None
    return parse_config(text, path)


def parse_config(text: str, path: Path | str = "config.toml") -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e}). Fix that line or delete the file.") from None
    config = Config()
    sections = {f.name: f for f in dataclasses.fields(Config)}
    for name, value in data.items():
        if name not in sections:
            raise ConfigError(
                f"{path}, line {_line_of(text, None, name)}: unknown section [{name}]"
                f" (known: {', '.join(sections)})."
            )
        if not isinstance(value, dict):
            raise ConfigError(f"{path}, line {_line_of(text, None, name)}: {name} must be a [section].")
        section = getattr(config, name)
        hints = typing.get_type_hints(type(section))
        for key, item in value.items():
            where = f"{path}, line {_line_of(text, name, key)}"
            if key not in hints:
                raise ConfigError(
                    f"{where}: unknown key {name}.{key} (known: {', '.join(hints)})."
                )
            setattr(section, key, _check(item, hints[key], f"{name}.{key}", where))
            allowed = _ALLOWED.get((name, key))
            if allowed is not None and item not in allowed:
                choices = ", ".join(sorted(map(str, allowed)))
                raise ConfigError(f"{where}: {name}.{key} must be one of {choices}, not {item!r}.")
    return config


def _check(value: Any, hint: Any, key: str, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin is dict:
        _, vtype = typing.get_args(hint)
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: {key} must be a table of names to values.")
        return {str(k): _check(v, vtype, f"{key}.{k}", where) for k, v in value.items()}
    if origin in (types.UnionType, typing.Union):
        for option in typing.get_args(hint):
            try:
                return _check(value, option, key, where)
            except ConfigError:
                continue
        raise ConfigError(f"{where}: {key} has the wrong type ({type(value).__name__}).")
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, bool) or not isinstance(value, hint):
        raise ConfigError(
            f"{where}: {key} must be {_describe(hint)}, not {type(value).__name__} {value!r}."
        )
    return value


def _describe(hint: Any) -> str:
    return {bool: "true or false", int: "a whole number", float: "a number", str: "a quoted string"}.get(
        hint, str(hint)
    )


def _line_of(text: str, section: str | None, key: str) -> int:
    """The line a key is on (tomllib does not say); 1 when it cannot be found."""
    lines = text.splitlines()
    start = 0
    if section is not None:
        header = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]")
        for i, line in enumerate(lines):
            if header.match(line):
                start = i + 1
                break
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    else:
        pattern = re.compile(rf"^\s*\[\s*{re.escape(key)}\s*\]|^\s*{re.escape(key)}\s*=")
    for i in range(start, len(lines)):
        if pattern.match(lines[i]):
            return i + 1
    return 1


def default_config_text() -> str:
    """A commented config with every key at its default, for `gramtui config init` and the README."""
    out = ["# gramtui configuration. Every key is optional; these are the defaults.", ""]
    for f in dataclasses.fields(Config):
        out.append(f"[{f.name}]")
        section = getattr(Config(), f.name)
        for key, value in dataclasses.asdict(section).items():
            out.append(f"{key} = {_toml_value(value)}")
        out.append("")
    return "\n".join(out)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + " }"
    return repr(value)
