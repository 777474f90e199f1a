"""Every setting of a config as a row a person can read and edit: section, key, value as text,
what it does, what it accepts. Built from the config's dataclasses, so a new setting appears in
the settings screen without anyone listing it."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import Any

from gramtui.settings.config import ALLOWED_VALUES, Config, range_of, setting_text
from gramtui.settings.setting_help import AT_NEXT_START, HELP, SECRETS, SECTIONS

_KIND_WORDS = {bool: "on or off", int: "a whole number", float: "a number", str: "text"}


@dataclass(frozen=True, slots=True)
class SettingRow:
    section: str
    key: str
    hint: Any  # the field's type
    value: Any  # as read
    default: Any
    help: str
    accepts: str  # "a whole number from 1 to 3,650 days", "one of: high, good, off"
    secret: bool = False

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"

    @property
    def text(self) -> str:
        """The value as the file writes it (and as the edit dialog starts)."""
        shown = setting_text(self.value)
        if isinstance(shown, dict):
            return ", ".join(f"{k} = {v}" for k, v in shown.items())
        if isinstance(shown, bool):
            return "on" if shown else "off"
        return str(shown)

    @property
    def shown(self) -> str:
        """The value on screen: a secret only says whether it is set."""
        if self.secret:
            return "set (hidden)" if self.value else "not set"
        return self.text or "(not set)"

    @property
    def editable(self) -> bool:
        """Tables of names to values (widths per format, currency rates) are edited in the file."""
        return typing.get_origin(self.hint) is not dict

    @property
    def at_next_start(self) -> bool:
        return self.section in AT_NEXT_START


def section_rows(config: Config, section: str) -> list[SettingRow]:
    values = getattr(config, section)
    kind = type(values)
    defaults = kind()
    hints = typing.get_type_hints(kind)
    rows = []
    for f in dataclasses.fields(kind):
        rows.append(
            SettingRow(
                section=section,
                key=f.name,
                hint=hints[f.name],
                value=getattr(values, f.name),
                default=getattr(defaults, f.name),
                help=HELP.get((section, f.name), ""),
                accepts=_accepts(kind, section, f.name, hints[f.name]),
                secret=(section, f.name) in SECRETS,
            )
        )
    return rows


def sections() -> list[tuple[str, str]]:
    """(name, title) of every section, in the order the screen lists them."""
    names = [f.name for f in dataclasses.fields(Config)]
    ordered = [n for n in SECTIONS if n in names] + [n for n in names if n not in SECTIONS]
    return [(n, SECTIONS.get(n, n.capitalize())) for n in ordered]


def _accepts(kind: type, section: str, key: str, hint: Any) -> str:
    allowed = ALLOWED_VALUES.get((section, key))
    if allowed is not None:
        return "one of: " + ", ".join(sorted(map(str, allowed)))
    bounds = range_of(kind, key)
    words = _KIND_WORDS.get(hint, "a number or a percent" if "Step" in str(hint) else "a number")
    if typing.get_origin(hint) is dict:
        return "a table of names to values: edit it in the config file"
    if bounds is not None:
        unset = ""
        if bounds.unset_is_default:
            unset = ", or empty for the default"
        elif bounds.blank_ok and hint not in (int, float):
            unset = ", or empty for not set"
        return f"{words} {bounds.describe()}{unset}"
    return words
