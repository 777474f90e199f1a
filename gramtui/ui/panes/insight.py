"""The Insight tab: the collection as a collector wants to see it.

A headline (records, releases, artists, labels, formats; Discogs' value of the collection and its
trend over the daily snapshots) above one chart at a time, each one key away. Enter on a bar lists
its records in place of the chart; Enter on a record shows it on the Shelves. `f` narrows every
figure to one folder. Every read runs in a thread worker (ui/background.py); a chart read once is
kept until the data or the folder changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import ContentSwitcher

from gramtui.domain.organisation import ALL_FOLDER_ID
from gramtui.domain.records import Folder
from gramtui.domain.value_trend import amount_of, change_words, sparkline
from gramtui.domain.words import count
from gramtui.engine import insight
from gramtui.engine.collection_view import CollectionView
from gramtui.engine.insight import Bar, Chart, Headline
from gramtui.ui.background import in_thread
from gramtui.ui.messages import ShowRecord
from gramtui.ui.pane import PaneServices
from gramtui.ui.screens.insight_folder import InsightFolderScreen
from gramtui.ui.widgets.bar_chart import BarChart, money
from gramtui.ui.widgets.line_list import LineList
from gramtui.ui.widgets.record_list import RecordList, header_line
from gramtui.ui.widgets.safe import Static


@dataclass(frozen=True)
class ChartKey:
    """What names a chart on screen: the chart, and how it is cut."""

    by: str
    genre: str | None = None  # styles within this genre
    period: str = "month"  # growth per month or per year
    valuable: bool = False  # value: the most valuable records instead of value by folder


# key, chart, name in the keys line
CHARTS = (
    ("g", "genre", "genre"),
    ("s", "style", "style"),
    ("d", "decade", "decade"),
    ("a", "added", "added"),
    ("l", "label", "label"),
    ("t", "artist", "artist"),
    ("m", "format", "format"),
    ("v", "value", "value"),
    ("r", "rarity", "rare"),
    ("c", "copies", "copies"),
)

EMPTY_CHART = {
    "value": "No price suggestions stored yet: they come with the sync's market figures.",
    "rarity": (
        "Neither community have/want nor marketplace figures stored yet: they arrive through"
        " the queue after a sync."
    ),
    "copies": "No record is owned more than once.",
}
NO_RECORDS = (
    "No records yet. Sync your collection (Ctrl+R, then follow it in the Queue pane, 5): "
    "the charts fill in as it arrives."
)
NO_DUMP = (
    "No data dump loaded: master years arrive at the API's pace. "
    "`gramtui dump ingest FILE` loads a monthly Discogs dump (see the README)."
)


@dataclass(frozen=True)
class Reading:
    """One chart read, and what it is."""

    key: ChartKey
    chart: Chart


def read_chart(key: ChartKey, folder: int | None) -> Chart:
    if key.by == "style" and key.genre is not None:
        return insight.styles_within(key.genre, folder)
    if key.by == "added":
        return insight.added(folder, key.period)
    if key.by == "value" and key.valuable:
        return insight.most_valuable(folder)
    return insight.chart(key.by, folder)


def headline_text(head: Headline) -> Text:
    text = Text()
    text.append(count(head.records, "record"), style="bold")
    text.append(f" · {count(head.releases, 'release')} · {count(head.artists, 'artist')}")
    text.append(f" · {count(head.labels, 'label')} · {count(head.formats, 'format')}")
    value = head.value
    if value is None:
        text.append("\nValue: not known yet (Discogs' estimate is read once a day).", style="dim")
        return text
    text.append("\nValue ")
    text.append(value.median, style="bold")
    text.append(f" (min {value.minimum}, max {value.maximum})")
    medians = [a for a in (amount_of(v.median) for v in head.value_trend) if a is not None]
    if len(head.value_trend) > 1:
        first = head.value_trend[0]
        text.append(f"  {sparkline(medians, 20)} ", style="bold")
        text.append(change_words(first.day, first.median, value.median), style="dim")
    else:
        text.append(f" on {value.day}", style="dim")
    return text


def keys_line(current: str) -> Text:
    """Every chart's name, its key letter underlined, the one shown reversed."""
    text = Text()
    for n, (key, by, name) in enumerate(CHARTS):
        if n:
            text.append("  ")
        shown = "reverse " if by == current else ""
        at = name.index(key)
        text.append(name[:at], style=shown + "dim" if not shown else shown)
        text.append(key, style=shown + "bold underline")
        text.append(name[at + 1 :], style=shown + "dim" if not shown else shown)
    return text


class BarRecords(RecordList):
    """The records of a bar; Enter shows one on the Shelves."""

    BINDINGS = [Binding("enter", "select", "On the Shelves")]


class InsightPane(Vertical):
    DEFAULT_CSS = """
    InsightPane #insight-headline { height: auto; }
    InsightPane #insight-keys { height: auto; }
    InsightPane #insight-title { height: auto; border-top: solid $primary-darken-2; }
    InsightPane ContentSwitcher { height: 1fr; }
    InsightPane #insight-records { height: 1fr; }
    InsightPane #insight-empty { padding: 1 0; }
    """
    BINDINGS = [
        *(
            Binding(key, f"chart('{by}')", name.capitalize(), show=False)
            for key, by, name in CHARTS
        ),
        Binding("escape", "back", "Back"),
        Binding("f", "folder", "Folder"),
    ]

    def __init__(self, services: PaneServices, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.services = services
        self.key = ChartKey("genre")
        self.folder: Folder | None = None
        self.charts: dict[ChartKey, Chart] = {}
        self.headline: Headline | None = None
        self.dump_loaded: bool | None = None
        self.records_of: Bar | None = None  # the bar whose records are listed
        self._cursors: dict[ChartKey, int] = {}  # where the cursor was on each chart
        self._asked = False  # read once the pane is first shown, not at start-up

    def compose(self) -> ComposeResult:
        yield Static(Text("Reading the collection…", style="italic dim"), id="insight-headline")
        yield Static(keys_line(self.key.by), id="insight-keys")
        yield Static(id="insight-title")
        with ContentSwitcher(initial="insight-bars"):
            yield BarChart(id="insight-bars")
            with Vertical(id="insight-records"):
                yield Static(classes="list-header", id="insight-records-header")
                yield BarRecords(CollectionView.empty(), id="insight-record-list")
            yield Static(id="insight-empty")

    # -- the Pane protocol ---------------------------------------------------------------------

    def focus_main(self) -> None:
        if not self._asked:
            self.refresh_data()
        shown = self.query_one(ContentSwitcher).current
        if shown == "insight-records":
            self.query_one(RecordList).focus()
        else:
            self.query_one(BarChart).focus()

    def refresh_data(self) -> None:
        """The collection changed: every chart is read again, the one on screen now."""
        self._asked = True
        self.charts.clear()
        self.headline = None
        self._read()

    # -- reading -------------------------------------------------------------------------------

    def _read(self) -> None:
        """The chart on screen first (from memory when read before), then the headline: the
        chart is what was asked for, and the headline's counts cost more than most charts."""
        key = self.key
        cached = self.charts.get(key)
        if cached is not None:
            self._show(Reading(key, cached))
            return
        folder = self.folder.id if self.folder else None
        in_thread(
            self,
            lambda: Reading(key, read_chart(key, folder)),
            self._show,
            what="Reading the charts",
            group="insight-read",
        )

    def _read_headline(self) -> None:
        folder = self.folder.id if self.folder else None

        def work() -> tuple[Headline, bool, int | None]:
            return insight.headline(folder), insight.dump_loaded(), folder

        in_thread(self, work, self._show_headline, what="Reading the figures", group="insight-head")

    def _show_headline(self, read: tuple[Headline, bool, int | None]) -> None:
        head, loaded, folder = read
        if folder != (self.folder.id if self.folder else None):
            return  # the folder changed meanwhile: its own read is on its way
        self.headline, self.dump_loaded = head, loaded
        self.query_one("#insight-headline", Static).update(headline_text(head))
        if head.records == 0:
            self.query_one("#insight-title", Static).update("")
            self._empty(NO_RECORDS + ("" if loaded else "\n\n" + NO_DUMP))
        elif self._showing_bars() and self.key in self.charts:
            self.query_one("#insight-title", Static).update(self._title(self.charts[self.key]))

    def _show(self, reading: Reading) -> None:
        self.charts[reading.key] = reading.chart
        if self.headline is None:  # once the chart is painted: its frame first
            self.call_after_refresh(self._read_headline)
        if reading.key != self.key:
            return  # another chart was asked for meanwhile: its own read shows it
        self.query_one("#insight-keys", Static).update(keys_line(self.key.by))
        switcher = self.query_one(ContentSwitcher)
        bars = self.query_one(BarChart)
        chart = reading.chart
        if switcher.current == "insight-records" and chart.bars:
            bars.set_chart(chart, bars.cursor)  # new data while records are listed: stay there
            return
        if self.headline is not None and self.headline.records == 0:
            self.query_one("#insight-title", Static).update("")
            self._empty(NO_RECORDS + ("" if self.dump_loaded else "\n\n" + NO_DUMP))
            return
        self.query_one("#insight-title", Static).update(self._title(chart))
        if not chart.bars:
            self._empty(EMPTY_CHART.get(chart.by, "Nothing to chart here yet."))
            return
        bars.can_drill = self.key.by == "genre"
        bars.set_chart(chart, self._cursors.get(self.key, 0))
        focused = self.app.focused
        self._switch("insight-bars")
        if focused is None or self in focused.ancestors_with_self:
            bars.focus()

    def _switch(self, shown: str) -> None:
        self.query_one(ContentSwitcher).current = shown
        self.refresh_bindings()

    def _empty(self, message: str) -> None:
        self.query_one("#insight-empty", Static).update(Text(message, style="italic"))
        self._switch("insight-empty")

    def _title(self, chart: Chart) -> Text:
        title = Text(chart.title, style="bold")
        title.append(" · ")
        title.append(self.folder.name if self.folder else "all folders", style="italic")
        hints = {
            "genre": "→ styles within the genre",
            "added": f"a again: per {'year' if self.key.period == 'month' else 'month'}",
            "value": f"v again: {'value by folder' if self.key.valuable else 'most valuable'}",
        }
        if self.key.genre is not None:
            hints["style"] = "← back to the genres"
        hint = hints.get(chart.by)
        if hint:
            title.append(f"   {hint}", style="dim italic")
        note = chart.note
        if chart.by == "value" and not self.key.valuable:
            note = ""  # its note points to the command line; here `v` shows them
        if chart.by == "decade" and not self.dump_loaded and chart.bars:
            note += "; a data dump knows them all (gramtui dump ingest)"
        if note:
            title.append(f"\n{note}", style="dim")
        return title

    # -- keys ----------------------------------------------------------------------------------

    def _go(self, key: ChartKey) -> None:
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "insight-bars":
            self._cursors[self.key] = self.query_one(BarChart).cursor
        elif switcher.current == "insight-records":  # another chart asked for: leave the list
            self._switch("insight-bars")
        self.key = key
        self._read()

    def action_chart(self, by: str) -> None:
        if by == self.key.by == "added":
            self._go(ChartKey("added", period="year" if self.key.period == "month" else "month"))
        elif by == self.key.by == "value":
            self._go(ChartKey("value", valuable=not self.key.valuable))
        else:
            self._go(ChartKey(by))

    def on_bar_chart_drill(self, event: BarChart.Drill) -> None:
        event.stop()
        bar = self.query_one(BarChart).current
        if self.key.by == "genre" and bar is not None:
            self._go(ChartKey("style", genre=bar.key))

    def on_bar_chart_up(self, event: BarChart.Up) -> None:
        event.stop()
        self.action_back()

    def action_back(self) -> None:
        if self.query_one(ContentSwitcher).current == "insight-records":
            self._switch("insight-bars")
            self.records_of = None
            self.query_one("#insight-title", Static).update(self._title(self.charts[self.key]))
            self.query_one(BarChart).focus()
        elif self.key.genre is not None:
            self._go(ChartKey("genre"))

    def _showing_bars(self) -> bool:
        return self.query_one(ContentSwitcher).current == "insight-bars"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers only what applies to what is on screen."""
        if action == "back":
            shown = self.query_one(ContentSwitcher).current
            return shown == "insight-records" or self.key.genre is not None
        return True

    def on_line_list_selected(self, event: LineList.Selected) -> None:
        event.stop()
        if isinstance(event.line_list, BarChart):
            self._list_records()
        elif isinstance(event.line_list, RecordList):
            row = event.line_list.current
            if row is not None:
                self.post_message(ShowRecord(row.instance_id))

    def _list_records(self) -> None:
        bars = self.query_one(BarChart)
        bar, chart = bars.current, bars.chart
        if bar is None or chart is None:
            return
        key, folder = self.key, (self.folder.id if self.folder else None)

        def work() -> CollectionView:
            return insight.records_of_bar(
                chart.by,
                bar.key,
                folder,
                genre=key.genre,
                period=key.period,
                release_id=bar.release_id,
            )

        def done(view: CollectionView) -> None:
            if key != self.key:
                return
            self._cursors[key] = bars.cursor
            self.records_of = bar
            title = Text(f"{count(view.count(), 'record')}: ", style="bold")
            title.append(bar.key, style="bold")
            if bar.amount_cents is not None and bar.release_id is not None:
                title.append(f" · {money(bar.amount_cents, bar.currency)}")
            title.append("   Enter: show it on the Shelves · Esc: back to the chart", style="dim")
            self.query_one("#insight-title", Static).update(title)
            records = self.query_one(RecordList)
            records.set_view(view)
            self._switch("insight-records")
            self._records_header()
            records.focus()

        in_thread(self, work, done, what="Reading the records of the bar", group="insight-records")

    def _records_header(self) -> None:
        width = max(20, self.query_one(RecordList).size.width or self.size.width)
        self.query_one("#insight-records-header", Static).update(
            Text(header_line(width), style="bold")
        )

    def on_resize(self) -> None:
        self._records_header()

    def action_folder(self) -> None:
        current = self.folder.id if self.folder else None

        def pick(folder: Folder | None) -> None:
            if folder is None:
                return
            self.folder = None if folder.id == ALL_FOLDER_ID else folder
            if self.query_one(ContentSwitcher).current == "insight-records":
                self._switch("insight-bars")  # its records were those of the other folder
            self.refresh_data()

        def ask(folders: list[Folder]) -> None:
            self.app.push_screen(InsightFolderScreen(folders, current), pick)

        in_thread(self, insight.folders, ask, what="Reading the folders", group="insight-folders")
