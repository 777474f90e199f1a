"""Writing settings back into the config file the way a person would: only the keys changed,
with the comments, order and formatting of everything else kept (tomlkit round-trips TOML).
Every writer of config text is here: the printer form, the theme, the file of defaults.

The new text is checked by the same parser that reads the file before it replaces the old one
atomically, so a refused value or a failure midway leaves the file as it was.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from gramtui.settings.config import Config, ConfigError, parse_config, read_setting, setting_text


def write_keys(config_file: Path, table: str, values: Mapping[str, object]) -> Config:
    """Set `values` in `[table]` of the config file (made if missing); returns the new config."""
    path = config_file.resolve()  # a symlinked config: write where it points
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        document = tomlkit.parse(text)
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"Cannot read the config file {path}: {e}.") from None
    except TOMLKitError as e:
        raise ConfigError(f"{path} is not valid TOML ({e}): fix it by hand first.") from None
    section = document.get(table)
    if section is None:
        section = tomlkit.table()
        document.add(table, section)
    elif not isinstance(section, dict):
        raise ConfigError(f"{path}: {table} is not a table; fix it by hand first.")
    for key, value in values.items():
        section[key] = setting_text(value)  # money and steps as text, never floats
    new_text = tomlkit.dumps(document)
    config = parse_config(new_text, path)  # refuses what the reader would refuse
    written = getattr(config, table)
    wanted = {k: read_setting(table, k, setting_text(v), str(path)) for k, v in values.items()}
    if any(getattr(written, key) != value for key, value in wanted.items()):
        raise ConfigError(
            f"{path} sets [{table}] in a form gramtui cannot edit (a dotted key or an inline "
            f"table): write it as a [{table}] table, or edit it by hand."
        )
    _write_atomically(path, new_text)
    return config


def default_config_text() -> str:
    """A config file with every key at its default: a start for a user's own file."""
    document = tomlkit.document()
    document.add(
        tomlkit.comment("gramtui configuration. Every key is optional; these are the defaults.")
    )
    document.add(tomlkit.nl())
    defaults = Config()
    for f in dataclasses.fields(Config):
        section = getattr(defaults, f.name)
        table = tomlkit.table()
        for key in (k.name for k in dataclasses.fields(section)):
            value = setting_text(getattr(section, key))
            if isinstance(value, dict):  # on its key's line, not a [section.key] table of its own
                inline = tomlkit.inline_table()
                inline.update(value)
                value = inline
            table.add(key, value)
        document.add(f.name, table)
    return tomlkit.dumps(document)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
