"""The Sales pane: every listing on its ladder (price, phase, next step, market figures with
their source and age), a ladder plot of the selected listing (past prices from the change log,
the projected path from the simulation), and the controls: pause, floor, market overrides, the
change log, dry run, apply, the stop switch, and putting a copy up for sale."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from gramtui.domain.ladder import PathPoint, describe_source
from gramtui.domain.ladder.market import missing_why
from gramtui.domain.money import Money
from gramtui.domain.words import count
from gramtui.engine import sales
from gramtui.engine.sales import ApplyReport, PlannedStep, PriceChange, SalesError
from gramtui.ui.widgets.columns import flexible_width
from gramtui.ui.widgets.safe import DataTable, Static

PLOT_WEEKS = 12
# The table's columns after the listing's, with their widths (the listing takes what is left).
FIXED_COLUMNS = (("price", 7), ("phase", 10), ("next", 10), ("to", 7), ("median", 14), ("low", 14))
LISTING_MIN = 24
_BARS = " ▁▂▃▄▅▆▇█"
_PHASE_STYLE = {
    "start": "bold",
    "to_median": "cyan",
    "hold": "green",
    "to_low": "yellow",
    "at_low": "magenta",
    "stale": "red",
    "stopped": "dim",
}


@dataclass(frozen=True, slots=True)
class SalesView:
    """Everything the pane shows, read at one moment (in a thread worker)."""

    planned: list[PlannedStep]
    automation: bool
    stopped: bool
    dry_run: bool
    now: datetime
    bound: str = ""  # why the last automatic apply held its changes for confirmation


def read_view(engine: Any) -> SalesView:
    return SalesView(
        planned=sales.plan_all(engine),
        automation=engine.config.automation.sales,
        stopped=sales.is_stopped(),
        dry_run=sales.settings(engine).dry_run,
        now=engine.clock(),
        bound=sales.bound_note(),
    )


# -- the ladder plot ---------------------------------------------------------------------------


def ladder_chart(
    past: Sequence[PriceChange],
    projected: Sequence[PathPoint],
    current: Money,
    now: datetime,
    *,
    width: int,
    height: int,
) -> Text:
    """A column chart of the price over time: one column per time slice, eighth blocks for
    height, past columns solid, projected ones in another colour, the dates beneath."""
    points: list[tuple[datetime, int, bool]] = []  # (from, cents, projected)
    if past:
        points.append((past[0].at - timedelta(days=1), past[0].old_price.cents, False))
        points.extend((c.at, (c.new_price or c.old_price).cents, False) for c in past)
    points.append((now, current.cents, True))
    points.extend((p.at, p.price.cents, True) for p in projected if p.at > now)
    start = points[0][0]
    end = max(points[-1][0] + timedelta(days=7), now + timedelta(weeks=PLOT_WEEKS))
    label_width = 9  # "12345.67 ┤" and the currency line fit
    columns = max(8, width - label_width - 1)
    span = (end - start) / columns
    slices: list[tuple[int, bool]] = []
    for c in range(columns):
        at = start + span * (c + 0.5)
        cents, later = next(((v, f) for t, v, f in reversed(points) if t <= at), points[0][1:])
        slices.append((cents, later or at >= now))
    prices = [cents for cents, _ in slices]
    top, bottom = max(prices), min(prices)
    base = max(0, bottom - max(top - bottom, top // 10))  # the lowest price still shows a bar
    levels = height * 8
    currency = current.currency
    text = Text()
    for row in range(height, 0, -1):
        label = (
            f"{top / 100:.2f} ┤"
            if row == height
            else (f"{bottom / 100:.2f} ┤" if row == 1 else "│")
        )
        _pad(text, label_width + 1 - len(label))
        text.append(label, style="dim")
        for cents, later in slices:
            filled = round((cents - base) / max(1, top - base) * levels)
            cell = min(8, max(0, filled - (row - 1) * 8))
            text.append(_BARS[cell], style="yellow" if later else "bright_cyan")
        text.append("\n")
    now_col = min(columns - 1, max(0, int((now - start) / span)))
    axis = ["─"] * columns
    axis[now_col] = "┴"
    _pad(text, label_width - 1 - len(currency))
    text.append(f"{currency} └" + "".join(axis) + "\n", style="dim")
    left, right = f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"
    under = [" "] * columns
    for i, ch in enumerate(left):
        under[i] = ch
    for i, ch in enumerate(right):
        under[columns - len(right) + i] = ch
    mark = "now"
    at = min(max(now_col - 1, len(left) + 1), columns - len(right) - len(mark) - 1)
    if at > len(left):
        for i, ch in enumerate(mark):
            under[at + i] = ch
    _pad(text, label_width + 1)
    text.append("".join(under).rstrip() + "\n", style="dim")
    _pad(text, label_width + 1)
    text.append("█ past prices", style="bright_cyan")
    text.append("   ")
    text.append("█ projected (market held still)", style="yellow")
    return text


def _pad(text: Text, width: int) -> None:
    # Unstyled, so it stays a segment of its own: some SVG renderers drop leading spaces.
    text.append(" " * width, style="none")


# -- the pane ----------------------------------------------------------------------------------


def _money(value: Money | None) -> str:
    return f"{value.decimal:.2f}" if value is not None else "—"


def _when(at: datetime | None, now: datetime) -> str:
    if at is None:
        return "—"
    return "now" if at <= now else f"{at:%Y-%m-%d}"


class SalesPane(Vertical):
    DEFAULT_CSS = """
    SalesPane #sales-status { height: auto; }
    SalesPane #sales-table { height: 1fr; min-height: 6; }
    /* At 24 rows the detail gives way, so the table still shows five listings or more. */
    SalesPane #sales-detail { height: 17; max-height: 60%; border-top: solid $primary-darken-2; }
    SalesPane #sales-plot { width: 1fr; text-wrap: nowrap; text-overflow: clip; }
    SalesPane #sales-info { width: 1fr; min-width: 44; max-width: 64; padding: 0 0 0 1; }
    """
    BINDINGS = [
        Binding("p", "toggle_pause", "Pause"),
        Binding("f", "floor", "Floor"),
        Binding("o", "override", "Median/low"),
        Binding("l", "log", "Log"),
        Binding("d", "dry_run", "Dry run"),
        Binding("a", "apply", "Apply"),
        Binding("s", "stop_switch", "Stop"),
        Binding("n", "list_for_sale", "Sell"),
    ]

    def focus_main(self) -> None:
        """The widget the app focuses when this pane is shown."""
        self.query_one("#sales-table").focus()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.view: SalesView | None = None
        self._shape: tuple[int, int] = (0, 0)  # the listing column's width, the columns shown

    def compose(self) -> ComposeResult:
        yield Static(id="sales-status")
        table: DataTable[str | Text] = DataTable(
            id="sales-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        with Horizontal(id="sales-detail"):
            yield Static(id="sales-plot")
            yield Static(id="sales-info")

    def on_mount(self) -> None:
        self._columns()
        # The app calls refresh_data when the pane is first shown (ui/app.py), not before.

    def _columns(self) -> bool:
        """The listing column takes the width the others leave; below 100 columns median and
        low are left to the detail beside the plot. True when the columns changed."""
        table = self.query_one("#sales-table", DataTable)
        width = table.size.width or self.size.width
        shown = FIXED_COLUMNS if width >= 100 else FIXED_COLUMNS[:-2]
        listing = flexible_width(width, (w for _, w in shown), LISTING_MIN)
        if (listing, len(shown)) == self._shape:
            return False
        self._shape = (listing, len(shown))
        table.clear(columns=True)
        table.add_column("listing", width=listing)
        for name, column_width in shown:
            table.add_column(name, width=column_width)
        return True

    @property
    def engine(self) -> Any:
        return self.app.session.engine  # type: ignore[attr-defined]

    # -- data --------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Read the plan again (in a thread) and show it."""
        self._load()

    @work(thread=True, exclusive=True, group="sales-read")
    def _load(self) -> None:
        view = read_view(self.engine)
        self.app.call_from_thread(self._show, view)

    def _show(self, view: SalesView) -> None:
        self.view = view
        self._status(view)
        table = self.query_one("#sales-table", DataTable)
        selected = self.selected()
        table.clear()
        for p in view.planned:
            table.add_row(*self._cells(p, view.now)[: self._shape[1] + 1], key=str(p.listing_id))
        if selected is not None:
            ids = [p.listing_id for p in view.planned]
            if selected.listing_id in ids:
                table.move_cursor(row=ids.index(selected.listing_id))
        self._detail()

    def _status(self, view: SalesView) -> None:
        line = Text()
        if view.stopped:
            line.append(" STOPPED ", style="bold white on red")
            line.append(" no price is changed (s to resume)")
        elif view.automation and view.bound:
            line.append(" HELD ", style="bold white on magenta")
            line.append(f" {view.bound}: a to review and apply")
        elif view.automation:
            line.append(" AUTOMATIC ", style="bold black on green")
            line.append(
                " dry run: changes are only logged"
                if view.dry_run
                else " due changes are applied after each sync"
            )
        else:
            line.append(" MANUAL ", style="bold black on yellow")
            line.append(" automation.sales is off: nothing is sent (d: dry run)")
        due = sum(p.step.action == "change" for p in view.planned)
        line.append(
            f" · {count(len(view.planned), 'listing')} · {count(due, 'change')} due", style="dim"
        )
        self.query_one("#sales-status", Static).update(line)

    def _cells(self, p: PlannedStep, now: datetime) -> list[str | Text]:
        listing = p.listing
        name = Text(
            f"{listing.artist} — {listing.title}" if listing.artist else listing.title,
            overflow="ellipsis",
            no_wrap=True,
        )
        phase = "paused" if p.paused else p.phase
        market = p.market
        median = Text(f"{_money(market.median)} {_source(market.median_source)}", justify="left")
        low = Text(f"{_money(market.low)} {_source(market.low_source)}", justify="left")
        return [
            name,
            _money(listing.price),
            Text(phase, style="dim" if p.paused else _PHASE_STYLE.get(p.phase, ""), justify="left"),
            _when(p.next_at, now),
            _money(p.next_price),
            median,
            low,
        ]

    def selected(self) -> PlannedStep | None:
        if self.view is None or not self.view.planned:
            return None
        row = self.query_one("#sales-table", DataTable).cursor_row
        if 0 <= row < len(self.view.planned):
            return self.view.planned[row]
        return None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_resize(self) -> None:
        if self._columns() and self.view is not None:
            self._show(self.view)
        self.call_after_refresh(self._detail)  # the plot fills the width it now has

    def _detail(self) -> None:
        plot = self.query_one("#sales-plot", Static)
        info = self.query_one("#sales-info", Static)
        p = self.selected()
        if p is None or self.view is None:
            plot.update(
                Text(
                    "No listings For Sale yet: sync (Ctrl+R), or put a copy up for sale (n).",
                    style="italic",
                )
            )
            info.update("")
            return
        now = self.view.now
        projected = sales.projection(p, PLOT_WEEKS)
        width = max(30, plot.content_size.width or 62)
        # The chart's axis and dates take two lines below its bars.
        room = self.query_one("#sales-detail").content_size.height or 13
        height = max(4, min(11, room - 2))
        plot.update(
            ladder_chart(
                sales.history(p.listing_id),
                projected,
                p.listing.price,
                now,
                width=width,
                height=height,
            )
        )
        info.update(_info(p, now))

    # -- actions -----------------------------------------------------------------------------

    def _need(self) -> PlannedStep | None:
        p = self.selected()
        if p is None:
            self.app.notify("Choose a listing first.", severity="warning")
        return p

    @work(thread=True, group="sales-act")
    def _run(self, fn: Callable[[], object], done: str) -> None:
        try:
            fn()
        except SalesError as e:
            self.app.call_from_thread(self.app.notify, str(e), severity="error")
            return
        self.app.call_from_thread(self.app.notify, done)
        self.app.call_from_thread(self.refresh_data)

    def action_toggle_pause(self) -> None:
        if (p := self._need()) is None:
            return
        paused = not p.paused
        verb = "paused: its price stays" if paused else "resumed: it continues its ladder"
        self._run(
            lambda: sales.set_paused(self.engine, p.listing_id, paused),
            f"Listing {p.listing_id} {verb}.",
        )

    def action_floor(self) -> None:
        if (p := self._need()) is None:
            return
        from gramtui.ui.screens.sales_money import MoneyField, SalesMoneyScreen

        override = p.override
        field = MoneyField(
            "floor",
            "Never below (empty: the configured floor)",
            override.floor if override else None,
        )
        screen = SalesMoneyScreen(
            f"Floor for {p.listing.artist} — {p.listing.title}", [field], p.listing.price.currency
        )

        def done(values: dict[str, Money | None] | None) -> None:
            if values is not None:
                self._run(
                    lambda: sales.set_floor(self.engine, p.listing_id, values["floor"]),
                    f"Floor of listing {p.listing_id} set.",
                )

        self.app.push_screen(screen, done)

    def action_override(self) -> None:
        if (p := self._need()) is None:
            return
        from gramtui.ui.screens.sales_money import MoneyField, SalesMoneyScreen

        override = p.override
        fields = [
            MoneyField(
                "median",
                "Median (empty: Discogs's price suggestion)",
                override.median if override else None,
            ),
            MoneyField(
                "low",
                "Low (empty: the marketplace's lowest price)",
                override.low if override else None,
            ),
        ]
        screen = SalesMoneyScreen(
            f"Market figures for {p.listing.artist} — {p.listing.title}",
            fields,
            p.listing.price.currency,
        )

        def done(values: dict[str, Money | None] | None) -> None:
            if values is not None:
                self._run(
                    lambda: sales.set_market(
                        self.engine, p.listing_id, values["median"], values["low"]
                    ),
                    f"Market figures of listing {p.listing_id} set.",
                )

        self.app.push_screen(screen, done)

    def action_log(self) -> None:
        from gramtui.ui.screens.sales_log import SalesLogScreen

        titles = {}
        if self.view is not None:
            titles = {
                p.listing_id: f"{p.listing.artist} — {p.listing.title}" for p in self.view.planned
            }
        self.app.push_screen(SalesLogScreen(sales.change_log(), titles))

    def action_dry_run(self) -> None:
        self._apply(dry_run=True)

    def action_apply(self) -> None:
        from gramtui.ui.screens.confirm import ConfirmScreen

        if why := sales.refusal(self.engine):
            self.app.notify(f"Nothing to apply: {why}.", severity="warning")
            return
        planned = self.view.planned if self.view else []
        due = sum(p.step.action == "change" for p in planned)
        listings = sum(p.listing.status == sales.FOR_SALE for p in planned)
        question = (
            f"Apply the ladder now? {due} price changes are due; each is sent to Discogs "
            "through the queue."
        )
        if bound := sales.over_bound(self.engine, due, listings):
            question = (
                f"{bound}. Check their reasons in the table first. Apply all {due} "
                "price changes now?"
            )

        def done(ok: bool | None) -> None:
            if ok:
                self._apply(dry_run=False, confirmed=True)

        self.app.push_screen(ConfirmScreen(question), done)

    @work(thread=True, group="sales-act")
    def _apply(self, dry_run: bool, confirmed: bool = False) -> None:
        report = sales.apply(self.engine, dry_run=dry_run, confirmed=confirmed)
        self.app.call_from_thread(self.app.notify, _applied(report))
        self.app.call_from_thread(self.refresh_data)

    def action_stop_switch(self) -> None:
        from gramtui.ui.screens.confirm import ConfirmScreen

        stopped = sales.is_stopped()
        question = (
            "Turn the stop switch off? Due price changes go out again at the next apply or sync."
            if stopped
            else "Stop all price changes now? Queued changes are dropped and nothing is sent until "
            "you turn the switch off again."
        )

        def done(ok: bool | None) -> None:
            if not ok:
                return
            if stopped:
                self._run(lambda: sales.resume(self.engine), "Sales resumed.")
            else:
                self._run(lambda: sales.stop(self.engine), "Sales stopped: no price changes.")

        self.app.push_screen(ConfirmScreen(question), done)

    def action_list_for_sale(self) -> None:
        from gramtui.ui.screens.sales_list import SalesListScreen, SellRequest

        engine = self.engine
        currency = sales.settings(engine).currency

        def hint(instance_id: int, condition: str) -> sales.StartPrice:
            return sales.start_price_for(engine, instance_id, condition, fetch=True)

        def done(request: SellRequest | None) -> None:
            if request is None:
                return
            self._run(
                lambda: sales.list_for_sale(
                    engine,
                    request.instance_id,
                    request.condition,
                    request.sleeve_condition,
                    request.price,
                ),
                f"Copy {request.instance_id} will be listed: follow it in the Queue pane (5).",
            )

        self.app.push_screen(SalesListScreen(hint, currency), done)


def _source(source: str) -> str:
    if source == "override":
        return "(you)"
    if source.startswith("suggestion:"):
        return "(sugg)"
    if source.startswith("stats:"):
        return "(stats)"
    if source.startswith("refused:"):
        return "(refused)"
    return ""


def _info(p: PlannedStep, now: datetime) -> Group:
    listing, market, step = p.listing, p.market, p.step
    head = Text(f"{listing.artist} — {listing.title}\n", style="bold", overflow="ellipsis")
    head.append(
        f"{listing.condition or 'no condition'} · listing {listing.listing_id}", style="dim"
    )
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    phase = Text(
        "paused" if p.paused else step.phase,
        style="dim" if p.paused else _PHASE_STYLE.get(step.phase, ""),
    )
    grid.add_row("now", Text.assemble(f"{listing.price}  ", phase))
    if p.next_at is not None and p.next_price is not None:
        grid.add_row("next", f"{p.next_price} {_when(p.next_at, now)}")
    else:
        grid.add_row("next", "none in sight")
    for name, value, source, at in (
        ("median", market.median, market.median_source, market.median_at),
        ("low", market.low, market.low_source, market.low_at),
    ):
        if value is None:
            grid.add_row(name, Text(f"— {missing_why(source)}", style="italic"))
        else:
            figure = Text(f"{value} ")
            figure.append(describe_source(source, at, now), style="dim")
            grid.add_row(name, figure)
    floor = Text(f"{p.floor.price} ")
    floor.append(
        "= " + p.floor.source if "first price" in p.floor.source else f"({p.floor.source})",
        style="dim",
    )
    grid.add_row("floor", floor)
    grid.add_row("why", Text(step.reason))
    return Group(head, grid)


def _applied(report: ApplyReport) -> str:
    if report.refused:
        return f"Nothing done: {report.refused}."
    n = len(report.changes)
    if report.bound:
        return f"Nothing queued: {report.bound}; press a again and confirm."
    if report.dry_run:
        return f"Dry run: {n} price changes would be made; see the change log (l)."
    return f"{n} price changes queued: follow them in the Queue pane (5)."
