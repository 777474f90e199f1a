"""Helpers for the moves tests: a session with records stored directly, organisations, printers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from helpers.clock import FakeClock
from socket_printer import SocketPrinter

from gramtui.domain.records import Artist, Folder, Format, Label, Release
from gramtui.engine import layouts
from gramtui.engine.setup import Session, open_session
from gramtui.settings.config import Config
from gramtui.settings.paths import Paths
from gramtui.store import collection

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
SHELF_FOLDER = Folder(1000, "Shelf")


@dataclass(frozen=True)
class Item:
    """One instance as a sync hands it to the store."""

    instance_id: int
    folder_id: int
    release: Release
    date_added: datetime | None = NOW
    rating: int = 0
    notes: dict[int, str] = field(default_factory=dict)


def release(n: int, artist: str, title: str, label: str, catno: str, year: int = 1975) -> Release:
    return Release(
        id=100_000 + n,
        title=title,
        artists=(Artist(artist),),
        labels=(Label(label, catno),),
        formats=(Format("Vinyl", 1, ("LP",)),),
        year=year,
    )


def numbered(ids: Iterable[int], folder: Folder = SHELF_FOLDER) -> list[Item]:
    """Records "Label L, catno L-0001 ..." that sort by their number."""
    return [
        Item(i, folder.id, release(i, f"Artist {i:04d}", f"Title {i:04d}", "Label L", f"L-{i:04d}"))
        for i in ids
    ]


def store(items: Iterable[Item], folders: Iterable[Folder] = (SHELF_FOLDER,)) -> None:
    collection.save_folders([Folder(0, "All"), *folders])
    collection.save_instances(list(items))


def organisation_toml(
    name: str = "Main", per_unit: int = 25, units: int = 30, folder: str = "Shelf"
) -> str:
    return f"""
[[organisation]]
name = "{name}"
density = "count"
fill = "tight"
[[organisation.source]]
folder = "{folder}"
sort = "label"
[[organisation.space]]
name = "Kallax"
units = {units}
width = {per_unit}
"""


def define(text: str, now: datetime = NOW) -> None:
    layouts.import_toml(text, now, replace=True)  # the file is the whole set


def session_at(tmp_path: Path, config: Config | None = None) -> Session:
    return open_session(
        Paths(tmp_path / "data", tmp_path / "config.toml"),
        config=config or Config(),
        token="t",
        base_url="http://127.0.0.1:9",
        clock=FakeClock(NOW),
        log_to_file=False,
        daily_backup=False,
    )


def use_network_printer(session: Session, printer: SocketPrinter, timeout: float = 2.0) -> None:
    p = session.engine.config.printer
    p.kind, p.host, p.port, p.timeout = "network", "127.0.0.1", printer.port, timeout


def use_file_printer(session: Session, path: Path) -> None:
    p = session.engine.config.printer
    p.kind, p.path = "file", str(path)
