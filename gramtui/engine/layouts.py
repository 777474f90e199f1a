"""Organisations and their layouts: what the Shelves pane, the moves and the CLI call.

The current layout is computed from the stored collection and stored as a snapshot when it
changed; the layout "on the shelf" is the last one the user accepted.
"""

from __future__ import annotations

import tomllib
from datetime import datetime

from gramtui.domain.layout import Layout, lay_out
from gramtui.domain.organisation import (
    Organisation,
    OrganisationError,
    check_organisation,
    check_organisations,
    dump_organisations,
    parse_organisations,
)
from gramtui.domain.widths import DEFAULT_DISC_WIDTHS, WidthSettings
from gramtui.settings.config import Config
from gramtui.store import collection, layouts


def width_settings(config: Config) -> WidthSettings:
    w = config.widths
    return WidthSettings(
        width_field=w.field,
        sleeve_field=w.sleeve_field or "Sleeve",
        sleeve_multipliers=dict(w.sleeves),
        disc_widths={**DEFAULT_DISC_WIDTHS, **w.per_disc},
    )


def organisations() -> list[Organisation]:
    """The stored organisations (checked against the folders as they are now)."""
    out: list[Organisation] = []
    for _name, text in layouts.definitions():
        out.extend(parse_organisations(tomllib.loads(text), collection.folders()))
    return out


def organisation(name: str) -> Organisation:
    for org in organisations():
        if org.name == name:
            return org
    known = ", ".join(o.name for o in organisations()) or "none yet: import one with `gramtui org import`"
    raise OrganisationError(f"There is no organisation called {name!r} (organisations: {known}).")


def save_organisations(orgs: list[Organisation], now: datetime) -> None:
    """Validate all of them together (one folder, one organisation), then store them."""
    check_organisations(orgs, collection.folders())
    layouts.replace_definitions([(o.name, dump_organisations([o])) for o in orgs], now)


def import_toml(text: str, now: datetime) -> list[Organisation]:
    """Replace the organisations with those in a TOML text; invalid text changes nothing."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise OrganisationError(f"The file is not valid TOML ({e}).") from None
    orgs = parse_organisations(data, collection.folders())
    save_organisations(orgs, now)
    return orgs


def export_toml() -> str:
    return dump_organisations(organisations())


def current_layout(org: Organisation, config: Config, now: datetime) -> Layout:
    """Lay the organisation out from the stored collection, and keep a snapshot if it changed."""
    folder_ids = check_organisation(org, collection.folders())
    records = collection.load_records(folder_ids)
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
