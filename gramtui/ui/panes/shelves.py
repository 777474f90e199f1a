"""The Shelves tab: views of the collection, one at a time, `v` moving to the next.

- "collection": the whole collection, searchable, instant at 50,000 records;
- "organisation": an organisation laid out on its shelves (see panes/organisation.py).

A view is a child of the ContentSwitcher with an id, a `VIEW_TITLE`, and the `ShelvesView`
methods: `refresh_data()` (the collection changed), `activate()` (it was just shown) and
`focus_main()`. The collection view is on the app's first frame; the others (their modules too)
are built when first shown.
"""

from __future__ import annotations

import contextlib
import importlib
import time
from typing import TYPE_CHECKING, ClassVar, Protocol, cast, runtime_checkable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input

from gramtui.domain.words import count
from gramtui.engine.collection_view import CollectionView
from gramtui.ui.background import in_thread
from gramtui.ui.messages import OpenRecord
from gramtui.ui.pane import PaneServices
from gramtui.ui.widgets.record_list import RecordList, header_line
from gramtui.ui.widgets.safe import Static

if TYPE_CHECKING:
    from gramtui.ui.panes.moves import MovesView
    from gramtui.ui.panes.organisation import OrganisationView

SEARCH_DEBOUNCE = 0.12  # seconds of no typing before a search reads the store


@runtime_checkable
class ShelvesView(Protocol):
    VIEW_TITLE: ClassVar[str]

    def refresh_data(self) -> None: ...

    def activate(self) -> None: ...

    def focus_main(self) -> None: ...


class ViewClass(Protocol):
    """A view built when first shown: its class, called with the pane's services."""

    def __call__(self, services: PaneServices, *, id: str) -> Widget: ...


class CollectionListView(Vertical):
    """The whole collection as one list: `/` searches, `o` changes the sort."""

    class FirstRows(Message):
        """The collection's first rows are on screen: background work may start."""

    VIEW_TITLE = "Collection"
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("o", "cycle_sort", "Sort"),
        Binding("escape", "clear_search", "Clear", show=False),
    ]
    SORTS = ("artist", "title", "label", "added", "folder")

    def __init__(self, *, id: str | None = None, ready: bool = True) -> None:
        super().__init__(id=id)
        self.ready = ready  # the store is open (the app opens it after its first frame)
        self.sort = "artist"
        self.loaded = (
            False  # the first read is done (until then the list is empty, not "no records")
        )
        self._reads = 0  # reads started; only the latest one is shown
        self._laid_out_loaded = False
        self._select: int | None = None  # an instance to put the cursor on once read

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Search artist, title, label or cat#  (/ to focus, Esc to clear)",
            id="shelves-search",
        )
        yield Static(id="shelves-header", classes="list-header")
        yield RecordList(CollectionView.empty(self.sort), id="shelves-list")
        yield Static(id="shelves-detail", classes="detail")

    def on_mount(self) -> None:
        self._update_header()
        self.query_one(RecordList).focus()
        self._read("", self.sort, None)  # after the first frame, in a worker

    def start(self) -> None:
        """The store is open: read what the list shows (searched or sorted meanwhile)."""
        self.ready = True
        self._read(self.query_one(Input).value, self.sort, None)

    def on_resize(self) -> None:
        self._update_header()

    def focus_main(self) -> None:
        self.query_one(RecordList).focus()

    def activate(self) -> None:
        self.focus_main()

    def _update_header(self) -> None:
        lst = self.query_one(RecordList)
        view = lst.view
        width = max(20, lst.size.width or self.size.width)
        title = Text(header_line(width, view.sort), style="bold")
        self.query_one("#shelves-header", Static).update(title)
        self.border_subtitle = f"{count(view.count(), 'record')} · sorted by {view.sort}"

    def refresh_data(self) -> None:
        if not self.loaded and self._reads:
            return  # the first read (started on mount) is on its way: once is enough
        lst = self.query_one(RecordList)
        self._read(self.query_one(Input).value, self.sort, lst.cursor if self.loaded else None)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._read(event.value, self.sort, None, wait=SEARCH_DEBOUNCE)

    def _read(self, search: str, sort: str, keep: int | None, wait: float = 0.0) -> None:
        """Read the view in a worker: the ids query takes tens of milliseconds at 50,000 records
        (a search at every keystroke), too long for the UI thread. `keep`: the cursor to keep,
        None to go to the top. A newer read (a keystroke within `wait`) supersedes this one."""
        if not self.ready:
            return  # start() reads once the store is open
        self._reads += 1
        read = self._reads

        select = self._select

        def work() -> tuple[CollectionView, int | None] | None:
            if wait:
                time.sleep(wait)
            if read != self._reads:
                return None  # typed on, or the data changed again: a newer read is on its way
            view = CollectionView(search, sort)
            found = None
            if select is not None:
                with contextlib.suppress(ValueError):  # gone since: said when shown
                    found = view.ids.index(select)
            view.prepare(found if found is not None else keep or 0)
            return view, found

        in_thread(
            self,
            work,
            lambda got: self._show_view(read, got, keep, select),
            what="Reading the collection",
            group="read",
            exclusive=False,  # a read that waits out typing must not cancel the one under way
        )

    def _show_view(
        self,
        read: int,
        got: tuple[CollectionView, int | None] | None,
        keep: int | None,
        select: int | None = None,
    ) -> None:
        if got is None or read != self._reads:
            return
        view, found = got
        if not self.loaded:  # told once the frame with the rows is drawn
            self.call_after_refresh(self.post_message, self.FirstRows())
        self.loaded = True
        records = self.query_one(RecordList)
        records.set_view(view, keep_cursor=keep is not None)
        self._update_header()
        if select is not None and select == self._select:
            self._select = None
            if found is None:
                self.notify(f"Record {select} is no longer in the collection.", severity="warning")
            else:
                records.move_to(found, center=True)
                records.focus()

    def show_record(self, instance_id: int) -> None:
        """Put the cursor on a record (asked from another pane); a search is cleared first."""
        self._select = instance_id
        search = self.query_one(Input)
        if search.value:
            search.value = ""  # its Changed event reads the whole collection, then selects
        else:
            self._read("", self.sort, None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(RecordList).focus()

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one(Input)
        search.value = ""
        self.query_one(RecordList).focus()

    def action_cycle_sort(self) -> None:
        self.sort = self.SORTS[(self.SORTS.index(self.sort) + 1) % len(self.SORTS)]
        self._read(self.query_one(Input).value, self.sort, None)

    def on_line_list_selected(self, event: RecordList.Selected) -> None:
        row = self.query_one(RecordList).current  # Enter: the record's detail
        if row is not None:
            self.post_message(OpenRecord(instance_id=row.instance_id))

    def on_record_list_highlighted(self, event: RecordList.Highlighted) -> None:
        row = event.row
        detail = self.query_one("#shelves-detail", Static)
        if row is None and not self.loaded:
            return  # read in a worker: the first frame comes before it, and it is not "no records"
        if row is None and event.records.view.count():
            return  # its page is being read (in a worker): another Highlighted follows
        if row is None:
            query = self.query_one(RecordList).view.search  # what was searched, not typed since
            empty = (
                f"No record matches {query!r}: Esc clears the search."
                if query
                else "No records yet: the sync fills this list (see the Queue pane, 5)."
            )
            detail.update(Text(empty, style="italic"))
            return
        line = Text()
        line.append(row.artist, style="bold")
        line.append(" — ")
        line.append(row.title, style="bold")
        line.append(f"\n{row.label} · {row.catno} · {row.year or '?'} · {row.format}")
        line.append(
            f"\nfolder {row.folder} · release {row.release_id} · instance {row.instance_id}"
            f" · {row.size}"
        )
        detail.update(line)
        if not self._laid_out_loaded:
            # The first rows arrive from a worker, often while a layout pass is under way, which
            # then keeps the detail's old (empty) height: lay out once more after this frame.
            self._laid_out_loaded = True
            self.call_after_refresh(detail.refresh, layout=True)


class ShelvesPane(Vertical):
    DEFAULT_CSS = """
    ShelvesPane #shelves-views { height: 1; }
    ShelvesPane ContentSwitcher { height: 1fr; }
    """
    BINDINGS = [Binding("v", "next_view", "View")]
    # The views in `v` order: id, title, and where the class of one built when first shown is.
    VIEWS = (
        ("collection", "Collection", ""),
        ("organisation", "Organisation", "gramtui.ui.panes.organisation:OrganisationView"),
        ("moves", "Moves", "gramtui.ui.panes.moves:MovesView"),
    )

    def __init__(self, services: PaneServices | None, *, id: str | None = None) -> None:
        """`services` None: the app opens the session after its first frame, then `attach`es."""
        super().__init__(id=id)
        self.services = services

    def compose(self) -> ComposeResult:
        yield Static(id="shelves-views")
        with ContentSwitcher(initial="collection", id="shelves-switcher"):
            yield CollectionListView(id="collection", ready=self.services is not None)

    def attach(self, services: PaneServices) -> None:
        """The session is open: the collection is read, the other views can be built."""
        self.services = services
        self.query_one(CollectionListView).start()

    def on_mount(self) -> None:
        self._views_bar()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Focus landing in a hidden view (the app focuses #shelves-list on showing the tab)
        # goes to the view on screen instead, so keys never act on what cannot be seen.
        if self.current not in event.widget.ancestors_with_self:
            self.call_after_refresh(self.focus_main)

    @property
    def views(self) -> list[Widget]:
        return list(self.query_one(ContentSwitcher).children)

    @property
    def current(self) -> Widget:
        switcher = self.query_one(ContentSwitcher)
        return switcher.get_child_by_id(switcher.current or "collection")

    def _view(self, widget: Widget) -> ShelvesView:
        assert isinstance(widget, ShelvesView), f"{widget!r} is not a ShelvesView"
        return widget

    def refresh_data(self) -> None:
        """The collection changed (the app calls this after syncs): every view catches up."""
        for view in self.views:
            self._view(view).refresh_data()

    def on_collection_list_view_first_rows(self, _message: Message) -> None:
        # Lay out the organisation in the background now, so that `v` finds it ready (the
        # layout takes seconds at 50,000 records); after the first rows, never before them.
        # Its modules are imported in a worker first: on the UI thread that stalled the screen.
        if self.services is None:
            return
        in_thread(
            self,
            lambda: self._view_class("organisation"),
            lambda _class: self._prepare_organisation(),
            what="Loading the organisation view",
            group="prepare-views",
        )

    def _prepare_organisation(self) -> None:
        if not self.is_attached or self.query_one(ContentSwitcher).current != "collection":
            return  # `v` came first: the view computes when shown
        missing = self._missing("organisation")
        if not missing:
            return  # built already (`v` came first): it computes when shown
        for view in missing:
            view.display = False  # hidden until chosen, as the switcher's other views
        mounted = self.query_one(ContentSwitcher).mount_all(missing)

        async def built() -> None:
            await mounted
            view = cast("OrganisationView", missing[0])
            if view.is_attached and view.children:  # not when the app closed meanwhile
                view.prepare()

        self.call_later(built)

    def on_moves_view_shelves_changed(self, _message: Message) -> None:
        # its header says whether the layout is on the shelves: not stale after a print
        self._view(self.query_one("#organisation", Widget)).refresh_data()

    def _missing(self, view_id: str) -> list[Widget]:
        """The views to build before showing `view_id` (the moves follow the organisation)."""
        assert self.services is not None
        switcher = self.query_one(ContentSwitcher)
        wanted = ["organisation", "moves"] if view_id == "moves" else [view_id]
        missing: list[Widget] = []
        for view, _title, where in self.VIEWS:
            if view not in wanted or not where:
                continue
            if any(child.id == view for child in switcher.children):
                continue
            missing.append(self._view_class(view)(self.services, id=view))
        return missing

    def _view_class(self, view_id: str) -> ViewClass:
        """The class of a view built when first shown (its module imported now)."""
        where = next(where for view, _title, where in self.VIEWS if view == view_id)
        module, name = where.split(":")
        view_class: ViewClass = getattr(importlib.import_module(module), name)
        return view_class

    def show_view(self, view_id: str) -> None:
        if self.services is None:
            return  # the session is still opening: the collection is all there is yet
        missing = self._missing(view_id)
        if missing:
            mounted = self.query_one(ContentSwitcher).mount_all(missing)

            async def built() -> None:
                await mounted
                self.show_view(view_id)

            self.call_later(built)
            return
        if view_id == "moves":
            # The moves are those of the organisation chosen in the organisation view (None:
            # the first one, looked up in the worker).
            organisation = self.query_one("#organisation", Widget)
            moves = self.query_one("#moves", Widget)
            cast("MovesView", moves).show_organisation(
                cast("OrganisationView", organisation).name_shown
            )
        self.query_one(ContentSwitcher).current = view_id
        self._views_bar()
        self._view(self.current).activate()

    def focus_main(self) -> None:
        """Focus the main widget of the view on screen (the app calls this on showing the tab)."""
        self._view(self.current).focus_main()

    def show_record(self, instance_id: int) -> None:
        """Show a record in the collection view, the cursor on it (another pane asked)."""
        if self.query_one(ContentSwitcher).current != "collection":
            self.show_view("collection")
        self.query_one(CollectionListView).show_record(instance_id)

    def action_next_view(self) -> None:
        ids = [view for view, _title, _where in self.VIEWS]
        current = self.query_one(ContentSwitcher).current or ids[0]
        self.show_view(ids[(ids.index(current) + 1) % len(ids)])

    def _views_bar(self) -> None:
        bar = Text()
        current = self.query_one(ContentSwitcher).current or "collection"
        for n, (view, title, _where) in enumerate(self.VIEWS):
            bar.append(" │ " if n else " ", style="dim")
            bar.append(f" {title} ", style="bold reverse" if view == current else "dim")
        bar.append("   v: next view", style="dim italic")
        self.query_one("#shelves-views", Static).update(bar)

    @staticmethod
    def help_sections() -> list[tuple[str, list[BindingType]]]:
        """Every key of the tab, for the help screen."""
        from gramtui.ui.panes.moves import MovesView
        from gramtui.ui.panes.organisation import OrganisationView

        return [
            ("Shelves", list(ShelvesPane.BINDINGS)),
            ("Shelves · collection", list(CollectionListView.BINDINGS)),
            ("Shelves · organisation", list(OrganisationView.BINDINGS)),
            ("Shelves · moves", list(MovesView.BINDINGS)),
        ]
