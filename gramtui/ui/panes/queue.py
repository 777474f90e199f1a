"""The Queue pane: live background work — counts, the running task, the rate-limit window,
sync progress per category with an ETA, and failures with their message (retry or drop them)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets.data_table import ColumnKey

from gramtui.domain.words import count
from gramtui.engine import progress
from gramtui.engine.rules import missing_folder_advice
from gramtui.engine.status import Status, TaskLine
from gramtui.ui.messages import DropTask, RetryTask, StatusWanted, ToggleRunner
from gramtui.ui.pane import PaneServices
from gramtui.ui.widgets.safe import DataTable, Static

Cells = tuple[str, Text, str, Text, str, str, Text]


def _cells(t: TaskLine) -> Cells:
    style = {"failed": "red", "running": "green"}.get(t.state, "")
    return (
        str(t.id),
        Text(t.state, style=style),
        t.kind,
        Text(t.key),
        str(t.attempts),
        t.not_before,
        Text(_short(t.last_error, 60)),
    )


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class QueuePane(Vertical):
    BINDINGS = [
        Binding("p", "toggle_pause", "Pause/resume"),
        Binding("t", "retry", "Retry"),
        Binding("x", "drop", "Drop"),
        Binding("f", "filter", "Filter kind"),
        Binding("enter", "details", "Details", show=False),
    ]

    def focus_main(self) -> None:
        """The widget the app focuses when this pane is shown."""
        self.query_one("#queue-tasks").focus()

    def __init__(self, services: PaneServices, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.services = services
        self.kind_filter: str | None = None
        self._kinds: list[str] = []  # the task kinds in the last status (what f cycles through)
        self._wait_until: datetime | None = None  # the rate window's wait, as announced
        self._status: Status | None = None
        self._tasks: list[TaskLine] = []
        self._shown: tuple[object, ...] | None = None  # what the table holds: filter and rows
        self._cells: dict[str, Cells] = {}  # the table's rows by task id, as last shown
        self._columns: list[ColumnKey] = []
        self._order: list[str] = []  # their keys in the order the table shows them

    def compose(self) -> ComposeResult:
        with Horizontal(id="queue-top"):
            yield Static(id="queue-summary", classes="panel")
            yield Static(id="queue-progress", classes="panel")
        yield Static(id="queue-counts", classes="panel")
        table: DataTable[str | Text] = DataTable(
            id="queue-tasks", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(id="queue-detail", classes="detail")

    def on_mount(self) -> None:
        table = self.query_one("#queue-tasks", DataTable)
        self._columns = table.add_columns(
            "id", "state", "kind", "key", "tries", "when", "last error"
        )

    def refresh_data(self) -> None:
        """The app feeds this pane the status it reads; asked to re-read, ask the app."""
        self.post_message(StatusWanted())

    def show_wait(self, until: datetime | None) -> None:
        """The runner waits for room in the rate window until `until` (None: it waits no more)."""
        if until == self._wait_until:
            return
        self._wait_until = until
        if self._status is not None:
            self._summary(self._status)

    def show(self, status: Status, tasks: list[TaskLine]) -> None:
        self._status = status
        self._kinds = sorted({k for (k, _s) in status.counts.by_kind_state})
        self._summary(status)
        self._progress(status)
        self._counts(status)
        self._fill(tasks)

    def _summary(self, status: Status) -> None:
        c = status.counts
        runner = status.runner
        summary = Text()
        summary.append("Runner ", style="bold")
        if runner.held_by:  # another process (a cron `gramtui sync`) runs the queue meanwhile
            summary.append(f"run by {runner.held_by}", style="yellow")
        else:
            summary.append(
                "paused" if runner.paused else "running",
                style="yellow" if runner.paused else "green",
            )
        summary.append(f"\nNow: {runner.current or 'idle'}")
        summary.append(f"\nPending {c.pending} · running {c.running} · failed {c.failed}")
        summary.append(f"\nRequests left in window: {status.limit.remaining}/{status.limit.limit}")
        if status.ebay_budget is not None:
            b = status.ebay_budget
            resets = f" · resets {b.resets_at:%H:%M} UTC" if b.resets_at else ""
            summary.append(f"\neBay calls today: {b.used}/{b.limit}{resets}")
        summary.append(f"\nDone this session {runner.done} · retried {runner.retried}")
        if self._wait_until is not None:
            summary.append(
                f"\nWaiting for the rate window until {self._wait_until:%H:%M:%S}", style="yellow"
            )
        if runner.parked:
            summary.append(f"\n{runner.parked}", style="yellow")
        self.query_one("#queue-summary", Static).update(summary)

    def _progress(self, status: Status) -> None:
        c, runner = status.counts, status.runner
        prog = Text()
        head = f"{status.sync_kind} sync {status.sync_state}" if status.sync_kind else "No sync yet"
        if status.sync_state == "done" and c.pending + c.running:
            head += f" · {count(c.pending + c.running, 'task')} still queued"
        prog.append(head, style="bold")
        for cat in status.categories:
            total = cat.total if cat.total is not None else "?"
            mark = "✓" if cat.finished else "…"
            prog.append(f"\n{mark} {cat.name:<11} {cat.done:>6} / {total}")
        if c.pending and runner.paused:
            prog.append("\nPaused: nothing is sent until p resumes", style="yellow")
        elif c.pending:
            prog.append(f"\nETA {progress.format_eta(status.eta)}")
        self.query_one("#queue-progress", Static).update(prog)

    def _counts(self, status: Status) -> None:
        c = status.counts
        counts = Text("By kind: ", style="bold")
        parts = [f"{k} {s} {n}" for (k, s), n in sorted(c.by_kind_state.items()) if s != "done"]
        counts.append(" · ".join(parts) or "nothing waiting")
        if self.kind_filter:
            counts.append(f"   [filter: {self.kind_filter}]", style="italic")
        if status.missing_folders:
            counts.append("\n" + missing_folder_advice(status.missing_folders), style="bold yellow")
        self.query_one("#queue-counts", Static).update(counts)

    def _fill(self, tasks: list[TaskLine]) -> None:
        # the filter is part of what is shown: a kind with no tasks must empty the table
        shown = (self.kind_filter, [(t.id, t.state, t.attempts) for t in tasks])
        if shown == self._shown:
            return
        self._shown = shown
        self._tasks = tasks
        table = self.query_one("#queue-tasks", DataTable)
        cursor = table.cursor_row
        # Only what changed: a table cleared and filled again measured every cell of its 300 rows
        # (~0.1 s on the UI thread, twice a second while a sync runs).
        cells = {str(t.id): _cells(t) for t in tasks}
        for key in [key for key in self._cells if key not in cells]:
            table.remove_row(key)
            del self._cells[key]
        shows = [key for key in self._order if key in cells]  # the table's order from here on
        for key, row in cells.items():
            old = self._cells.get(key)
            if old is None:
                table.add_row(*row, key=key)  # at the end
                shows.append(key)
            elif old != row:
                for column, was, now in zip(self._columns, old, row, strict=True):
                    if was != now:
                        table.update_cell(key, column, now, update_width=True)
            self._cells[key] = row
        order = list(cells)
        if shows != order:  # a task started (running ones come first), or a newer one came
            position = {key: n for n, key in enumerate(order)}
            table.sort(self._columns[0], key=lambda id_cell: position[str(id_cell)])
        self._order = order
        if tasks:
            table.move_cursor(row=min(cursor, len(tasks) - 1))

    def selected(self) -> TaskLine | None:
        table = self.query_one("#queue-tasks", DataTable)
        if not self._tasks or table.cursor_row < 0 or table.cursor_row >= len(self._tasks):
            return None
        return self._tasks[table.cursor_row]

    def action_toggle_pause(self) -> None:
        self.post_message(ToggleRunner())

    def action_retry(self) -> None:
        task = self.selected()
        if task is None or task.state != "failed":
            self.notify("Choose a failed task to retry.", severity="warning")
            return
        self.post_message(RetryTask(task.id))

    def action_drop(self) -> None:
        task = self.selected()
        if task is None or task.state == "running":
            self.notify("Choose a task that is not running to drop.", severity="warning")
            return
        from gramtui.ui.screens.confirm import ConfirmScreen

        def done(ok: bool | None) -> None:
            if ok:
                self.post_message(DropTask(task.id))

        self.app.push_screen(
            ConfirmScreen(
                f"Drop task {task.id} ({task.kind} {task.key})? Its work will not be done."
            ),
            done,
        )

    def action_filter(self) -> None:
        options: list[str | None] = [None, *self._kinds]
        idx = options.index(self.kind_filter) if self.kind_filter in options else 0
        self.kind_filter = options[(idx + 1) % len(options)]
        self._tasks = []
        self.notify(f"Showing {self.kind_filter or 'all kinds'}.")
        self.post_message(StatusWanted())

    def action_details(self) -> None:
        self.on_data_table_row_highlighted(None)

    def on_data_table_row_highlighted(self, event: object) -> None:
        task = self.selected()
        detail = self.query_one("#queue-detail", Static)
        if task is None:
            detail.update("")
            return
        text = Text()
        text.append(f"Task {task.id} · {task.kind} · {task.key}\n", style="bold")
        text.append(f"payload: {task.payload}\n")
        text.append(f"last error: {task.last_error or '—'}")
        detail.update(text)
