"""The Deals pane: eBay listings matched to Discogs releases, best score first, with what each
costs, what it is worth and why it matched; the saved searches below. Every read and write runs
in a thread worker (ui/background.py); the pane asks the app for app-wide things by message.

Listing text is data: titles go into the table as rich Text (markup is never parsed) through
the safe widgets (escape codes shown, never obeyed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from gramtui.domain.words import count
from gramtui.engine import deals, deals_view, wants
from gramtui.engine.deals import DealLine
from gramtui.engine.deals_view import DealsOverview, SearchLine
from gramtui.engine.ebay_setup import credentials_path
from gramtui.ui.background import in_thread
from gramtui.ui.messages import DataChanged, ShowPane
from gramtui.ui.pane import PaneServices
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.deal_detail import DealDetailScreen, cost_text
from gramtui.ui.screens.deal_search import SavedSearchScreen, SearchRequest
from gramtui.ui.screens.ebay_credentials import EbayCredentialsScreen
from gramtui.ui.screens.want_list_pick import WantListPickScreen
from gramtui.ui.widgets.columns import fill_fitted
from gramtui.ui.widgets.safe import DataTable, Static

WIDE = 120  # from this width the table shows the seller and when a listing was put up
SCORE_W, COST_W, MATCH_W, SELLER_W, LISTED_W = 5, 17, 10, 13, 9
WORTH_W = {True: 24, False: 9}  # wide: with its source; narrow: the amount only
BAND_STYLES = {"high": "bold green", "good": "green"}

SEARCH_HEADERS = (
    "Name",
    "Searches for",
    "Formats",
    "Max price",
    "Alert from",
    "Every",
    "Last poll",
)


class DealsTable(DataTable[Text]):
    """The deals; its keys act on the highlighted one."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Detail", show=False),
        Binding("o", "deal('open')", "Open"),
        Binding("x", "deal('dismiss')", "Dismiss"),
        Binding("n", "deal('not_this')", "Not this"),
        Binding("w", "deal('want')", "Want"),
        Binding("b", "deal('bought')", "Bought"),
        Binding("s", "deal('searches')", "Searches"),
        Binding("a", "deal('add_search')", "Add search", show=False),
    ]

    def action_deal(self, what: str) -> None:
        pane = next(a for a in self.ancestors if isinstance(a, DealsPane))
        pane.deal_action(what)


class SearchesTable(DataTable[Text]):
    """The saved searches; its keys act on the highlighted one."""

    BINDINGS = [
        Binding("a", "search('add')", "Add"),
        Binding("e,enter", "search('edit')", "Edit"),
        Binding("p", "search('pause')", "Pause/resume"),
        Binding("d,delete", "search('delete')", "Delete"),
        Binding("s,escape", "search('deals')", "Deals"),
    ]

    def action_search(self, what: str) -> None:
        pane = next(a for a in self.ancestors if isinstance(a, DealsPane))
        pane.search_action(what)


class DealsPane(Vertical):
    DEFAULT_CSS = """
    DealsPane #deals-summary { height: auto; padding: 0 1; background: $boost; }
    DealsPane #deals-empty { height: 1fr; padding: 1 2; }
    DealsPane #deals-table { height: 1fr; }
    DealsPane #deals-line { height: 2; padding: 0 1; color: $text-muted; }
    DealsPane #deals-searches {
        height: auto; max-height: 8; border-top: solid $primary-darken-1;
    }
    """
    BINDINGS = [
        Binding("k", "keys", "eBay keys", show=False),
    ]

    def __init__(self, services: PaneServices, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.services = services
        self.data: DealsOverview | None = None
        self._deal_ids: list[str] = []
        self._search_names: list[str] = []
        self._wide: bool | None = None  # the layout the table was last built for
        self._focus_deals_later = False

    def compose(self) -> ComposeResult:
        yield Static(id="deals-summary")
        yield Static(id="deals-empty")
        yield DealsTable(id="deals-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="deals-line")
        searches = SearchesTable(id="deals-searches", cursor_type="row")
        searches.border_title = "Saved searches"
        yield searches

    def on_mount(self) -> None:
        fill_fitted(self.query_one("#deals-searches", DataTable), SEARCH_HEADERS, [])
        self.query_one("#deals-table").display = False
        self.set_interval(60, self._tick)

    def _tick(self) -> None:
        """ "Next poll in N min" and "listed N h ago" move on while the pane is looked at."""
        if self.data is not None and self.is_on_screen:
            self.refresh_data()

    @classmethod
    def help_sections(cls) -> list[tuple[str, list[BindingType]]]:
        def keys(*bindings: object) -> list[BindingType]:
            return [b for b in bindings if isinstance(b, Binding)]

        return [
            ("Deals", keys(*DealsTable.BINDINGS, *cls.BINDINGS)),
            ("Deals: saved searches", keys(*SearchesTable.BINDINGS)),
        ]

    # -- the Pane protocol -----------------------------------------------------------------------

    def focus_main(self) -> None:
        table = self.query_one("#deals-table", DealsTable)
        # With no deals (yet) the searches take the keys, until the deals arrive.
        self._focus_deals_later = not table.display
        if table.display:
            table.focus()
        else:
            self.query_one("#deals-searches").focus()

    def refresh_data(self) -> None:
        engine, paths = self.services.engine, self.services.paths
        in_thread(
            self,
            lambda: deals_view.overview(engine, paths),
            self._show,
            what="Reading the deals",
            group="deals-read",
        )

    # -- showing ---------------------------------------------------------------------------------

    def _show(self, data: DealsOverview) -> None:
        had_focus = self.query_one("#deals-table").has_focus
        searches = self.query_one("#deals-searches")
        self.data = data
        self._fill_summary()
        self._fill_deals()
        self._fill_searches()
        table = self.query_one("#deals-table", DealsTable)
        if had_focus and not table.display:
            searches.focus()
        elif self._focus_deals_later and table.display and searches.has_focus:
            self._focus_deals_later = False
            table.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """focus_main gave the keys to the searches for want of deals; the deals came before
        that focus landed (focus is set after a refresh): the deals take the keys."""
        table = self.query_one("#deals-table", DealsTable)
        if self._focus_deals_later and table.display and event.widget.id == "deals-searches":
            self._focus_deals_later = False
            table.focus()

    def _fill_summary(self) -> None:
        data = self.data
        assert data is not None
        line = Text()
        high = sum(1 for d in data.deals if d.band == "high")
        good = sum(1 for d in data.deals if d.band == "good")
        line.append(count(len(data.deals), "deal"), style="bold")
        if data.deals:
            line.append(f" · {high} high · {good} good")
        total = data.wanted + len(data.searches)
        line.append(f" · {count(total, 'search', 'searches')}")
        if data.keys:
            line.append(" · eBay keys missing", style="bold yellow")
        else:
            line.append(f" · next poll {_due(data.next_poll, data.now)}")
        b = data.budget
        line.append(f" · eBay {b.used}/{b.limit} calls today")
        if data.last_error:
            line.append("\nLast poll: ", style="bold red")
            line.append(data.last_error)
        if data.note:
            line.append("\n" + data.note, style="yellow")
        self.query_one("#deals-summary", Static).update(line)
        self.query_one("#deals-empty", Static).update(self._empty_text())

    def _empty_text(self) -> Text:
        data = self.data
        assert data is not None
        out = Text()
        if data.keys:
            out.append("Deals needs your eBay application keys.\n\n", style="bold")
            if data.keys != "no eBay keys yet":
                out.append(data.keys + "\n\n", style="red")
            out.append(
                "Press k to enter them (make them at developer.ebay.com → Application Keys), "
                "or set EBAY_CLIENT_ID and EBAY_CLIENT_SECRET before starting gramtui. Until "
                "then nothing is searched. Saved searches below can be added already (a)."
            )
        elif data.wanted + len(data.searches) == 0:
            out.append("Nothing to search yet.\n\n", style="bold")
            out.append(
                "Deals watches eBay for your Discogs wants and want-list entries (Wants pane, "
                "4), and for searches of your own: press a to save one."
            )
        else:
            out.append("No deals yet.\n\n", style="bold")
            out.append(
                f"{count(data.wanted + len(data.searches), 'search', 'searches')} "
                f"watch eBay; the next poll is {_due(data.next_poll, data.now)}. A listing "
                "shows here when it matches a record you want; new ones above the alert "
                "band ring the bell. Press a to save a search of your own."
            )
        return out

    def _fill_deals(self) -> None:
        data = self.data
        assert data is not None
        table = self.query_one("#deals-table", DealsTable)
        empty = self.query_one("#deals-empty")
        empty.display = not data.deals
        table.display = bool(data.deals)
        self.query_one("#deals-line").display = bool(data.deals)
        at = table.cursor_row
        before = self._deal_ids[at] if 0 <= at < len(self._deal_ids) else None
        wide = self.size.width >= WIDE
        self._wide = wide
        table.clear(columns=True)
        title_w = self._title_width(wide)
        table.add_column("Score", width=SCORE_W)
        table.add_column("Price + ship", width=COST_W)
        table.add_column("Worth · source" if wide else "Worth", width=WORTH_W[wide])
        table.add_column("Title", width=title_w)
        table.add_column("Match", width=MATCH_W)
        if wide:
            table.add_column("Seller", width=SELLER_W)
            table.add_column("Listed", width=LISTED_W)
        self._deal_ids = [d.item_id for d in data.deals]
        for d in data.deals:
            cells = [
                _score(d),
                _fit(Text(cost_text(d).replace(" + shipping at checkout", " + ?")), COST_W),
                _fit(_worth(d, wide), WORTH_W[wide]),
                _fit(_title(d), title_w),
                Text(f"{d.method} {d.confidence:.2f}".replace(" 0.", " ."), style="dim"),
            ]
            if wide:
                cells += [_fit(_seller(d), SELLER_W), Text(_ago(d.listed_at, data.now))]
            table.add_row(*cells, key=d.item_id)
        if before in self._deal_ids:
            table.move_cursor(row=self._deal_ids.index(before))
        elif self._deal_ids:
            table.move_cursor(row=min(max(at, 0), len(self._deal_ids) - 1))
        self._show_line()

    def _title_width(self, wide: bool) -> int:
        width = self.size.width or 80
        fixed = SCORE_W + COST_W + WORTH_W[wide] + MATCH_W
        columns = 5
        if wide:
            fixed += SELLER_W + LISTED_W
            columns += 2
        # each column is padded one cell each side; two more for the scrollbar
        return max(12, width - fixed - 2 * columns - 2)

    def _fill_searches(self) -> None:
        data = self.data
        assert data is not None
        table = self.query_one("#deals-searches", DataTable)
        at = table.cursor_row
        self._search_names = [line.search.name for line in data.searches]
        rows = [_search_row(line, data.now) for line in data.searches] or [
            [
                Text("(none)", style="dim"),
                Text("press a to save a search of your own", style="italic dim"),
                *(Text("") for _ in range(5)),
            ]
        ]
        fill_fitted(table, SEARCH_HEADERS, rows)
        if data.searches and 0 <= at < len(self._search_names):
            table.move_cursor(row=at)

    def on_resize(self) -> None:
        if self.data is not None and (self.size.width >= WIDE) != self._wide:
            self._fill_deals()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "deals-table":
            self._show_line()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "deals-table":
            event.stop()
            self.deal_action("detail")

    def _show_line(self) -> None:
        deal = self._selected_deal()
        line = Text()
        if deal is not None:
            line.append(deal.title)
            line.append(f"\n{deal.reason}", style="italic")
            if deal.seller:
                line.append(f" · seller {deal.seller}")
        self.query_one("#deals-line", Static).update(line)

    def _selected_deal(self) -> DealLine | None:
        table = self.query_one("#deals-table", DealsTable)
        if self.data is None or not table.display:
            return None
        row = table.cursor_row
        return self.data.deals[row] if 0 <= row < len(self.data.deals) else None

    def _selected_search(self) -> SearchLine | None:
        table = self.query_one("#deals-searches", DataTable)
        if self.data is None or not (0 <= table.cursor_row < len(self.data.searches)):
            return None
        return self.data.searches[table.cursor_row]

    # -- the deal keys ---------------------------------------------------------------------------

    def deal_action(self, what: str) -> None:
        if what == "searches":
            self.query_one("#deals-searches").focus()
            return
        if what == "add_search":
            self.search_action("add")
            return
        deal = self._selected_deal()
        if deal is None:
            self.notify("No deal chosen: there are none yet.", severity="warning")
            return
        {
            "detail": self._detail,
            "open": self._open,
            "dismiss": self._dismiss,
            "not_this": self._not_this,
            "want": self._want,
            "bought": self._bought,
        }[what](deal)

    def _detail(self, deal: DealLine) -> None:
        def closed(choice: str | None) -> None:
            if choice == "open":
                self._open(deal)

        self.app.push_screen(DealDetailScreen(deal), closed)

    def _open(self, deal: DealLine) -> None:
        if not deal.url.startswith(("https://", "http://")):
            self.notify("This listing has no web address to open.", severity="warning")
            return
        self.app.open_url(deal.url)
        self.notify("Opened the listing in your browser.", timeout=3)

    def _dismiss(self, deal: DealLine) -> None:
        engine = self.services.engine
        self._write(
            lambda: deals.dismiss(engine, deal.item_id),
            "Dismissing the deal",
            lambda _ok: Text.assemble("Dismissed (never shown again): ", deal.title),
        )

    def _not_this(self, deal: DealLine) -> None:
        engine = self.services.engine

        def said(match: object) -> Text:
            found = getattr(match, "matched", False)
            head = "Not this record: now matched again, " if found else "Not this record: "
            tail = "see the list." if found else "no longer matched; it leaves the list."
            return Text.assemble(head, tail)

        self._write(lambda: deals.not_this_record(engine, deal.item_id), "Re-matching", said)

    def _bought(self, deal: DealLine) -> None:
        engine = self.services.engine
        bought = not deal.bought
        self._write(
            lambda: deals_view.set_bought(engine, deal.item_id, bought),
            "Marking the deal",
            lambda _ok: Text("Marked bought." if bought else "No longer marked bought."),
        )

    def _want(self, deal: DealLine) -> None:
        engine = self.services.engine
        what = (
            f"release {deal.release_id}"
            if deal.release_id is not None
            else f"master {deal.master_id}"
        )

        def picked(name: str | None) -> None:
            if name is None:
                return

            def add() -> object:
                wants.add_entry(
                    engine,
                    name,
                    release_id=deal.release_id,
                    master_id=deal.master_id if deal.release_id is None else None,
                )
                return wants.run_pass(engine)

            def done(_report: object) -> None:
                self.notify(f"Added {what} to the want list {name}.")
                self.post_message(DataChanged("wants"))

            in_thread(self, add, done, what=f"Adding {what} to {name}", group="deals-write")

        def listed(names: list[str]) -> None:
            if not names:
                self.notify(
                    "No want list yet: make one in the Wants pane (4, then n).", severity="warning"
                )
                self.post_message(ShowPane("wants"))
                return
            self.app.push_screen(WantListPickScreen(names, what), picked)

        in_thread(
            self,
            lambda: [w.name for w in wants.want_lists()],
            listed,
            what="Reading the want lists",
            group="deals-read-lists",
        )

    def _write(
        self, work: Callable[[], object], what: str, told: Callable[[object], Text | str]
    ) -> None:
        def done(result: object) -> None:
            self.notify(str(told(result)))
            self.refresh_data()

        in_thread(self, work, done, what=what, group="deals-write", exclusive=False)

    # -- the saved-search keys -------------------------------------------------------------------

    def search_action(self, what: str) -> None:
        engine = self.services.engine
        self._focus_deals_later = False  # the user chose to be here
        if what == "deals":
            self.focus_main()
            return
        if what == "add":

            def add(r: SearchRequest) -> object:
                return deals.add_search(
                    engine,
                    r.name,
                    r.query,
                    formats=r.formats,
                    max_price=r.max_price,
                    min_score=r.min_score,
                    interval_minutes=r.interval_minutes,
                )

            self.app.push_screen(SavedSearchScreen(add), self._search_saved)
            return
        line = self._selected_search()
        if line is None:
            self.notify("No saved search chosen: press a to add one.", severity="warning")
            return
        name = line.search.name
        if what == "edit":

            def edit(r: SearchRequest) -> object:
                return deals.edit_search(
                    engine,
                    name,
                    r.name,
                    r.query,
                    formats=r.formats,
                    max_price=r.max_price,
                    min_score=r.min_score,
                    interval_minutes=r.interval_minutes,
                )

            self.app.push_screen(SavedSearchScreen(edit, line.search), self._search_saved)
        elif what == "pause":
            paused = not line.search.paused
            self._write(
                lambda: deals.pause_search(engine, name, paused),
                "Pausing the search",
                lambda _r: f"Saved search {name} " + ("paused." if paused else "resumed."),
            )
        elif what == "delete":

            def answer(yes: bool | None) -> None:
                if yes:
                    self._write(
                        lambda: deals.remove_search(engine, name),
                        "Deleting the search",
                        lambda _r: f"Saved search {name} deleted.",
                    )

            self.app.push_screen(
                ConfirmScreen(
                    f"Delete the saved search {name}? The deals it found stay in the list."
                ),
                answer,
            )

    def _search_saved(self, request: SearchRequest | None) -> None:
        if request is not None:
            self.notify(f"Saved search {request.name} saved: it is polled with the others.")
            self.refresh_data()

    def action_keys(self) -> None:
        def entered(saved: bool | None) -> None:
            if saved:
                self._keys_saved()

        where = credentials_path(self.services.paths)
        self.app.push_screen(EbayCredentialsScreen(where), entered)

    def _keys_saved(self) -> None:
        self.notify("eBay keys saved: your wants and saved searches are searched from now on.")
        self.refresh_data()


# -- cells -----------------------------------------------------------------------------------------


def _search_row(line: SearchLine, now: datetime) -> list[Text]:
    x = line.search
    return [
        Text(x.name, style="bold"),
        _fit(Text(x.query), 28),
        Text(", ".join(x.formats) or "any"),
        Text(str(x.max_price) if x.max_price is not None else "—"),
        Text(str(x.min_score) if x.min_score is not None else "band"),
        Text(f"{x.interval_minutes} min" if x.interval_minutes else "auto"),
        Text("paused", style="yellow") if x.paused else _polled(line, now),
    ]


def _fit(text: Text, width: int) -> Text:
    fitted = text.copy()
    fitted.truncate(width, overflow="ellipsis")
    return fitted


def _score(d: DealLine) -> Text:
    if d.score is None:
        return Text("n/c", style="dim")
    return Text(f"{float(d.score) * 100:+.0f}%", style=BAND_STYLES.get(d.band, ""))


def _title(d: DealLine) -> Text:
    out = Text()
    if d.bought:
        out.append("bought ", style="bold cyan")
    if d.alerted:
        out.append("! ", style="bold yellow")
    out.append(d.title)  # data: appended as plain text, never parsed as markup
    return out


def _grade(grade: str) -> str:
    """ "Very Good Plus (VG+)" -> "VG+"."""
    return grade[grade.rfind("(") + 1 : -1] if grade.endswith(")") and "(" in grade else grade


def _worth(d: DealLine, wide: bool) -> Text:
    if not d.worth:
        return Text("waiting" if "waiting" in d.worth_source else "—", style="dim")
    out = Text(d.worth)
    if wide:
        source = d.worth_source
        if source.startswith("median of"):
            n = source.split()[2]
            out.append(f" median {n} · {_grade(d.grade)}", style="dim")
        else:
            out.append(f" Discogs {_grade(d.grade)}", style="dim")
    return out


def _seller(d: DealLine) -> Text:
    if not d.feedback_percent and d.feedback_score is None:
        return Text("—", style="dim")
    score = d.feedback_score or 0
    size = f"{score / 1000:.1f}k" if score >= 1000 else str(score)
    return Text(f"{d.feedback_percent or '?'}% {size}")


def _ago(at: datetime | None, now: datetime) -> str:
    if at is None:
        return "—"
    gone = now - at
    if gone < timedelta(hours=1):
        return f"{max(0, int(gone.total_seconds() // 60))} min ago"
    if gone < timedelta(days=2):
        return f"{int(gone.total_seconds() // 3600)} h ago"
    return f"{gone.days} d ago"


def _due(at: datetime | None, now: datetime) -> str:
    if at is None:
        return "not due (nothing to search)"
    if at <= now:
        return "due now"
    minutes = -int(-(at - now).total_seconds() // 60)  # rounded up: never "in 0 min"
    return f"in {minutes} min ({at.strftime('%H:%M')} UTC)"


def _polled(line: SearchLine, now: datetime) -> Text:
    if line.last_error:
        return Text("failed: " + line.last_error, style="red")
    if line.polled_at is None:
        return Text("not yet", style="dim")
    return Text(f"{_ago(line.polled_at, now)} · {line.last_new} new")
