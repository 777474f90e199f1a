"""The ladder's change log: every price set, adopted, refused or only planned, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from gramtui.domain.words import count
from gramtui.engine.sales import PriceChange
from gramtui.ui.widgets.columns import flexible_width
from gramtui.ui.widgets.safe import DataTable, Static

_OUTCOME_STYLE = {
    "applied": "green",
    "adopted": "cyan",
    "dry-run": "yellow",
    "failed": "bold red",
    "skipped": "dim",
    "held": "magenta",
}

_FIXED = (16, 6, 6, 9, 8)  # when, old, new, phase, outcome


class SalesLogScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    SalesLogScreen { align: center middle; }
    SalesLogScreen DataTable { height: 1fr; }
    SalesLogScreen #log-reason { height: 4; }
    """
    BINDINGS = [Binding("escape,l,q", "close", "Close")]

    def __init__(self, changes: list[PriceChange], titles: dict[int, str]) -> None:
        super().__init__()
        self.changes = changes
        self.titles = titles

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            heading = Text("Change log", style="bold")
            heading.append(
                f" — {count(len(self.changes), 'entry', 'entries')}, newest first; the line below "
                "gives the whole reason · Esc closes",
                style="dim",
            )
            yield Static(heading)
            table: DataTable[str | Text] = DataTable(
                id="log-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Static(id="log-reason")

    def on_mount(self) -> None:
        dialog = self.query_one(".dialog")
        # Inline, because the app's `.dialog` rule outranks a widget's DEFAULT_CSS.
        dialog.styles.width = "95%"
        dialog.styles.max_width = 140
        dialog.styles.height = "90%"
        self.query_one(DataTable).focus()
        self.call_after_refresh(self._fill)  # once the table has its width
        if not self.changes:
            self.query_one("#log-reason", Static).update(
                Text(
                    "Nothing logged yet: changes appear here once the ladder applies or "
                    "dry-runs them.",
                    style="italic",
                )
            )

    def _fill(self) -> None:
        """The listing and the reason share the width the other columns leave; a narrow table
        leaves the reason to the line below it."""
        table = self.query_one(DataTable)
        free = flexible_width(table.size.width, _FIXED, 12)
        narrow = free < 40
        listing = free if narrow else free // 2
        table.clear(columns=True)
        table.add_column("when (UTC)", width=16)
        table.add_column("listing", width=listing)
        table.add_column("old", width=6)
        table.add_column("new", width=6)
        table.add_column("phase", width=9)
        table.add_column("outcome", width=8)
        if not narrow:
            table.add_column("reason", width=free - listing - 2)  # its own padding
        for c in self.changes:
            title = self.titles.get(c.listing_id, str(c.listing_id))
            cells: list[str | Text] = [
                f"{c.at:%Y-%m-%d %H:%M}",
                Text(title, overflow="ellipsis", no_wrap=True),
                f"{c.old_price.decimal:.2f}",
                f"{c.new_price.decimal:.2f}" if c.new_price is not None else "—",
                c.phase,
                Text(c.outcome, style=_OUTCOME_STYLE.get(c.outcome, "")),
            ]
            if not narrow:
                cells.append(Text(c.reason, overflow="ellipsis", no_wrap=True))
            table.add_row(*cells)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = event.cursor_row
        if 0 <= row < len(self.changes):
            c = self.changes[row]
            line = Text(f"{c.listing_id} · {c.old_price.currency} · ", style="dim")
            line.append(c.reason)
            self.query_one("#log-reason", Static).update(line)

    def action_close(self) -> None:
        self.dismiss(None)
