"""The dry run: what saving the rules would do, before anything is saved or moved. Enter on a
row asks why that record is classified so (the screen returns its instance id)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from gramtui.domain.words import count
from gramtui.engine.rules import (
    BLOCKS,
    HELD_AUTOMATION,
    HELD_BLOCKED,
    HELD_FOLDER,
    QUEUE,
    Change,
    DryRun,
)
from gramtui.ui.widgets.columns import flexible_width
from gramtui.ui.widgets.safe import DataTable, Static

# The columns after the record's name, with their widths (the name takes what is left).
FIXED_COLUMNS = (("classification", 18), ("from", 12), ("to", 17), ("move", 14))
COLUMNS = (("instance", 10), *FIXED_COLUMNS)  # the record's aside: it is the flexible one
COLUMN_CELLS = {"instance": 0, "record": 1, "classification": 2, "from": 3, "to": 4, "move": 5}
ALL_CELLS: tuple[int, ...] = (0, 1, 2, 3, 4, 5)
NARROW_CELLS: tuple[int, ...] = (1, 2, 4, 5)
SHOWN = 2000  # rows in the table; the CLI's `rules dry-run --json` gives all of them

OUTCOMES: dict[str, tuple[str, str]] = {
    QUEUE: ("queued", "green"),
    HELD_AUTOMATION: ("held: auto off", "yellow"),
    HELD_BLOCKED: ("held: blocked", "red"),
    HELD_FOLDER: ("held: no folder", "red"),
    BLOCKS: ("blocks rule", "bold red"),
}


def summary(run: DryRun) -> Text:
    text = Text()
    text.append(f"{count(run.records, 'record')}: ", style="bold")
    text.append(", ".join(f"{n} {label or 'unclassified'}" for label, n in run.labels.items()))
    text.append(f"\n{len(run.changes)} would change classification, ")
    text.append(f"{len(run.moves)} would move", style="bold")
    if run.retried:
        text.append(f" ({len(run.retried)} of them held before)")
    if run.moves and not run.automation:
        text.append(" ")
        text.append("(automation.moves is off: the moves are held until it is on)", style="yellow")
    for block in run.blocks:
        text.append(f"\nline {block.line} would be blocked: {block.reason}", style="red")
    return text


class RulesDryRunScreen(ModalScreen[int | None]):
    DEFAULT_CSS = """
    RulesDryRunScreen { align: center middle; }
    RulesDryRunScreen #dry-dialog {
        width: 100%; max-width: 130; height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    RulesDryRunScreen #dry-summary { margin: 1 0; }
    RulesDryRunScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("m", "toggle_moves", "Only moves"),
    ]

    def __init__(self, run: DryRun) -> None:
        super().__init__()
        self.run = run
        self.only_moves = False
        self._shape: tuple[int, tuple[int, ...]] = (0, ())  # the record's width, cells shown
        self._shown = ALL_CELLS

    def compose(self) -> ComposeResult:
        with Vertical(id="dry-dialog"):
            yield Static(
                Text("Dry run: what saving these rules would do (nothing is changed)", style="bold")
            )
            yield Static(summary(self.run), id="dry-summary")
            yield DataTable(id="dry-changes", cursor_type="row", zebra_stripes=True)
            yield Static(
                Text(
                    "Enter: why is this record classified so? · m: only moves / all "
                    "changes · Esc closes",
                    style="italic dim",
                ),
                id="dry-help",
            )

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.call_after_refresh(self._columns)  # once the table has its width

    def on_resize(self) -> None:
        self.call_after_refresh(self._columns)

    def _columns(self) -> None:
        """The record's name takes the width the other columns leave."""
        table = self.query_one(DataTable)
        # Narrow (80 columns), the instance and the folder it comes from give way: Enter
        # explains the record with both.
        self._shown = NARROW_CELLS if table.size.width < 100 else ALL_CELLS
        fixed = [width for name, width in COLUMNS if COLUMN_CELLS[name] in self._shown]
        record = flexible_width(table.size.width, fixed, 16)
        if (record, self._shown) == self._shape:
            return
        self._shape = (record, self._shown)
        table.clear(columns=True)
        for name, width in (("instance", 10), ("record", record), *FIXED_COLUMNS):
            if COLUMN_CELLS[name] in self._shown:
                table.add_column(name, width=width)
        self._fill()

    def _rows(self) -> list[Change]:
        """The moves first, then the changes that move nothing."""
        moves = self.run.moves
        if self.only_moves:
            return moves
        return [*moves, *(c for c in self.run.changes if c.to_folder is None)]

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        rows = self._rows()
        for change in rows[:SHOWN]:
            cells = _cells(change)
            table.add_row(*(cells[i] for i in self._shown), key=str(change.instance_id))
        if len(rows) > SHOWN:
            more = Text(
                f"… and {len(rows) - SHOWN} more: `gramtui rules dry-run --json` lists all",
                style="italic",
            )
            table.add_row(*(more if i == 1 else "" for i in self._shown))

    def action_toggle_moves(self) -> None:
        self.only_moves = not self.only_moves
        self._fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss(int(event.row_key.value))

    def action_close(self) -> None:
        self.dismiss(None)


def _cells(change: Change) -> tuple[Text, ...]:
    def cell(text: str = "", style: str = "") -> Text:
        return Text(text, style=style, no_wrap=True, overflow="ellipsis")

    if change.old_label == change.new_label:  # a held move tried again
        labels = cell(change.new_label or "none")
    else:
        labels = cell(change.old_label or "none", "dim")
        labels.append(" → ")
        labels.append(change.new_label or "none", style="bold")
    if change.to_folder is None:
        return (
            cell(str(change.instance_id)),
            cell(f"{change.artist} — {change.title}"),
            labels,
            cell(change.from_folder, "dim"),
            cell("stays", "dim"),
            cell(),
        )
    word, style = OUTCOMES.get(change.outcome, (change.outcome, ""))
    return (
        cell(str(change.instance_id)),
        cell(f"{change.artist} — {change.title}"),
        labels,
        cell(change.from_folder),
        cell(change.to_folder, "bold"),
        cell(word, style),
    )
