"""Define or edit an organisation with the keyboard: options, spaces, sources.

Tab moves between fields; Ctrl+N adds a space, Ctrl+O a source, Ctrl+T removes the row holding
the cursor; Ctrl+S checks everything together with the other organisations and saves, or shows
what is wrong and changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from gramtui.domain.organisation import (
    DENSITIES,
    FILLS,
    GROUPINGS,
    OVERSIZED,
    SORTS,
    Organisation,
    OrganisationError,
    Source,
    Space,
    resolve_folder,
)
from gramtui.domain.records import Folder
from gramtui.engine import layouts
from gramtui.ui.widgets.safe import Static

_HINTS = {
    "density": "unit widths in cm, records or discs",
    "look_ahead": "0 strict, -1 all",
}


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class SpaceRow(Horizontal):
    """One space: its name, how many units, how wide each unit is."""

    def __init__(self, space: Space | None = None) -> None:
        super().__init__(classes="org-row")
        self.space = space

    def compose(self) -> ComposeResult:
        space = self.space
        yield Input(
            space.name if space else "",
            placeholder="name, e.g. Kallax",
            compact=True,
            classes="space-name",
        )
        yield Input(
            str(space.units) if space else "",
            placeholder="units",
            type="integer",
            compact=True,
            classes="space-units",
        )
        yield Input(
            f"{space.width:g}" if space else "",
            placeholder="width",
            type="number",
            compact=True,
            classes="space-width",
        )

    def read(self, number: int) -> Space:
        name, units, width = (i.value.strip() for i in self.query(Input))
        where = f'Space #{number} ("{name or "no name"}")'
        try:
            count = int(units)
        except ValueError:
            raise OrganisationError(f"{where}: units must be a whole number of units.") from None
        try:
            size = float(width)
        except ValueError:
            raise OrganisationError(f"{where}: width must be a number (cm per unit).") from None
        return Space(name, count, size)


class SourceRow(Horizontal):
    """One source: a folder, how it is sorted, and its order among the sources."""

    def __init__(self, folders: list[Folder], folder_id: int | None, source: Source | None) -> None:
        super().__init__(classes="org-row")
        self.folders = folders
        self.folder_id = folder_id
        self.source = source

    def compose(self) -> ComposeResult:
        options = [(f"{f.name} ({f.count})", f.id) for f in self.folders]
        yield Select(
            options,
            value=self.folder_id if self.folder_id is not None else Select.NULL,
            prompt="folder",
            compact=True,
            classes="source-folder",
        )
        yield Select(
            _choices(SORTS),
            value=self.source.sort if self.source else "label",
            allow_blank=False,
            compact=True,
            classes="source-sort",
        )
        yield Input(
            str(self.source.order) if self.source else "0",
            placeholder="order",
            type="integer",
            compact=True,
            classes="source-order",
        )

    def read(self, number: int) -> Source:
        folder_id = self.query_one(".source-folder", Select).value
        if folder_id is Select.NULL:
            raise OrganisationError(f"Source #{number}: choose a folder.")
        order = self.query_one(".source-order", Input).value.strip() or "0"
        try:
            position = int(order)
        except ValueError:
            raise OrganisationError(f"Source #{number}: order must be a whole number.") from None
        names = Counter(f.name for f in self.folders)
        name = next(f.name for f in self.folders if f.id == folder_id)
        # A name reads better in the TOML; the id is needed when two folders share the name.
        folder: str | int = name if names[name] == 1 else int(folder_id)  # type: ignore[arg-type]
        sort = self.query_one(".source-sort", Select).value
        return Source(folder, sort, position)  # type: ignore[arg-type]


class OrganisationFormScreen(ModalScreen[str | None]):
    """Returns the saved organisation's name, or None when cancelled."""

    DEFAULT_CSS = """
    OrganisationFormScreen { align: center middle; }
    OrganisationFormScreen .dialog { width: 96; height: auto; max-height: 95%; }
    /* The scroll gives way in a short terminal, so the keys below it stay in sight. */
    OrganisationFormScreen VerticalScroll { height: auto; max-height: 60vh; }
    OrganisationFormScreen #org-spaces, OrganisationFormScreen #org-sources { height: auto; }
    OrganisationFormScreen .org-row { height: 1; margin-bottom: 1; }
    OrganisationFormScreen .org-row Label { width: 12; color: $text-muted; }
    OrganisationFormScreen .org-row Input { background: $boost; margin-right: 2; }
    OrganisationFormScreen .org-row Select { margin-right: 2; }
    OrganisationFormScreen #org-name { width: 40; }
    OrganisationFormScreen .org-option { width: 14; }
    OrganisationFormScreen #org-look-ahead { width: 8; }
    OrganisationFormScreen .hint { color: $text-muted; width: 1fr; }
    OrganisationFormScreen .section { text-style: bold; }
    OrganisationFormScreen .columns { color: $text-muted; height: 1; }
    OrganisationFormScreen .space-name { width: 30; }
    OrganisationFormScreen .space-units, OrganisationFormScreen .space-width { width: 12; }
    OrganisationFormScreen .source-folder { width: 36; }
    OrganisationFormScreen .source-sort { width: 20; }
    OrganisationFormScreen .source-order { width: 10; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+n", "add_space", "Add space"),
        Binding("ctrl+o", "add_source", "Add source"),
        Binding("ctrl+t", "remove_row", "Remove row"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        org: Organisation | None,
        folders: list[Folder],
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__()
        self.org = org
        self.folders = folders
        self.clock = clock

    def compose(self) -> ComposeResult:
        org = self.org
        title = "New organisation" if org is None else f"Edit organisation “{org.name}”"
        with Vertical(classes="dialog"):
            yield Static(Text(title, style="bold"))
            with VerticalScroll():
                with Horizontal(classes="org-row"):
                    yield Label("Name")
                    yield Input(
                        org.name if org else "",
                        placeholder="e.g. Main Shelves",
                        compact=True,
                        id="org-name",
                    )
                with Horizontal(classes="org-row"):
                    yield Label("Density")
                    yield self._option("density", DENSITIES, org.density if org else "width")
                    yield Static(_HINTS["density"], classes="hint")
                with Horizontal(classes="org-row"):
                    yield Label("Fill")
                    yield self._option("fill", FILLS, org.fill if org else "tight")
                    yield Label("Grouping")
                    yield self._option("grouping", GROUPINGS, org.grouping if org else "none")
                with Horizontal(classes="org-row"):
                    yield Label("Oversized")
                    yield self._option("oversized", OVERSIZED, org.oversized if org else "area")
                    yield Label("Look-ahead")
                    yield Input(
                        str(org.look_ahead if org else 0),
                        type="integer",
                        compact=True,
                        id="org-look-ahead",
                    )
                    yield Static(_HINTS["look_ahead"], classes="hint")
                yield Static("Spaces  (Ctrl+N adds one)", classes="section")
                yield Static(f"{'name':<32}{'units':<14}unit width", classes="columns")
                with Vertical(id="org-spaces"):
                    for space in org.spaces if org else (Space("Shelf", 4, 33.0),):
                        yield SpaceRow(space)
                yield Static("Sources  (Ctrl+O adds one)", classes="section")
                yield Static(
                    f"{'folder':<38}{'sort':<22}order (the same order merges)", classes="columns"
                )
                with Vertical(id="org-sources"):
                    for source in org.sources if org else (None,):
                        yield SourceRow(self.folders, self._folder_id(source), source)
            yield Static(id="org-form-error", classes="error-text")
            yield Static(
                Text(
                    "Tab next field · Ctrl+S save · Ctrl+T remove the row · Esc cancel",
                    style="italic dim",
                )
            )

    def _option(self, name: str, values: tuple[str, ...], value: str) -> Select[str]:
        return Select(
            _choices(values),
            value=value,
            allow_blank=False,
            compact=True,
            id=f"org-{name}",
            classes="org-option",
        )

    def _folder_id(self, source: Source | None) -> int | None:
        if source is None or self.org is None:
            return None
        try:
            return resolve_folder(self.org, source, self.folders)
        except OrganisationError:
            return None  # the folder is gone: the user picks another

    def on_mount(self) -> None:
        self.query_one("#org-name", Input).focus()

    def action_add_space(self) -> None:
        row = SpaceRow()
        self.query_one("#org-spaces").mount(row)
        self.call_after_refresh(lambda: row.query_one(Input).focus())

    def action_add_source(self) -> None:
        row = SourceRow(self.folders, None, None)
        self.query_one("#org-sources").mount(row)
        self.call_after_refresh(lambda: row.query_one(Select).focus())

    def action_remove_row(self) -> None:
        node: Widget | None = self.focused
        while node is not None and not isinstance(node, SpaceRow | SourceRow):
            node = node.parent if isinstance(node.parent, Widget) else None
        if node is not None:
            self.focus_next()
            node.remove()

    def read(self) -> Organisation:
        """The organisation the form describes; OrganisationError when a field is not a number."""
        look_ahead = self.query_one("#org-look-ahead", Input).value.strip() or "0"
        try:
            ahead = int(look_ahead)
        except ValueError:
            raise OrganisationError("Look-ahead must be a whole number (0, N or -1).") from None
        return Organisation(
            name=self.query_one("#org-name", Input).value.strip(),
            spaces=tuple(r.read(n) for n, r in enumerate(self.query(SpaceRow), 1)),
            sources=tuple(r.read(n) for n, r in enumerate(self.query(SourceRow), 1)),
            density=self.query_one("#org-density", Select).value,  # type: ignore[arg-type]
            fill=self.query_one("#org-fill", Select).value,  # type: ignore[arg-type]
            grouping=self.query_one("#org-grouping", Select).value,  # type: ignore[arg-type]
            look_ahead=ahead,
            oversized=self.query_one("#org-oversized", Select).value,  # type: ignore[arg-type]
        )

    def action_save(self) -> None:
        try:
            org = self.read()
            layouts.save_organisation(org, self.clock(), self.org.name if self.org else None)
        except OrganisationError as e:
            self.query_one("#org-form-error", Static).update(Text(str(e)))
            return
        self.dismiss(org.name)

    def action_cancel(self) -> None:
        self.dismiss(None)
