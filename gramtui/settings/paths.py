"""Where gramtui keeps its files: platformdirs by default, overridden by env or flags."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP = "gramtui"


@dataclass(frozen=True, slots=True)
class Paths:
    data_dir: Path
    config_file: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "gramtui.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def slips(self) -> Path:
        return self.data_dir / "slips"

    @property
    def token_file(self) -> Path:
        return self.data_dir / "token"

    def ensure(self) -> None:
        for d in (self.data_dir, self.backups, self.logs, self.slips):
            d.mkdir(parents=True, exist_ok=True)


def resolve_paths(data_dir: str | Path | None = None, config: str | Path | None = None) -> Paths:
    """Flags beat environment variables, which beat the platform's usual places."""
    data = data_dir or os.environ.get("GRAMTUI_DATA_DIR") or platformdirs.user_data_dir(APP)
    conf = config or os.environ.get("GRAMTUI_CONFIG")
    if conf is None:
        conf = Path(platformdirs.user_config_dir(APP)) / "config.toml"
    return Paths(Path(data).expanduser(), Path(conf).expanduser())


def demo_paths(data_dir: str | Path | None = None, config: str | Path | None = None) -> Paths:
    """The demo never touches the user's real data: it has a directory of its own (or the one
    given). Its config is the one given (flag, then GRAMTUI_CONFIG), else its own file."""
    base = Path(data_dir or Path(platformdirs.user_cache_dir(APP)) / "demo").expanduser()
    conf = config or os.environ.get("GRAMTUI_CONFIG")
    return Paths(base, Path(conf).expanduser() if conf else base / "config.toml")
