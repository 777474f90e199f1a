"""The moves view of the Shelves pane: an organisation's pending moves, each slip previewed exactly
as it will print, and the keys that print them, mark them done, or print one again."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import ProgressBar
from textual.widgets.option_list import Option

from gramtui.domain.moves import Spot
from gramtui.domain.organisation import OrganisationError
from gramtui.domain.words import count
from gramtui.engine import moves
from gramtui.engine.context import Engine
from gramtui.engine.moves import BatchView, MovesError, PlannedMove, PrintReport
from gramtui.printing.printers import PrinterConfigError, PrinterError
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.printer_settings import PrinterSettingsScreen
from gramtui.ui.widgets.safe import OptionList, Static

# what a worker may fail with: each carries a sentence for the user
EXPECTED = (OrganisationError, PrinterConfigError, PrinterError, MovesError)
SHOWN = 1000  # moves listed at most (all of them print); a long list is for marking done
ACTION_STYLES = {"add": "bold green", "remove": "bold red", "move": "bold cyan"}
STATE_STYLES = {
    "pending": "",
    "sending": "yellow",
    "unsure": "bold yellow",
    "printed": "green",
    "done": "dim",
}


class MovesView(Vertical):
    VIEW_TITLE = "Moves"  # the third view of the Shelves tab

    class ShelvesChanged(Message):
        """Slips were printed or marked done: the layout on the shelves may be another now."""

    DEFAULT_CSS = """
    MovesView { height: 1fr; }
    MovesView #moves-summary { height: auto; padding: 0 1; background: $boost; }
    MovesView #moves-problem { height: auto; padding: 0 1; color: $error; display: none; }
    MovesView #moves-printing { height: auto; padding: 0 1; display: none; }
    MovesView #moves-printing Static { width: auto; margin-right: 2; }
    MovesView #moves-body { height: 1fr; }
    MovesView #moves-list { width: 1fr; height: 1fr; }
    MovesView #moves-preview-box { width: 48; height: 1fr; border: round $primary-darken-1;
        padding: 0 1; scrollbar-gutter: stable; }
    MovesView #moves-preview { width: auto; text-wrap: nowrap; }
    """
    BINDINGS = [
        Binding("p", "print_moves", "Print moves", id="moves.print"),
        Binding("d", "mark_done", "Done", id="moves.done"),
        Binding("D", "mark_all_done", "All done", id="moves.all_done"),
        Binding("r", "reprint", "Reprint", id="moves.reprint"),
        Binding("t", "test_print", "Test print", id="moves.test_print"),
        Binding("s", "printer_settings", "Printer", id="moves.printer"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.organisation: str | None = None
        self.batch: BatchView | None = None
        self.printing = False
        self.problem = ""  # the last failure, shown until the next success

    def compose(self) -> ComposeResult:
        yield Static(id="moves-summary")
        yield Static(id="moves-problem")
        with Horizontal(id="moves-printing"):
            yield Static("Printing…", id="moves-printing-label")
            yield ProgressBar(show_eta=False, id="moves-progress")
        with Horizontal(id="moves-body"):
            yield OptionList(id="moves-list")
            with VerticalScroll(id="moves-preview-box"):
                yield Static(id="moves-preview", markup=False)

    def on_mount(self) -> None:
        self._show_summary()

    @property
    def engine(self) -> Engine:
        return self.app.session.engine  # type: ignore[attr-defined,no-any-return]

    # -- showing -------------------------------------------------------------------------------

    def focus_main(self) -> None:
        self.query_one("#moves-list", OptionList).focus()

    def show_organisation(self, name: str | None) -> None:
        """Show the moves of this organisation (the Shelves pane calls this)."""
        if name != self.organisation:
            self.organisation, self.batch, self.problem = name, None, ""
        self.refresh_data()

    def refresh_data(self) -> None:
        """Lay the organisation out again and show its moves (in a thread worker)."""
        if self.organisation is None:
            self._show(None)
            return
        self._load(self.organisation)

    @work(thread=True, exclusive=True, group="moves-load")
    def _load(self, name: str) -> None:
        try:
            batch = moves.prepare_batch(self.engine, name)
        except EXPECTED as e:
            self.app.call_from_thread(self._failed, str(e))
            return
        self.app.call_from_thread(self._show, batch)

    def _show(self, batch: BatchView | None) -> None:
        self.batch = batch
        options = self.query_one("#moves-list", OptionList)
        before = options.highlighted
        with options.prevent(OptionList.OptionHighlighted):
            options.clear_options()
            if batch is not None:
                options.add_options(
                    [
                        Option(_move_prompt(planned), id=str(planned.seq))
                        for planned in batch.moves[:SHOWN]
                    ]
                )
                if batch.moves:
                    options.highlighted = min(before or 0, min(len(batch.moves), SHOWN) - 1)
        width = batch.slips[0].width if batch is not None and batch.slips else None
        if width is not None:
            # The slip's lines as they print: border and padding (4) and the gutter kept for
            # the scrollbar of a slip taller than the box (2) never take its columns.
            self.query_one("#moves-preview-box").styles.width = width + 6
        self._show_summary()
        self._show_preview()

    def _show_summary(self) -> None:
        summary = Text()
        batch = self.batch
        if self.organisation is None:
            summary.append(
                "Choose an organisation to see the moves its new layout needs.", style="italic"
            )
        elif batch is None:
            summary.append(self.organisation, style="bold")
            summary.append(": the shelves hold the current layout. Nothing to move.")
        else:
            summary.append(batch.organisation, style="bold")
            total = len(batch.moves)
            summary.append(
                f" · {count(total, 'move')} · {batch.count('printed', 'done')} printed or done"
                f" · {batch.count('pending')} to print"
            )
            if batch.count("unsure"):
                summary.append(f" · {batch.count('unsure')} to check", style="bold yellow")
            if not batch.from_hash:
                summary.append(
                    "\nNothing was on the shelves yet, so every record is an add: if "
                    "they already stand like this, mark them all done (D).",
                    style="italic",
                )
            if batch.stale:
                summary.append(
                    "\nThe layout changed again since: finish these moves (print or "
                    "mark done) to see the next ones.",
                    style="yellow",
                )
            if total > SHOWN:
                summary.append(
                    f"\nThe first {SHOWN} of {total} are listed; all of them print.", style="italic"
                )
            summary.append(f"\n{self._printer_line()}", style="dim")
        self.query_one("#moves-summary", Static).update(summary)
        problem = self.problem or (batch.last_error if batch is not None else "")
        box = self.query_one("#moves-problem", Static)
        box.update(Text(problem))
        box.display = bool(problem)

    def _printer_line(self) -> str:
        try:
            printer = moves.printer_config(self.engine.config)
        except PrinterConfigError as e:
            return f"{e} (s: printer settings)"
        if printer.kind == "none":
            return "No printer is set up, so the slips are only previewed: s chooses one."
        return f"Printing to {printer.describe()}, {printer.width} columns: p prints them."

    def _show_preview(self) -> None:
        preview = self.query_one("#moves-preview", Static)
        planned = self._selected()
        if planned is None:
            preview.update(Text("No slip to show.", style="italic"))
            return
        text = Text(moves.preview(planned.slip))
        if planned.slip.state != "pending":
            text.append(f"\n\n({_state_name(planned.slip.state)})", style="italic")
        preview.update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_preview()

    def _selected(self) -> PlannedMove | None:
        if self.batch is None or not self.batch.moves:
            return None
        index = self.query_one("#moves-list", OptionList).highlighted
        return None if index is None else self.batch.moves[index]

    def _failed(self, message: str) -> None:
        self.problem = message
        self._show_summary()
        self.app.notify(message, severity="error", timeout=8)

    # -- printing ------------------------------------------------------------------------------

    def action_print_moves(self) -> None:
        if self.printing:
            self.app.notify("Printing already: wait for it to finish.")
            return
        if self.batch is None or not self.batch.count("pending"):
            self.app.notify("Nothing to print.")
            return
        self.printing = True
        self.query_one("#moves-progress", ProgressBar).update(
            total=self.batch.count("pending"), progress=0
        )
        self.query_one("#moves-printing-label", Static).update("Printing…")
        self.query_one("#moves-printing").display = True
        self._print(self.batch.organisation)

    @work(thread=True, exclusive=True, group="moves-print")
    def _print(self, name: str) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            report = moves.print_pending(self.engine, progress, organisation=name)
        except EXPECTED as e:
            self.app.call_from_thread(self._printed, None, str(e))
            return
        self.app.call_from_thread(self._printed, report, "")

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#moves-progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#moves-printing-label", Static).update(f"Printing {done}/{total}")

    def _printed(self, report: PrintReport | None, failure: str) -> None:
        self.printing = False
        self.query_one("#moves-printing").display = False
        if report is not None and report.error:
            failure = f"{report.error} {count(report.left, 'slip')} stay{'s' if report.left == 1 else ''} pending: p tries again."
        self.problem = failure
        if failure:
            self.app.notify(failure, severity="error", timeout=10)
        elif report is not None:
            message = f"Printed {count(report.printed, 'slip')}."
            if report.accepted:
                message += " The new layout is now the one on the shelves."
            self.app.notify(message)
        self.refresh_data()
        self.post_message(self.ShelvesChanged())

    # -- by hand -------------------------------------------------------------------------------

    def action_mark_done(self) -> None:
        planned = self._selected()
        if planned is None:
            return
        if planned.slip.state in ("printed", "done"):
            self.app.notify(f"Move {planned.seq} is {planned.slip.state} already.")
            return
        question = Text(f"Mark move {planned.seq} done without printing it?\n")
        question.append(f"{planned.record.artist} — {planned.record.title}")
        if self.batch is not None and self.batch.compact:
            question = Text(
                "The batch prints as one list: mark the whole list done without printing it?"
            )
        slip_id = planned.slip.id
        self._confirm(question, lambda: moves.mark_done(self.engine, slip_ids=[slip_id]))

    def action_mark_all_done(self) -> None:
        batch = self.batch
        if batch is None:
            return
        left = len(batch.slips) - batch.count("printed", "done")
        question = Text(
            f"Mark the {left} slips of {batch.organisation} not printed yet as done, without "
            "printing them? The new layout becomes the one on the shelves."
        )
        self._confirm(question, lambda: moves.mark_done(self.engine, batch_id=batch.id))

    def _confirm(self, question: Text, act: Callable[[], int]) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._by_hand(act)

        self.app.push_screen(ConfirmScreen(question.plain), answered)

    @work(thread=True, exclusive=True, group="moves-hand")
    def _by_hand(self, act: Callable[[], int]) -> None:
        changed = act()
        self.app.call_from_thread(self.app.notify, f"{count(changed, 'slip')} marked done.")
        self.app.call_from_thread(self.refresh_data)
        self.post_message(self.ShelvesChanged())

    def action_reprint(self) -> None:
        planned = self._selected()
        if planned is None:
            return
        self._reprint(planned.slip.id, planned.slip.seq)

    @work(thread=True, exclusive=True, group="moves-print")
    def _reprint(self, slip_id: int, seq: int) -> None:
        try:
            moves.reprint(self.engine, slip_id)
        except EXPECTED as e:
            self.app.call_from_thread(self._failed, str(e))
            return
        self.app.call_from_thread(self._reprinted, seq)

    def _reprinted(self, seq: int) -> None:
        self.problem = ""
        self.app.notify(f"Slip {seq} printed again.")
        self.refresh_data()
        self.post_message(self.ShelvesChanged())

    # -- the printer ---------------------------------------------------------------------------

    def action_printer_settings(self) -> None:
        def closed(saved: bool | None) -> None:
            if saved:
                self.problem = ""  # the failure was the old printer's: the next p tells anew
                self.refresh_data()

        self.app.push_screen(PrinterSettingsScreen(), closed)

    def action_test_print(self) -> None:
        self._test_print()

    @work(thread=True, exclusive=True, group="moves-print")
    def _test_print(self) -> None:
        try:
            moves.test_print(self.engine)
        except EXPECTED as e:
            self.app.call_from_thread(self._failed, str(e))
            return
        where = moves.printer_config(self.engine.config).describe()
        self.app.call_from_thread(self.app.notify, f"Test slip sent to {where}.")


def _place(spot: Spot | None, missing: str) -> str:
    if spot is None:
        return missing
    if spot.area == "shelf":
        return f"{spot.space} u{spot.unit} #{spot.position}"
    return f"{spot.area} #{spot.position}"


def _state_name(state: str) -> str:
    return {"unsure": "may have printed: check it", "sending": "printing"}.get(state, state)


def _move_prompt(planned: PlannedMove) -> Text:
    move = planned.move
    line = Text(f"{planned.seq:>4} ")
    line.append(f"{move.action.upper():<6}", style=ACTION_STYLES[move.action])
    line.append(" ")
    line.append(planned.record.artist, style="bold")
    line.append(" — ")
    line.append(planned.record.title)
    line.append(f"\n     {_place(move.from_, '(new)')} → {_place(move.to, '(out)')}", style="dim")
    state = planned.slip.state
    line.append("  ")
    line.append(_state_name(state), style=STATE_STYLES.get(state, ""))
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line
