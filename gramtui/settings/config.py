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
from decimal import Decimal
from pathlib import Path
from typing import Any

from gramtui.domain.figures import FigureBounds
from gramtui.domain.ladder.config import LadderConfig, StepRule
from gramtui.domain.money import AmountError, parse_decimal

DEFAULT_URL = "https://api.discogs.com"


class ConfigError(Exception):
    """A config file that cannot be used; the message says where and how to fix it."""


# -- ranges ----------------------------------------------------------------------------------------
# Every numeric setting has a range, declared beside its field with `ranged(default, low, high)`:
#
#     hold_days: int = ranged(28, 0, MAX_DAYS, unit="days")
#     floor: Decimal | None = ranged(None, 0, MAX_AMOUNT)   # written as text: "2.50" or ""
#     per_disc: dict[str, float] = ranged({}, 0.01, 20.0, unit="cm")   # checks every value
#
# `parse_config` refuses a value outside [low, high] with the file, line, key and the range, before
# anything is applied. Money, fractions and steps are written as text (never floats) and read
# once, at load, into Decimal (None for "", "not set") or StepSize: the text must be empty or a
# finite decimal, a trailing "%" allowed, within the range (so "NaN", "Infinity" and "1e30" are
# refused).
# `unset_is_default` reads "" and 0 as the default. A new numeric setting without `ranged` is
# caught by tests/settings/test_config_ranges.py.

MAX_DAYS = 3650  # ten years: any interval, age or hold longer than that is a typo
MAX_AMOUNT = 1_000_000  # the largest price or amount a setting may name, in its currency


@dataclass(frozen=True, slots=True)
class Range:
    """The values a setting accepts, both ends included."""

    low: int | float
    high: int | float
    unit: str = ""
    blank_ok: bool = True  # a number written as text may be "" (unset)
    unset_is_default: bool = False  # "" or 0 means the field's default

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"from {self.low:,} to {self.high:,}{unit}"


def ranged(
    default: Any,
    low: int | float,
    high: int | float,
    *,
    unit: str = "",
    blank_ok: bool = True,
    unset_is_default: bool = False,
) -> Any:
    """A dataclass field with `default` whose values must lie in [low, high] (see above)."""
    metadata = {"range": Range(low, high, unit, blank_ok, unset_is_default)}
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata=metadata)
    return field(default=default, metadata=metadata)


def range_of(section: type, key: str) -> Range | None:
    """The range declared for `key` of a section's dataclass, if any."""
    for f in dataclasses.fields(section):
        if f.name == key:
            return f.metadata.get("range")
    return None


def _check_range(value: Any, bounds: Range, key: str, where: str) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            _check_range(item, bounds, f"{key}.{name}", where)
        return
    number: Decimal | int | float
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not value.strip() and bounds.blank_ok:
            return
        try:
            number = parse_decimal(text, plain=True)
        except AmountError:
            raise ConfigError(
                f"{where}: {key} = {value!r} is not a plain decimal number; write a number "
                f'{bounds.describe()}, like "1.50", or "" to leave it unset.'
            ) from None
    else:
        number = value
    if not bounds.low <= number <= bounds.high:
        raise ConfigError(f"{where}: {key} must be {bounds.describe()}, not {value!r}.")


@dataclass(frozen=True, slots=True)
class StepSize:
    """A ladder step as written in [sales]: a percent ("5%") or an amount in its currency."""

    size: Decimal
    percent: bool

    def __str__(self) -> str:
        return f"{self.size}%" if self.percent else str(self.size)


def _read_step(text: str) -> StepSize:
    text = text.strip()
    if text.endswith("%"):
        return StepSize(parse_decimal(text[:-1], plain=True), percent=True)
    return StepSize(parse_decimal(text, plain=True), percent=False)


def setting_text(value: Any) -> Any:
    """A setting's value as the config file writes it: money and steps as text, "" for unset."""
    if value is None:
        return ""
    if isinstance(value, Decimal | StepSize):
        return str(value)
    if isinstance(value, dict):
        return {k: setting_text(v) for k, v in value.items()}
    return value


@dataclass
class DiscogsSection:
    url: str = DEFAULT_URL
    headroom: int = ranged(5, 0, 50, unit="requests")  # of each window, kept free for the user


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
    full_every_days: int = ranged(7, 1, MAX_DAYS, unit="days")
    market_max_age_days: int = ranged(7, 1, MAX_DAYS, unit="days")
    # a full sync removing more of a category asks first
    max_removal_percent: int = ranged(10, 0, 100, unit="%")


@dataclass
class BackupSection:
    keep: int = ranged(10, 1, 1000, unit="backups")
    daily: bool = True


@dataclass
class PrinterSection:
    kind: str = "none"  # network | usb | file | none
    host: str = ""
    port: int = ranged(9100, 1, 65535)
    vendor_id: int = ranged(0, 0, 0xFFFF)
    product_id: int = ranged(0, 0, 0xFFFF)
    path: str = ""
    width: int = 42
    neighbours: int = ranged(2, 0, 10)
    compact: bool = False
    timeout: float = ranged(10.0, 0.1, 600.0, unit="seconds")


@dataclass
class WidthsSection:
    field: str = "Width"  # the Discogs custom field holding an explicit width in cm
    sleeve_field: str = ""
    sleeves: dict[str, float] = ranged({}, 0.1, 10.0)  # multipliers of the format estimate
    per_disc: dict[str, float] = ranged({}, 0.01, 20.0, unit="cm")


@dataclass
class RulesSection:
    max_moves_per_day: int = ranged(3, 1, 1000)


@dataclass
class WantsSection:
    cap: int = ranged(100, 0, 100_000, unit="wants")


_LADDER = LadderConfig()  # the ladder's defaults are the [sales] defaults: one place for each
_FIGURES = FigureBounds()


def _percent_step(step: StepRule) -> StepSize:
    assert step.percent is not None  # the ladder's default steps are percents
    return StepSize(step.percent, percent=True)


@dataclass
class SalesSection:
    """The sales ladder. Amounts are written as decimal strings in `currency` (never floats) and
    read as Decimal; a step is a percent ("5%") or an amount ("0.50"); 0 days and "" (None) mean
    "not set"."""

    dry_run: bool = False  # apply only plans and logs, never sends a change
    start_premium: Decimal = ranged(_LADDER.start_premium, 0, 100, unset_is_default=True)
    median_step: StepSize = ranged(_percent_step(_LADDER.median_step), 0, MAX_AMOUNT)
    median_interval_days: int = ranged(
        _LADDER.median_interval.days, 0, MAX_DAYS, unit="days", unset_is_default=True
    )
    hold_days: int = ranged(_LADDER.hold_time.days, 0, MAX_DAYS, unit="days")
    low_step: StepSize = ranged(_percent_step(_LADDER.low_step), 0, MAX_AMOUNT)
    low_interval_days: int = ranged(
        _LADDER.low_interval.days, 0, MAX_DAYS, unit="days", unset_is_default=True
    )
    floor: Decimal | None = ranged(None, 0, MAX_AMOUNT)
    floor_fraction_of_low: Decimal | None = ranged(None, 0, 1)
    stale_after_days: int = ranged(0, 0, MAX_DAYS, unit="days")
    stale_price: Decimal | None = ranged(None, 0, MAX_AMOUNT)
    stale_fraction_of_low: Decimal | None = ranged(None, 0, 1)
    max_drop_percent: Decimal | None = ranged(_LADDER.max_drop_percent, 0, 100)
    max_drop_amount: Decimal | None = ranged(None, 0, MAX_AMOUNT)
    allow_raise: bool = False
    currency: str = "USD"
    # What counts as a market figure: below this fraction or above this multiple of the
    # listing's price a Discogs figure is refused and the listing holds.
    figure_min_fraction: Decimal = ranged(_FIGURES.min_fraction, 0.01, 0.99, blank_ok=False)
    figure_max_multiple: Decimal = ranged(_FIGURES.max_multiple, 1.01, 1000, blank_ok=False)
    # with no floor set: this fraction of the first price
    default_floor_fraction: Decimal = ranged(
        _LADDER.default_floor_fraction, 0.01, 1, blank_ok=False
    )
    # with allow_raise: at most this % more per step ...
    max_raise_percent: Decimal = ranged(_LADDER.max_raise_percent, 0.01, 1000, blank_ok=False)
    # ... and never above this x the listing's first price
    max_raise_multiple: Decimal = ranged(_LADDER.max_raise_multiple, 0.01, 100, blank_ok=False)
    # one apply changing more than this % of the listings ...
    apply_max_share: Decimal = ranged(Decimal(25), 0.01, 100, blank_ok=False)
    apply_max_count: int = ranged(20, 1, 1_000_000)  # ... or more than this many asks first


@dataclass
class EbaySection:
    url: str = "https://api.ebay.com"  # GRAMTUI_EBAY_URL wins
    marketplace: str = "EBAY_US"
    daily_budget: int = ranged(5000, 1, 1_000_000, unit="calls")  # a day, never exceeded
    # a whole answer within this, or it counts as no answer
    deadline_seconds: float = ranged(60.0, 1.0, 600.0, unit="seconds")


@dataclass
class DealsSection:
    """Deals. Scores are written as decimal strings (a share of the worth) and read as Decimal:
    0.40 = 40 % under worth."""

    # each search at most this often (longer when the budget says so)
    interval_minutes: int = ranged(60, 1, 10_080, unit="minutes")
    high: Decimal = ranged(Decimal("0.40"), 0.01, 1, blank_ok=False)
    good: Decimal = ranged(Decimal("0.25"), 0.01, 1, blank_ok=False)
    alert_band: str = "high"  # high | good | off
    desktop_notify: str = "off"  # off | osc9 | osc777: a desktop notification for a new deal
    auctions: bool = False  # Buy It Now only unless true
    worth_max_age_days: int = ranged(7, 1, MAX_DAYS, unit="days")
    # {"EUR_USD" = "1.08"}: one EUR is 1.08 USD
    rates: dict[str, Decimal] = ranged({}, 0.000001, MAX_AMOUNT, blank_ok=False)


@dataclass
class TelegramSection:
    bot_token: str = ""  # empty: no Telegram alerts
    chat_id: str = ""
    url: str = "https://api.telegram.org"


@dataclass
class QueueSection:
    """Bounds on waiting: no task is tried forever, no answer is awaited forever."""

    # a 429/5xx/network error this many times in a row fails the task
    max_attempts: int = ranged(8, 1, 100, unit="attempts")
    # the first retry's wait; it doubles up to backoff_cap_seconds
    backoff_seconds: float = ranged(2.0, 0.0, 3600.0, unit="seconds")
    backoff_cap_seconds: float = ranged(300.0, 0.0, 86_400.0, unit="seconds")
    # a longer Retry-After parks the task instead of waiting
    park_after_seconds: float = ranged(300.0, 1.0, 86_400.0, unit="seconds")
    # an answer not complete by then is a timeout
    response_deadline_seconds: float = ranged(30.0, 1.0, 600.0, unit="seconds")
    # `gramtui sync` waits this long for another runner
    wait_for_runner_seconds: float = ranged(600.0, 0.0, 86_400.0, unit="seconds")
    # `gramtui sync` stops after this many failed requests in a row
    stop_after_failures: int = ranged(10, 1, 1000, unit="requests")


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
    ebay: EbaySection = field(default_factory=EbaySection)
    deals: DealsSection = field(default_factory=DealsSection)
    telegram: TelegramSection = field(default_factory=TelegramSection)
    queue: QueueSection = field(default_factory=QueueSection)


ALLOWED_VALUES: dict[tuple[str, str], set[object]] = {
    ("printer", "kind"): {"network", "usb", "file", "none"},
    ("printer", "width"): {32, 42, 48},
    ("deals", "alert_band"): {"high", "good", "off"},
    ("deals", "desktop_notify"): {"off", "osc9", "osc777"},
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
        raise ConfigError(
            f"{path}: not valid TOML ({e}). Fix that line or delete the file."
        ) from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise ConfigError(
            f"{path}: arrays or tables nested too deeply to read; no setting nests more than twice."
        ) from None
    config = Config()
    sections = {f.name: f for f in dataclasses.fields(Config)}
    for name, value in data.items():
        if name not in sections:
            raise ConfigError(
                f"{path}, line {_line_of(text, None, name)}: unknown section [{name}]"
                f" (known: {', '.join(sections)})."
            )
        if not isinstance(value, dict):
            raise ConfigError(
                f"{path}, line {_line_of(text, None, name)}: {name} must be a [section]."
            )
        section = getattr(config, name)
        for key, item in value.items():
            where = f"{path}, line {_line_of(text, name, key)}"
            setattr(section, key, read_setting(name, key, item, where))
    return config


def read_setting(section: str, key: str, value: Any, where: str) -> Any:
    """One setting as the file holds it (TOML's value), checked and read into its field's type;
    a ConfigError starting with `where` when it cannot be used. The config file's reader and the
    settings screen both read values here, so they accept and refuse the same things."""
    kind = type(getattr(Config(), section))
    hints = typing.get_type_hints(kind)
    if key not in hints:
        raise ConfigError(f"{where}: unknown key {section}.{key} (known: {', '.join(hints)}).")
    checked = _check(value, hints[key], f"{section}.{key}", where)
    bounds = range_of(kind, key)
    if bounds is not None:
        _check_range(checked, bounds, f"{section}.{key}", where)
    typed = _typed(checked, hints[key], f"{section}.{key}", where)
    if bounds is not None and bounds.unset_is_default and not typed:
        typed = getattr(kind(), key)
    allowed = ALLOWED_VALUES.get((section, key))
    if allowed is not None and value not in allowed:
        choices = ", ".join(sorted(map(str, allowed)))
        raise ConfigError(f"{where}: {section}.{key} must be one of {choices}, not {value!r}.")
    return typed


# Written as text, read once into these (see "ranges" above); "" is None where None is allowed.
_FROM_TEXT: dict[Any, Any] = {
    Decimal: parse_decimal,
    Decimal | None: parse_decimal,
    StepSize: _read_step,
}


def _typed(value: Any, hint: Any, key: str, where: str) -> Any:
    """A checked value read into its field's type: money, fractions and steps from their text."""
    if typing.get_origin(hint) is dict:
        _, vtype = typing.get_args(hint)
        return {k: _typed(v, vtype, f"{key}.{k}", where) for k, v in value.items()}
    read = _FROM_TEXT.get(hint)
    if read is None:
        return value
    if not value.strip() and hint is not StepSize:
        return None  # not set
    try:
        return read(value)
    except AmountError:
        if hint is StepSize:
            raise ConfigError(
                f'{where}: {key} = {value!r} is neither a percent ("5%") nor an amount ("0.50").'
            ) from None
        raise ConfigError(
            f'{where}: {key} = {value!r} is not a number; write it like "1.30".'
        ) from None


def _check(value: Any, hint: Any, key: str, where: str) -> Any:
    if hint in _FROM_TEXT:
        hint = str  # written as text, so that money is never a float
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
    return {
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        str: "a quoted string",
    }.get(hint, str(hint))


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
