"""Organisations and their layouts: what the Shelves pane, the moves and the CLI call.

The current layout is computed from the stored collection and stored as a snapshot when it
changed; the layout "on the shelf" is the last one the user accepted.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from gramtui.domain.layout import Layout, lay_out, locate
from gramtui.domain.organisation import (
    ALL_FOLDER_ID,
    Organisation,
    OrganisationError,
    check_organisation,
    check_organisations,
    dump_organisations,
    parse_organisations,
)
from gramtui.domain.placement import Placement
from gramtui.domain.records import Folder
from gramtui.domain.sortkeys import fold
from gramtui.domain.widths import DEFAULT_DISC_WIDTHS, WidthSettings
from gramtui.settings.config import Config
from gramtui.store import collection, layouts
from gramtui.store.gc_pause import gc_paused as _gc_paused


def width_settings(config: Config) -> WidthSettings:
    w = config.widths
    return WidthSettings(
        width_field=w.field,
        sleeve_field=w.sleeve_field or "Sleeve",
        sleeve_multipliers=dict(w.sleeves),
        disc_widths={**DEFAULT_DISC_WIDTHS, **w.per_disc},
    )


def organisation_names() -> list[str]:
    """The names only, without parsing or checking the definitions (cheap, for menus)."""
    return [name for name, _text in layouts.definitions()]


def organisations() -> list[Organisation]:
    """The stored organisations (checked against the folders as they are now)."""
    out: list[Organisation] = []
    for _name, text in layouts.definitions():
        out.extend(parse_organisations(tomllib.loads(text), collection.folders()))
    return out


def organisation(name: str) -> Organisation:
    """The organisation of that name, matched without regard to case (the exact name first)."""
    orgs = organisations()
    for org in orgs:
        if org.name == name:
            return org
    for org in orgs:
        if org.name.casefold() == name.casefold():
            return org
    names = [o.name for o in orgs]
    close = difflib.get_close_matches(name.casefold(), [n.casefold() for n in names], n=1)
    if close:
        suggestion = next(n for n in names if n.casefold() == close[0])
        raise OrganisationError(
            f"There is no organisation called {name!r}: did you mean {suggestion!r}?"
        )
    known = ", ".join(names) or "none yet: import one with `gramtui org import`"
    raise OrganisationError(f"There is no organisation called {name!r} (organisations: {known}).")


def save_organisations(orgs: list[Organisation], now: datetime) -> None:
    """Validate all of them together (one folder, one organisation), then store them."""
    check_organisations(orgs, collection.folders())
    layouts.replace_definitions([(o.name, dump_organisations([o])) for o in orgs], now)


@dataclass(frozen=True)
class ImportResult:
    """What an import did, by organisation name."""

    added: list[str]
    updated: list[str]
    removed: list[str]


def import_toml(text: str, now: datetime, replace: bool = False) -> ImportResult:
    """Add the organisations in a TOML text, or update those of the same name; with `replace`,
    the file's organisations become the only ones. Invalid text changes nothing."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise OrganisationError(f"The file is not valid TOML ({e}).") from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise OrganisationError(
            "The file nests arrays or tables too deeply to read; an organisation nests twice."
        ) from None
    orgs = parse_organisations(data, collection.folders())
    stored = organisation_names()
    imported = {o.name for o in orgs}
    if replace:
        merged = orgs
    else:
        # Keep the others in their place; an imported name takes the place of the stored one.
        # (a stored one the file updates is not parsed: the import may be what repairs it)
        folders = collection.folders()
        kept = {
            o.name: o
            for name, toml in layouts.definitions()
            if name not in imported
            for o in parse_organisations(tomllib.loads(toml), folders)
        }
        by_name = {**kept, **{o.name: o for o in orgs}}
        merged = [by_name[n] for n in stored if n in by_name]
        merged += [o for o in orgs if o.name not in stored]
    save_organisations(merged, now)
    return ImportResult(
        added=[o.name for o in orgs if o.name not in stored],
        updated=[o.name for o in orgs if o.name in stored],
        removed=[n for n in stored if n not in imported] if replace else [],
    )


def export_toml() -> str:
    return dump_organisations(organisations())


def current_layout(org: Organisation, config: Config, now: datetime) -> Layout:
    """Lay the organisation out from the stored collection, and keep a snapshot if it changed."""
    folder_ids = check_organisation(org, collection.folders())
    records = layouts.shelf_records(folder_ids)  # collection.load_records, five times faster
    layout = lay_out(org, records, collection.folders(), width_settings(config))
    if layouts.save_snapshot(layout, now):
        layouts.prune_snapshots(org.name)
    return layout


def accepted_layout(name: str) -> Layout | None:
    """The layout on the shelves (None before the first accept: the shelves are taken as empty)."""
    return layouts.accepted_layout(name)


def accept_layout(name: str, layout_hash: str, now: datetime) -> None:
    if layouts.snapshot(name, layout_hash) is None:
        raise OrganisationError(f"No stored layout {layout_hash[:12]} for {name!r}.")
    layouts.accept(name, layout_hash, now)


# -- what the Shelves pane and the layout commands read ----------------------------------------

_NOT_ALNUM = re.compile(r"[\W_]+")
UNIT_NAMES = {"width": "cm", "count": "records", "discs": "discs"}


class WidthError(ValueError):
    """A width that cannot be set; the message says what to type instead."""


@dataclass(frozen=True, slots=True)
class ShelfRecord:
    """What a shelf list shows of one record (strings from Discogs: data, never markup)."""

    instance_id: int
    artist: str
    title: str
    label: str
    catno: str
    format: str
    year: int | None
    folder_id: int
    size: str
    explicit_width: float | None  # set in the app; None: the width comes from fields or format


@dataclass(frozen=True, slots=True)
class Location:
    organisation: str
    placement: Placement
    record: ShelfRecord
    before: tuple[ShelfRecord, ...]  # its neighbours in the same unit or area, in shelf order
    after: tuple[ShelfRecord, ...]


@dataclass(frozen=True)
class ShelfView:
    """An organisation's current layout with what is shown of each of its records."""

    organisation: Organisation
    layout: Layout
    records: Mapping[int, ShelfRecord]

    @property
    def unit_name(self) -> str:
        return UNIT_NAMES[self.organisation.density]

    @cached_property
    def _haystacks(self) -> list[tuple[int, str, str]]:
        out = []
        for p in self.layout.placements:
            r = self.records[p.instance_id]
            text = fold(f"{r.artist}\n{r.title}\n{r.label}\n{r.catno}")
            out.append((p.instance_id, text, _squeezed(fold(r.catno))))
        return out

    def prepare_search(self) -> None:
        """Build the search index now (a worker's job: ~0.1 s at 50,000 records) rather than on
        the first keystroke."""
        with _gc_paused:
            self._haystacks  # noqa: B018

    def search(self, query: str) -> list[int]:
        """Instance ids in shelf order whose artist, title, label or catno hold every word of the
        query (case and accents ignored; in the catno also punctuation and spacing, so BAF7001
        finds "BAF 7-001"), or whose instance id the query is."""
        words = [(w, _squeezed(w)) for w in fold(query).split()]
        if not words:
            return []
        exact = int(query) if query.strip().isdigit() else None
        return [
            iid
            for iid, text, squeezed in self._haystacks
            if iid == exact or all(w in text or (s and s in squeezed) for w, s in words)
        ]

    def locate(self, instance_id: int, n: int = 2) -> Location | None:
        found = locate(self.layout, instance_id, n)
        if found is None:
            return None
        return Location(
            self.organisation.name,
            found.placement,
            self.records[instance_id],
            tuple(self.records[i] for i in found.before),
            tuple(self.records[i] for i in found.after),
        )


def _squeezed(text: str) -> str:
    return _NOT_ALNUM.sub("", text)


def shelf_view(org: Organisation, config: Config, now: datetime) -> ShelfView:
    """The current layout (stored as a snapshot when it changed) and what the pane shows of it."""
    with _gc_paused:
        layout = current_layout(org, config, now)
        rows = layouts.display_rows(check_organisation(org, collection.folders()))
        records = {
            iid: ShelfRecord(iid, *rows[iid]) for iid in (p.instance_id for p in layout.placements)
        }
    return ShelfView(org, layout, records)


def locate_everywhere(query: str, config: Config, now: datetime, n: int = 2) -> list[Location]:
    """Every record of every organisation matching the query, with where it stands."""
    out: list[Location] = []
    for org in organisations():
        view = shelf_view(org, config, now)
        out.extend(loc for iid in view.search(query) if (loc := view.locate(iid, n)) is not None)
    return out


def source_folders() -> list[Folder]:
    """The folders a source can name: every folder but "All"."""
    return [f for f in collection.folders() if f.id != ALL_FOLDER_ID]


def save_organisation(org: Organisation, now: datetime, replacing: str | None = None) -> None:
    """Add an organisation, or put it in the place of the one named `replacing`; all are checked
    together (names, one folder one organisation) and nothing is stored when one is refused."""
    orgs = organisations()
    names = [o.name for o in orgs]
    if replacing is not None and replacing in names:
        orgs[names.index(replacing)] = org
    else:
        orgs.append(org)
    save_organisations(orgs, now)


def delete_organisation(name: str, now: datetime) -> None:
    orgs = organisations()
    if all(o.name != name for o in orgs):
        raise OrganisationError(f"There is no organisation called {name!r}.")
    save_organisations([o for o in orgs if o.name != name], now)


def parse_width(text: str) -> float | None:
    """A width typed by the user: centimetres ("0.8", "0,8", "0.8 cm"), or "auto" (None) to let
    the custom field or the format decide again."""
    cleaned = text.strip().lower().removesuffix("cm").strip().replace(",", ".")
    if cleaned in ("auto", ""):
        return None
    try:
        width = float(cleaned)
    except ValueError:
        raise WidthError(
            f"{text.strip()!r} is not a width; type centimetres such as 0.8, or auto."
        ) from None
    if not (math.isfinite(width) and 0 < width <= 1000):
        raise WidthError(
            f"A width must be more than 0 and at most 1000 cm, not {text.strip()}; or type auto."
        )
    return width


def set_record_width(instance_id: int, width: float | None) -> None:
    """Set (or with None clear) a record's explicit width; a sync keeps it."""
    if width is not None and not (math.isfinite(width) and 0 < width <= 1000):
        raise WidthError(f"A width must be more than 0 and at most 1000 cm, not {width}.")
    if not collection.set_width(instance_id, width):
        raise WidthError(f"There is no instance {instance_id} in the collection; sync first?")
