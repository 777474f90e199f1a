"""The Shelves pane: the whole collection, searchable, instant at 50,000 records."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from gramtui.engine.collection_view import CollectionView
from gramtui.ui.widgets.record_list import RecordList, header_line


class ShelvesPane(Vertical):
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("o", "cycle_sort", "Sort"),
        Binding("escape", "clear_search", "Clear", show=False),
    ]
    SORTS = ("artist", "title", "label", "added", "folder")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.sort = "artist"

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search artist, title, label or cat#  (/ to focus, Esc to clear)",
                    id="shelves-search")
        yield Static(id="shelves-header", classes="list-header")
        yield RecordList(CollectionView(sort=self.sort), id="shelves-list")
        yield Static(id="shelves-detail", classes="detail")

    def on_mount(self) -> None:
        self._update_header()
        self.query_one(RecordList).focus()

    def on_resize(self) -> None:
        self._update_header()

    def _update_header(self) -> None:
        lst = self.query_one(RecordList)
        view = lst.view
        width = max(20, lst.size.width or self.size.width)
        title = Text(header_line(width), style="bold")
        self.query_one("#shelves-header", Static).update(title)
        self.border_subtitle = f"{view.count()} records · sorted by {view.sort}"

    def refresh_data(self) -> None:
        lst = self.query_one(RecordList)
        cursor = lst.cursor
        lst.view = CollectionView(self.query_one(Input).value, self.sort)
        lst._resize_virtual()
        lst.cursor = min(cursor, max(0, lst.view.count() - 1))
        lst.refresh()
        self._update_header()
        self.on_record_list_highlighted(RecordList.Highlighted(lst.current))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(RecordList).set_view(CollectionView(event.value, self.sort))
        self._update_header()

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
        self.query_one(RecordList).set_view(CollectionView(self.query_one(Input).value, self.sort))
        self._update_header()

    def on_record_list_highlighted(self, event: RecordList.Highlighted) -> None:
        row = event.row
        detail = self.query_one("#shelves-detail", Static)
        if row is None:
            detail.update(Text("No records yet: the sync fills this list (see the Queue pane, 5).",
                               style="italic"))
            return
        line = Text()
        line.append(row.artist, style="bold")
        line.append(" — ")
        line.append(row.title, style="bold")
        line.append(f"\n{row.label} · {row.catno} · {row.year or '?'} · {row.format}")
        line.append(f"\nfolder {row.folder} · release {row.release_id} · instance {row.instance_id}"
                    f" · {row.size}")
        detail.update(line)
