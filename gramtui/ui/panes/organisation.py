"""The organisation view of the Shelves tab: an organisation's spaces and units with their fill,
its records in shelf order, the oversized and spill areas; jump to a unit, locate a record.

Layouts are computed in a thread worker (a loading indicator meanwhile), never on the UI
thread; the lists draw only the lines on screen, so 50,000 records stay instant.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from gramtui.domain.layout import LayoutError
from gramtui.domain.neighbours import neighbour_sides
from gramtui.domain.organisation import Organisation, OrganisationError
from gramtui.domain.records import Folder
from gramtui.domain.words import count
from gramtui.engine import layouts, rules
from gramtui.engine.layouts import Location, ShelfRecord, ShelfView
from gramtui.ui.background import in_thread
from gramtui.ui.heap import give_back_freed_memory
from gramtui.ui.messages import OpenRecord
from gramtui.ui.pane import PaneServices, shown
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.organisation_form import OrganisationFormScreen
from gramtui.ui.screens.organisation_jump import OrganisationJumpScreen
from gramtui.ui.screens.organisation_locate import OrganisationLocateScreen, where
from gramtui.ui.screens.organisation_pick import OrganisationPickScreen
from gramtui.ui.screens.organisation_width import OrganisationWidthScreen
from gramtui.ui.widgets.fill_bar import amount
from gramtui.ui.widgets.line_list import LineList
from gramtui.ui.widgets.safe import Static
from gramtui.ui.widgets.shelf_list import ShelfList, ShelfRows, column_header
from gramtui.ui.widgets.unit_list import UnitList

NO_ORGANISATION = (
    "No organisation yet: nothing says which folders go on which shelves.\n\n"
    "Press n to define one here (a name, your spaces and their units, the folders to shelve),\n"
    "or write a TOML file and run  gramtui org import FILE.toml  (gramtui org export shows the "
    "format)."
)


class EmptyNote(Static, can_focus=True):
    """What the view says when there is nothing to lay out; focusable, so the keys still work."""


@dataclass(frozen=True)
class Computed:
    """What the worker hands back: the organisations, and the one shown laid out."""

    orgs: list[Organisation]
    rows: ShelfRows | None
    accepted: str | None  # the hash of the layout on the shelves, if any was accepted
    error: str | None = None


class OrganisationView(Vertical):
    VIEW_TITLE = "Organisation"
    DEFAULT_CSS = """
    OrganisationView { height: 1fr; }
    OrganisationView #org-title { height: 1; }
    OrganisationView #org-body { height: 1fr; }
    OrganisationView #org-records { height: 1fr; padding-left: 1; }
    OrganisationView #org-empty { height: 1fr; padding: 1 2; color: $text-muted; }
    OrganisationView #org-detail { height: 6; max-height: 6; }
    """
    BINDINGS = [
        Binding("slash", "locate", "Locate"),
        Binding("g", "jump", "Jump to unit"),
        Binding("p", "pick", "Organisation"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("w", "width", "Width"),
        Binding("z", "toggle_size", "Oversized"),
        Binding("x", "delete", "Delete org", show=False),
    ]

    def __init__(self, services: PaneServices, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.services = services
        self.name_shown: str | None = None
        self.orgs: list[Organisation] = []
        self.rows: ShelfRows | None = None
        self.accepted: str | None = None
        self.stale = True
        self._generation = 0
        self._keep: int | None = None  # the record to keep under the cursor across a recompute
        self._located: int | None = None
        self._computing = False
        self._again = False

    def compose(self) -> ComposeResult:
        yield Static(id="org-title", classes="list-header")
        with Horizontal(id="org-body"):
            yield UnitList(id="org-units")
            with Vertical(id="org-records"):
                yield Static(id="org-columns", classes="list-header")
                yield ShelfList(id="org-shelf")
        yield EmptyNote(id="org-empty")
        yield Static(id="org-detail", classes="detail")

    def on_mount(self) -> None:
        self.query_one("#org-empty").display = False
        self._columns()

    def on_resize(self) -> None:
        self._columns()

    def _columns(self) -> None:
        shelf = self.query_one(ShelfList)
        width = max(20, shelf.size.width or self.size.width - 46)
        self.query_one("#org-columns", Static).update(Text(column_header(width), style="bold"))

    @property
    def view(self) -> ShelfView | None:
        return self.rows.view if self.rows is not None else None

    # -- computing ------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """The collection or a definition changed: recompute now, in the background even when
        hidden, so that showing the view finds the layout ready (one computation at a time)."""
        self.stale = True
        if self.children:  # not before compose: prepare() or activate() computes then
            self.reload()

    def prepare(self) -> None:
        """Compute the layout before the view is first shown (the Shelves tab asks once its
        collection is on screen); showing it then uses this computation, finished or not."""
        if self.stale:
            self.reload()

    def activate(self) -> None:
        """Called when the view is shown: recompute what changed meanwhile, focus the records."""
        if self.stale:
            self.reload()
        self.focus_main()

    def focus_main(self) -> None:
        if self.rows is not None:
            self.query_one(ShelfList).focus()
        else:
            self.query_one(EmptyNote).focus()

    def reload(self, name: str | None = None) -> None:
        if name is not None:
            self.name_shown = name
            self._keep = None
        else:
            placement = (
                self.rows.placement_at(self.query_one(ShelfList).cursor) if self.rows else None
            )
            self._keep = placement.instance_id if placement else self._keep
        self.stale = False
        self._generation += 1
        # The indicator stands on the title, not on the lists: a loading widget cannot hold the
        # focus, so loading the lists took the focus away and keys pressed meanwhile were lost.
        self.query_one("#org-title").loading = True
        if self._computing:
            self._again = True  # a sync sends many changes: one computation at a time, the last
            return
        self._start()

    def _start(self) -> None:
        # One computation at a time (see reload()); every way it ends clears `_computing`, or no
        # later reload would start one again.
        self._computing = True
        generation, name, services = self._generation, self.name_shown, self.services
        in_thread(
            self,
            lambda: compute(name, services),
            lambda result: self._show(generation, result),
            what="Laying out the organisation",
            group="compute",
            exclusive=False,
            failed=self._failed,
        )

    def _done_computing(self, generation: int) -> bool:
        """The computation ended: False when it is already old (then the next one starts)."""
        self._computing = False
        if self._again or generation != self._generation:
            self._again = False
            self._start()  # what changed meanwhile: this result is already old
            return False
        self.query_one("#org-title").loading = False
        return True

    def _failed(self, sentence: str) -> None:
        if self._done_computing(self._generation):
            self.notify(sentence, severity="error", timeout=10)

    def _show(self, generation: int, result: Computed) -> None:
        if not self._done_computing(generation):
            return
        self.orgs = result.orgs
        self.rows = result.rows
        self.accepted = result.accepted
        body, empty = self.query_one("#org-body"), self.query_one(EmptyNote)
        if self.rows is None:
            self.name_shown = None
            body.display, empty.display = False, True
            message = (
                NO_ORGANISATION
                if result.error is None
                else (f"{result.error}\n\nFix it with e (edit) here, or with  gramtui org import.")
            )
            empty.update(Text(message))
            self.query_one("#org-title", Static).update(Text("Organisation", style="bold"))
            self.query_one("#org-detail").display = False
            if shown(self):
                empty.focus()
            return
        body.display, empty.display = True, False
        view = self.rows.view

        def index() -> None:
            with _kept_out_of_the_collector():  # it lives as long as the layout
                view.prepare_search()

        self.call_after_refresh(  # the locate search's index, once the layout is on screen
            in_thread,
            self,
            index,
            lambda _none: None,
            what="Indexing the layout for search",
            group="search-index",
        )
        self.query_one("#org-detail").display = True
        self.call_after_refresh(self._columns)  # the shelf list has its width once laid out
        self.name_shown = self.rows.view.organisation.name
        self._title()
        shelf, units = self.query_one(ShelfList), self.query_one(UnitList)
        units.show(self.rows)
        shelf.show(self.rows)
        keep = self.rows.row_of(self._keep) if self._keep is not None else None
        shelf.move_to(
            keep if keep is not None else min(shelf.cursor, len(self.rows) - 1),
            center=keep is not None,
        )
        focused = self.screen.focused
        if shown(self) and (
            focused is None or focused is empty or self not in focused.ancestors_with_self
        ):
            shelf.focus()

    def _title(self) -> None:
        assert self.rows is not None
        view = self.rows.view
        org, placements = view.organisation, view.layout.placements
        count = {"shelf": 0, "oversized": 0, "spill": 0}
        for p in placements:
            count[p.area] += 1
        options: list[str] = [org.density, org.fill]
        if org.grouping != "none":
            options.append(f"grouped by {org.grouping}")
        if org.look_ahead:
            options.append("look-ahead " + ("all" if org.look_ahead < 0 else str(org.look_ahead)))
        title = Text(org.name, style="bold")
        title.append(
            f"  {count['shelf']} on shelves · {count['oversized']} oversized · "
            f"{count['spill']} spill · {', '.join(options)}"
        )
        state = "on the shelves" if self.accepted == view.layout.hash else "not yet on the shelves"
        title.append(f" · layout {view.layout.hash[:8]} {state}", style="dim")
        self.query_one("#org-title", Static).update(title)

    # -- following the cursor -------------------------------------------------------------

    def on_line_list_highlighted(self, event: LineList.Highlighted) -> None:
        if self.rows is None:
            return
        units = self.query_one(UnitList)
        shelf = self.query_one(ShelfList)
        if event.line_list is shelf:
            header = self.rows.header_of(event.index)
            line = units.line_of(header)
            if units.cursor != line:
                units.cursor = line
            placement = self.rows.placement_at(event.index)
            if placement is None or placement.instance_id != self._located:
                self._located = None
            self._detail(event.index)
        elif event.line_list is units and units.has_focus:
            target = units.target(event.index)
            if target is not None:
                shelf.move_to(self.rows.headers[target].row, top=True)

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        units = self.query_one(UnitList)
        placement = self.rows.placement_at(event.index) if self.rows is not None else None
        if event.line_list is not units and placement is not None:  # Enter: the record's detail
            self.post_message(OpenRecord(instance_id=placement.instance_id))
        if self.rows is None or event.line_list is not units:
            return
        target = units.target(event.index)
        if target is not None:
            self._go_to_header(target)

    def _go_to_header(self, number: int) -> None:
        assert self.rows is not None
        header = self.rows.headers[number]
        shelf = self.query_one(ShelfList)
        shelf.move_to(header.row, top=True)
        if header.count:
            shelf.move_to(header.row + 1)
        shelf.focus()

    def _detail(self, row: int) -> None:
        assert self.rows is not None
        view = self.rows.view
        detail = self.query_one("#org-detail", Static)
        placement = self.rows.placement_at(row)
        if placement is None:
            header = self.rows.headers[self.rows.header_of(row)]
            text = Text(header.title, style="bold")
            if header.fill is not None:
                fill = header.fill
                free = max(0.0, fill.capacity - fill.used)
                text.append(
                    f"\n{amount(fill.used, fill.capacity, view.unit_name)} used · "
                    f"{free:.1f} free · {count(header.count, 'record')}"
                )
            elif header.kind == "oversized":
                text.append(
                    f"\n{count(header.count, 'record')} flagged oversized (z) or wider than "
                    "every unit: they stand apart and push nothing along."
                )
            else:
                text.append(
                    f"\n{count(header.count, 'record')} the spaces cannot hold: add a unit or "
                    "a space (e), or let the look-ahead fill gaps."
                )
            detail.update(text)
            return
        n = 2 if placement.instance_id == self._located else 1
        location = view.locate(placement.instance_id, n)
        assert location is not None
        detail.update(describe_location(location, view))

    # -- actions --------------------------------------------------------------------------

    def _need_layout(self) -> bool:
        if self.rows is None:
            self.notify("No organisation yet: press n to define one.", severity="warning")
            return False
        return True

    def _current_record(self) -> ShelfRecord | None:
        if self.rows is None:
            return None
        placement = self.rows.placement_at(self.query_one(ShelfList).cursor)
        if placement is None:
            self.notify("Put the cursor on a record first.", severity="warning")
            return None
        return self.rows.view.records[placement.instance_id]

    def action_locate(self) -> None:
        if self._need_layout():
            assert self.view is not None
            self.app.push_screen(OrganisationLocateScreen(self.view), self.show_record)

    def show_record(self, instance_id: int | None) -> None:
        """Move the cursor to a record and show where it stands, with two neighbours a side."""
        if instance_id is None or self.rows is None:
            return
        row = self.rows.row_of(instance_id)
        if row is None:
            self.notify(f"Instance {instance_id} is not in {self.name_shown}.", severity="warning")
            return
        self._located = instance_id
        shelf = self.query_one(ShelfList)
        shelf.move_to(row, center=True)
        shelf.focus()
        self._detail(row)

    def action_jump(self) -> None:
        if self._need_layout():
            assert self.rows is not None
            current = self.rows.header_of(self.query_one(ShelfList).cursor)
            self.app.push_screen(OrganisationJumpScreen(self.rows, current), self._jumped)

    def _jumped(self, number: int | None) -> None:
        if number is not None and self.rows is not None:
            self._go_to_header(number)

    def action_pick(self) -> None:
        if not self.orgs:
            self._need_layout()
            return
        self.app.push_screen(OrganisationPickScreen(self.orgs, self.name_shown), self._picked)

    def _picked(self, name: str | None) -> None:
        if name is not None and name != self.name_shown:
            self.reload(name)

    def _form(self, org: Organisation | None) -> None:
        in_thread(
            self,
            layouts.source_folders,
            lambda folders: self._open_form(org, folders),
            what="Reading the folders",
            group="form",
        )

    def _open_form(self, org: Organisation | None, folders: list[Folder]) -> None:
        if not folders:
            self.notify(
                "No folders yet: sync first (Ctrl+R), then define an organisation.",
                severity="warning",
            )
            return
        self.app.push_screen(
            OrganisationFormScreen(org, folders, self.services.engine.clock), self._saved
        )

    def action_new(self) -> None:
        self._form(None)

    def action_edit(self) -> None:
        if self._need_layout():
            assert self.view is not None
            self._form(self.view.organisation)

    def _saved(self, name: str | None) -> None:
        if name is not None:
            self.notify(f"Organisation “{name}” saved.")
            self.reload(name)

    def action_width(self) -> None:
        record = self._current_record()
        if record is None or self.view is None:
            return
        placement = self.view.layout.find(record.instance_id)
        cm = placement.width if placement and self.view.organisation.density == "width" else None
        self.app.push_screen(OrganisationWidthScreen(record, cm), self._width_set)

    def _width_set(self, changed: bool | None) -> None:
        if changed:
            self.reload()

    def action_toggle_size(self) -> None:
        record = self._current_record()
        if record is None:
            return
        size = "regular" if record.size == "oversized" else "oversized"
        engine, instance_id = self.services.engine, record.instance_id

        def marked(_none: None) -> None:
            self.notify(
                "Marked oversized: it stands in the oversized area."
                if size == "oversized"
                else "Marked regular: it goes back on the shelves."
            )
            self.reload()

        def mark() -> None:  # through the rules: size is something a rule may look at
            rules.set_size(engine, instance_id, size)

        in_thread(
            self,
            mark,
            marked,
            what="Setting the size",
            group="size",
            exclusive=False,
        )

    def action_delete(self) -> None:
        if not self._need_layout():
            return
        name = self.name_shown

        clock = self.services.engine.clock

        def deleted(_none: None) -> None:
            self.notify(f"Organisation “{name}” deleted.")
            self.name_shown = None
            self.reload()

        def answered(yes: bool | None) -> None:
            if yes and name is not None:
                in_thread(  # an OrganisationError is told as its own sentence
                    self,
                    lambda: layouts.delete_organisation(name, clock()),
                    deleted,
                    what="Deleting the organisation",
                    group="delete",
                    exclusive=False,
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the organisation “{name}”? Its stored layouts stay; "
                "the records are not touched."
            ),
            answered,
        )


@contextmanager
def _kept_out_of_the_collector() -> Iterator[None]:
    """A layout's hundreds of thousands of objects (no cycles) live until the next layout: built
    with the cyclic collector paused, then frozen out of it. Otherwise its passes over them, in
    the worker after the layout, held the GIL for 50-250 ms at a time and stalled the UI."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # refcounting still frees them when the next layout replaces them
        if enabled:
            gc.enable()


def compute(name: str | None, services: PaneServices) -> Computed:
    """The organisations, and the one named (else the first) laid out: a worker's job."""
    with _kept_out_of_the_collector():
        computed = _compute(name, services)
    give_back_freed_memory()  # the records read for the layout are gone: their memory too
    return computed


def _compute(name: str | None, services: PaneServices) -> Computed:
    try:
        orgs = layouts.organisations()
        rows = accepted = None
        if orgs:
            org = next((o for o in orgs if o.name == name), orgs[0])
            view = layouts.shelf_view(org, services.config, services.engine.clock())
            rows = ShelfRows(view)  # the search index is built once the layout is on screen
            shelf = layouts.accepted_layout(org.name)
            accepted = shelf.hash if shelf is not None else None
        return Computed(orgs, rows, accepted)
    except (OrganisationError, LayoutError) as e:
        return Computed([], None, None, str(e))


def describe_location(location: Location, view: ShelfView) -> Text:
    """Artist — title, label and catno, where it stands, and its neighbours."""
    record, placement = location.record, location.placement
    text = Text()
    text.append(record.artist, style="bold")
    text.append(" — ")
    text.append(record.title, style="bold")
    text.append(
        f"\n{record.label} · {record.catno} · {record.format} · {record.year or '?'}"
        f" · instance {record.instance_id}"
    )
    if placement.area == "shelf":
        spot = f"{placement.space}, unit {placement.unit}, position {placement.position}"
    else:
        spot = f"{placement.area} area, position {placement.position}"
    origin = "set here (w)" if record.explicit_width is not None else "from field or format"
    measure = f"{placement.width:g} {view.unit_name}"
    if view.organisation.density == "width":
        measure += f" ({origin})"
    text.append(
        f"\n{spot} · #{placement.index} in {location.organisation} · {measure}", style="cyan"
    )
    if not location.before and not location.after:
        text.append("\nAlone in its unit.", style="dim")
    for side, neighbours in neighbour_sides(location.before, location.after):
        text.append(f"\n{side} ", style="dim")
        for k, n in enumerate(neighbours):
            text.append(" · " if k else "", style="dim")
            text.append(f"{n.artist} — {n.title}")
            stands = view.layout.find(n.instance_id)
            text.append(f" [{where(stands) if stands else '?'}]", style="dim")
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text
