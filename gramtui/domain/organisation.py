"""An organisation: which folders go on which shelves, sorted and packed how.

The definition is plain data, read from and written to TOML:

    [[organisation]]
    name = "Main Shelves"
    density = "width"   # count | discs | width
    fill = "tight"      # tight | spread
    grouping = "none"   # none | label | artist
    look_ahead = 0      # 0 strict order, N records, -1 unlimited
    oversized = "area"  # area | inline (optional)
    [[organisation.source]]
    folder = "12s"      # folder name or id
    sort = "label"      # label | artist | year | earliest_year | added
    order = 0
    [[organisation.space]]
    name = "Kallax"
    units = 8
    width = 33.0        # cm (a count of records or discs under those densities)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from gramtui.domain.records import Folder

SortKind = Literal["label", "artist", "year", "earliest_year", "added"]
Density = Literal["count", "discs", "width"]
Fill = Literal["tight", "spread"]
Grouping = Literal["none", "label", "artist"]
# "area": records flagged oversized stand in the oversized area; "inline": the flag is ignored
# and they are shelved with the rest. A record wider than every unit goes to the area either way.
Oversized = Literal["area", "inline"]

SORTS: tuple[str, ...] = get_args(SortKind)
DENSITIES: tuple[str, ...] = get_args(Density)
FILLS: tuple[str, ...] = get_args(Fill)
GROUPINGS: tuple[str, ...] = get_args(Grouping)
OVERSIZED: tuple[str, ...] = get_args(Oversized)

# Discogs' folder 0 is "All": every record, never the folder a record is actually in.
ALL_FOLDER_ID = 0

# Sizes beyond these are typos (a layout holds every unit in memory and walks them all): the
# largest record rooms have a few hundred shelves, and no unit is wider than a 100 m wall.
MAX_SPACES = 100
MAX_UNITS_PER_SPACE = 1_000
MAX_UNITS = 10_000  # all spaces of one organisation together
MAX_UNIT_WIDTH = 10_000  # cm under density "width"; records or discs under "count" and "discs"


class OrganisationError(ValueError):
    """An organisation definition that cannot be used; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class Space:
    """A piece of furniture: `units` cubes or shelves, each `width` wide."""

    name: str
    units: int
    width: float  # cm under density "width"; a number of records or discs otherwise


@dataclass(frozen=True, slots=True)
class Source:
    """A folder feeding an organisation; sources with the same `order` are merged, then sorted."""

    folder: str | int  # a folder's name, or its Discogs id
    sort: SortKind = "label"
    order: int = 0


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    spaces: tuple[Space, ...]
    sources: tuple[Source, ...]
    density: Density = "width"
    fill: Fill = "tight"
    grouping: Grouping = "none"
    look_ahead: int = 0  # 0 strict order, N records, -1 unlimited
    oversized: Oversized = "area"


def resolve_folder(org: Organisation, source: Source, folders: Sequence[Folder]) -> int:
    """The id of the folder a source names; OrganisationError when there is no such folder."""
    if isinstance(source.folder, int):
        if source.folder == ALL_FOLDER_ID:
            raise OrganisationError(
                f'Organisation "{org.name}": folder 0 ("All") holds every record; '
                "name the folders themselves."
            )
        if any(f.id == source.folder for f in folders):
            return source.folder
        raise OrganisationError(
            f'Organisation "{org.name}": unknown folder id {source.folder}; '
            "use the id or name of one of your Discogs folders."
        )
    matches = [f.id for f in folders if f.name == source.folder]
    if len(matches) > 1:
        raise OrganisationError(
            f'Organisation "{org.name}": {len(matches)} folders are named "{source.folder}"; '
            "use the folder's id instead."
        )
    if not matches or matches[0] == ALL_FOLDER_ID:
        raise OrganisationError(
            f'Organisation "{org.name}": unknown folder "{source.folder}"; '
            "use the exact name or the id of one of your Discogs folders."
        )
    return matches[0]


def check_organisation(org: Organisation, folders: Sequence[Folder]) -> tuple[int, ...]:
    """Refuse a definition that cannot be laid out; return its sources' folder ids, in order."""
    where = f'Organisation "{org.name}"'
    if not org.name.strip():
        raise OrganisationError("An organisation has an empty name; give it a name.")
    for value, allowed, what in (
        (org.density, DENSITIES, "density"),
        (org.fill, FILLS, "fill"),
        (org.grouping, GROUPINGS, "grouping"),
        (org.oversized, OVERSIZED, "oversized"),
    ):
        if value not in allowed:
            raise OrganisationError(f"{where}: unknown {what} {value!r}; use one of {allowed}.")
    if org.look_ahead < -1:
        raise OrganisationError(
            f"{where}: look_ahead is {org.look_ahead}; use 0 (strict), N records, or -1 (unlimited)."
        )
    if not org.spaces:
        raise OrganisationError(f"{where} has no space; add at least one [[organisation.space]].")
    if not org.sources:
        raise OrganisationError(f"{where} has no source; add at least one [[organisation.source]].")
    if len(org.spaces) > MAX_SPACES:
        raise OrganisationError(
            f"{where} has {len(org.spaces):,} spaces; at most {MAX_SPACES} (MAX_SPACES) are allowed."
        )
    space_names: set[str] = set()
    for space in org.spaces:
        if not space.name.strip():
            raise OrganisationError(f"{where}: a space has an empty name; give it a name.")
        if space.name in space_names:
            raise OrganisationError(f'{where}: two spaces are named "{space.name}"; rename one.')
        space_names.add(space.name)
        if space.units < 1:
            raise OrganisationError(
                f'{where}: space "{space.name}" has {space.units} units; give it at least 1.'
            )
        if space.units > MAX_UNITS_PER_SPACE:
            raise OrganisationError(
                f'{where}: space "{space.name}" has {space.units:,} units; give it at most '
                f"{MAX_UNITS_PER_SPACE:,} (MAX_UNITS_PER_SPACE)."
            )
        if not (math.isfinite(space.width) and space.width > 0):
            raise OrganisationError(
                f'{where}: space "{space.name}" has width {space.width}; give a positive width.'
            )
        if space.width > MAX_UNIT_WIDTH:
            raise OrganisationError(
                f'{where}: space "{space.name}" has width {space.width:,g}; give at most '
                f"{MAX_UNIT_WIDTH:,} (MAX_UNIT_WIDTH) per unit."
            )
    total = sum(space.units for space in org.spaces)
    if total > MAX_UNITS:
        raise OrganisationError(
            f"{where} has {total:,} units in all; at most {MAX_UNITS:,} (MAX_UNITS) are allowed."
        )
    sort_by_order: dict[int, str] = {}
    folder_ids: list[int] = []
    for source in org.sources:
        if source.sort not in SORTS:
            raise OrganisationError(f"{where}: unknown sort {source.sort!r}; use one of {SORTS}.")
        if sort_by_order.setdefault(source.order, source.sort) != source.sort:
            raise OrganisationError(
                f"{where}: sources with order {source.order} are merged but sort differently "
                f"({sort_by_order[source.order]!r} and {source.sort!r}); give them one sort "
                "or different orders."
            )
        folder_id = resolve_folder(org, source, folders)
        if folder_id in folder_ids:
            raise OrganisationError(
                f"{where}: folder {source.folder!r} is listed twice; list each folder once."
            )
        folder_ids.append(folder_id)
    return tuple(folder_ids)


def check_organisations(orgs: Sequence[Organisation], folders: Sequence[Folder]) -> None:
    """Check each definition, and that no name and no folder is used by two organisations."""
    owner: dict[int, str] = {}
    names: set[str] = set()
    names_by_id = {f.id: f.name for f in folders}
    for org in orgs:
        if org.name in names:
            raise OrganisationError(
                f'Two organisations are named "{org.name}"; give each a name of its own.'
            )
        names.add(org.name)
        for folder_id in check_organisation(org, folders):
            if folder_id in owner:
                raise OrganisationError(
                    f'Organisation "{org.name}": folder "{names_by_id[folder_id]}" already '
                    f'belongs to organisation "{owner[folder_id]}"; a folder can feed only one.'
                )
            owner[folder_id] = org.name


_ORG_KEYS = {"name", "density", "fill", "grouping", "look_ahead", "oversized", "source", "space"}
_SOURCE_KEYS = {"folder", "sort", "order"}
_SPACE_KEYS = {"name", "units", "width"}


def parse_organisations(data: Mapping[str, Any], folders: Sequence[Folder]) -> list[Organisation]:
    """Organisations from parsed TOML (`data["organisation"]`); other top-level keys are ignored.

    Raises OrganisationError naming the organisation and the problem.
    """
    tables = data.get("organisation", [])
    if not isinstance(tables, list):
        raise OrganisationError(
            "`organisation` must be an array of tables; write each as [[organisation]]."
        )
    orgs = [_parse_one(table, n) for n, table in enumerate(tables, 1)]
    check_organisations(orgs, folders)
    return orgs


def _parse_one(table: Any, number: int) -> Organisation:
    if not isinstance(table, dict):
        raise OrganisationError(
            f"Organisation #{number} is not a table; write it as [[organisation]]."
        )
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise OrganisationError(f'Organisation #{number} has no name; add name = "...".')
    where = f'Organisation "{name}"'
    _no_unknown_keys(table, _ORG_KEYS, where)
    sources = tuple(
        _parse_source(t, f"{where}, source #{n}")
        for n, t in enumerate(_tables(table, "source", where), 1)
    )
    spaces = tuple(
        _parse_space(t, where, n) for n, t in enumerate(_tables(table, "space", where), 1)
    )
    return Organisation(
        name=name,
        spaces=spaces,
        sources=sources,
        density=_choice(table, "density", DENSITIES, "width", where),
        fill=_choice(table, "fill", FILLS, "tight", where),
        grouping=_choice(table, "grouping", GROUPINGS, "none", where),
        look_ahead=_integer(table, "look_ahead", 0, where),
        oversized=_choice(table, "oversized", OVERSIZED, "area", where),
    )


def _parse_source(table: dict[str, Any], where: str) -> Source:
    _no_unknown_keys(table, _SOURCE_KEYS, where)
    if "folder" not in table:
        raise OrganisationError(f'{where} has no folder; add folder = "name" or folder = id.')
    folder = table["folder"]
    if isinstance(folder, bool) or not isinstance(folder, str | int):
        raise OrganisationError(f"{where}: folder must be a folder name or an id, not {folder!r}.")
    return Source(
        folder=folder,
        sort=_choice(table, "sort", SORTS, "label", where),
        order=_integer(table, "order", 0, where),
    )


def _parse_space(table: dict[str, Any], org_where: str, number: int) -> Space:
    _no_unknown_keys(table, _SPACE_KEYS, f"{org_where}, space #{number}")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise OrganisationError(f'{org_where}, space #{number} has no name; add name = "...".')
    where = f'{org_where}, space "{name}"'
    if "units" not in table:
        raise OrganisationError(f"{where} has no units; add units = N (at least 1).")
    if "width" not in table:
        raise OrganisationError(f"{where} has no width; add width = unit width in cm.")
    width = table["width"]
    if isinstance(width, bool) or not isinstance(width, int | float):
        raise OrganisationError(f"{where}: width must be a number, not {width!r}.")
    return Space(name=name, units=_integer(table, "units", 0, where), width=float(width))


def _tables(table: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise OrganisationError(
            f"{where}: `{key}` must be an array of tables; write each as [[organisation.{key}]]."
        )
    return value


def _no_unknown_keys(table: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise OrganisationError(
            f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(sorted(known))}."
        )


def _choice(
    table: dict[str, Any], key: str, allowed: tuple[str, ...], default: str, where: str
) -> Any:
    value = table.get(key, default)
    if value not in allowed:
        raise OrganisationError(f"{where}: unknown {key} {value!r}; use one of {allowed}.")
    return value


def _integer(table: dict[str, Any], key: str, default: int, where: str) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise OrganisationError(f"{where}: {key} must be a whole number, not {value!r}.")
    return value


def dump_organisations(orgs: Sequence[Organisation]) -> str:
    """TOML text that `parse_organisations(tomllib.loads(text), folders)` reads back equal."""
    lines: list[str] = []
    for org in orgs:
        lines += [
            "[[organisation]]",
            f"name = {_toml_string(org.name)}",
            f"density = {_toml_string(org.density)}",
            f"fill = {_toml_string(org.fill)}",
            f"grouping = {_toml_string(org.grouping)}",
            f"look_ahead = {org.look_ahead}",
            f"oversized = {_toml_string(org.oversized)}",
            "",
        ]
        for source in org.sources:
            folder = (
                source.folder if isinstance(source.folder, int) else _toml_string(source.folder)
            )
            lines += [
                "[[organisation.source]]",
                f"folder = {folder}",
                f"sort = {_toml_string(source.sort)}",
                f"order = {source.order}",
                "",
            ]
        for space in org.spaces:
            lines += [
                "[[organisation.space]]",
                f"name = {_toml_string(space.name)}",
                f"units = {space.units}",
                f"width = {float(space.width)!r}",
                "",
            ]
    return "\n".join(lines)


_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(text: str) -> str:
    """A TOML basic string: quote, backslash and control characters escaped."""
    out = []
    for ch in text:
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif ch < " " or ch == "\x7f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
