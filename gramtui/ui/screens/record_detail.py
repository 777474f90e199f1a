"""The record detail screen: everything stored about a record (the release as `gramtui release ID`
prints it, the copy, where it stands on the shelves, its listing, its market figures) and the
actions on it, one key each. Enter on a record anywhere it is listed opens it (ui/messages.py:
OpenRecord).

Reads and writes run in workers (ui/background.py). Discogs changes (folder, rating, custom
fields, a listing) are intents on the queue; the screen shows them as queued until they ran.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from gramtui.domain.ladder.plan import FOR_SALE
from gramtui.engine import layouts, record_actions, record_detail, rules, sales
from gramtui.engine.layouts import WidthError
from gramtui.engine.record_detail import FieldValue, RecordDetail
from gramtui.ui.background import in_thread
from gramtui.ui.messages import DataChanged
from gramtui.ui.pane import PaneServices
from gramtui.ui.screens.choice_pick import ChoicePickScreen
from gramtui.ui.screens.text_prompt import TextPromptScreen
from gramtui.ui.widgets.safe import Static

T = TypeVar("T")

QUEUE_POLL = 2.0  # seconds between looks at the queue while a change of the record waits
STARS = ("no rating", "★", "★★", "★★★", "★★★★", "★★★★★")


def _line(text: Text, label: str, value: str, style: str = "") -> None:
    """A "label  value" line; `value` is data from Discogs: appended as plain text."""
    text.append("\n" + (f"{label:<11}" if len(label) < 11 else f"{label} "), style="bold dim")
    text.append(value, style=style)


def release_text(d: RecordDetail) -> Text:
    """The release: the same facts `gramtui release ID` prints."""
    r = d.release
    text = Text()
    text.append(d.artist or "?", style="bold")
    text.append(" — ", style="bold")
    text.append(d.title or f"release {d.release_id}", style="bold")
    ids = f"release {d.release_id}"
    if r is not None and r.master_id:
        first = f", first released {r.master_year}" if r.master_year else ""
        ids += f" · master {r.master_id}{first}"
    _line(text, "ids", ids)
    if r is None:
        if d.facts:
            _line(text, "format", d.facts)
        _line(text, "", "(more after `gramtui dump ingest`)", "dim")
        return text
    when = f"{r.year or '?'}" + (f" · released {r.released}" if r.released else "")
    _line(text, "year", when + (f" · {r.country}" if r.country else ""))
    for lb in r.labels:
        _line(text, "label", f"{lb.name} · {lb.catno}")
    for s in r.series:
        _line(text, "series", s.name + (f" · {s.catno}" if s.catno else ""))
    for f in r.formats:
        head = f"{f.qty}×{f.name}" if f.qty > 1 else f.name
        _line(text, "format", ", ".join([head, *f.descriptions, *([f.text] if f.text else [])]))
    if r.genres:
        _line(text, "genres", ", ".join(r.genres))
    if r.styles:
        _line(text, "styles", ", ".join(r.styles))
    for i in r.identifiers:
        _line(text, i.type, i.value + (f" ({i.description})" if i.description else ""))
    if r.tracks:
        _line(text, "tracks", f"{len(r.tracks)}")
        for t in r.tracks:
            text.append(f"\n  {t.position:<6} ", style="dim")
            text.append(t.title)
            if t.duration:
                text.append(f"  {t.duration}", style="dim")
    elif r.source == "collection":
        _line(text, "", "(from the sync; a releases dump adds tracks and identifiers)", "dim")
    return text


def copy_text(d: RecordDetail) -> Text:
    """The copy, its place on the shelves, its listing, the market and what is queued."""
    text = Text()
    if d.instance_id is None:
        text.append("Not in your collection", style="bold")
        if d.wanted_in:
            _line(text, "wanted in", ", ".join(d.wanted_in))
    else:
        text.append(f"Your copy · instance {d.instance_id}", style="bold")
        _line(text, "folder", d.folder)
        _line(text, "rating", f"{STARS[d.rating]} ({d.rating})" if d.rating else STARS[0])
        width = (
            "from the fields or format" if d.explicit_width is None else f"{d.explicit_width:g} cm"
        )
        _line(text, "size", f"{d.size} · width {width}")
        for f in d.fields:
            _line(text, f.name, f.value or "—", "" if f.value else "dim")
        if d.wanted_in:
            _line(text, "wanted in", ", ".join(d.wanted_in))
        text.append("\n\nOn the shelves", style="bold")
        if not d.places:
            _line(text, "", "in no organisation (its folder is not a source of one)", "dim")
        for p in d.places:
            _line(text, p.organisation, f"{p.where} · {p.on_shelves}")
            if p.right_of:
                _line(text, "", f"right of {p.right_of}", "dim")
            if p.left_of:
                _line(text, "", f"left of {p.left_of}", "dim")
    text.append("\n\nListing", style="bold")
    if not d.listings:
        _line(text, "", "not listed for sale", "dim")
    for x in d.listings:
        grades = " / ".join(g for g in (x.condition, x.sleeve_condition) if g)
        posted = f" · posted {x.posted:%Y-%m-%d}" if x.posted else ""
        _line(
            text,
            x.status,
            f"{x.price} · {grades or 'no condition'} · listing {x.listing_id}{posted}",
        )
    text.append("\n\nMarket", style="bold")
    m = d.market
    if m is None:
        _line(
            text, "", "no figures yet (the sync fetches them for listed and wanted records)", "dim"
        )
    else:
        if m.lowest is not None or m.num_for_sale is not None:
            lowest = f"lowest {m.lowest}" if m.lowest is not None else "no lowest price"
            _line(text, "for sale", f"{m.num_for_sale or 0} · {lowest}")
        if m.suggestions:
            for condition, price in m.suggestions.items():
                _line(text, "suggests", f"{price} for {condition}")
        elif not m.suggestions_available:
            _line(text, "suggests", "no price suggestions (Discogs gives none)", "dim")
        _line(text, "as of", f"{m.fetched_at:%Y-%m-%d %H:%M} UTC", "dim")
    if d.queued:
        text.append("\n\nQueued for Discogs", style="bold")
        for q in d.queued:
            _line(text, "", q, "yellow")
    return text


class RecordDetailScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    RecordDetailScreen { align: center middle; }
    RecordDetailScreen #record-dialog {
        width: 100%; max-width: 140; height: 1fr; max-height: 46;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    RecordDetailScreen #record-body { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("m", "move", "Move"),
        Binding("r", "rating", "Rating"),
        Binding("f", "fields", "Fields"),
        Binding("w", "width", "Width"),
        Binding("z", "size", "Size"),
        Binding("s", "sell", "Sell"),
        Binding("x", "why", "Why?"),
    ]

    def __init__(
        self,
        services: PaneServices,
        *,
        instance_id: int | None = None,
        release_id: int | None = None,
        master_id: int | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.instance_id = instance_id
        self.release_id = release_id
        self.master_id = master_id
        self.detail: RecordDetail | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="record-dialog"):
            with VerticalScroll(id="record-body"):
                yield Static(Text("Reading the record…", style="italic"), id="record-release")
                yield Static(id="record-copy")
        yield Footer()  # this screen's keys, not those of the pane below

    def on_mount(self) -> None:
        self.query_one("#record-body").focus()
        self.refresh_data()
        self.set_interval(QUEUE_POLL, self._poll_queue)

    def _poll_queue(self) -> None:
        """While changes wait on the queue, look (cheaply) whether one ran; then read it all."""
        d = self.detail
        if d is None or not d.queued:
            return
        iid, rid, before = d.instance_id, d.release_id, d.queued
        queue = self.services.engine.queue

        def ran(now: list[str]) -> None:
            if now != before:
                self.refresh_data()

        in_thread(
            self,
            lambda: record_detail.queued(queue, iid, rid),
            ran,
            what="Looking at the queue",
            group="record-queue",
            failed=lambda _sentence: None,  # a busy store: the next look tries again
        )

    def refresh_data(self) -> None:
        engine = self.services.engine
        iid, rid, mid = self.instance_id, self.release_id, self.master_id

        def failed(sentence: str) -> None:
            self.query_one("#record-release", Static).update(Text(sentence, style="bold red"))

        in_thread(
            self,
            lambda: record_detail.read(engine, iid, rid, mid),
            self._show,
            what="Reading the record",
            group="record-read",
            failed=failed,
        )

    def _show(self, detail: RecordDetail) -> None:
        self.detail = detail
        self.instance_id = detail.instance_id
        self.release_id = detail.release_id
        self.query_one("#record-release", Static).update(release_text(detail))
        self.query_one("#record-copy", Static).update(Text("\n").append_text(copy_text(detail)))

    # -- acting --------------------------------------------------------------------------------

    def _copy(self) -> RecordDetail | None:
        """The detail of a copy in the collection, or None after saying why there is none."""
        d = self.detail
        if d is None:
            self.notify("The record is still being read.", severity="warning")
            return None
        if d.instance_id is None:
            self.notify(
                "This release is not in your collection: only a copy you own can be changed.",
                severity="warning",
            )
            return None
        return d

    def _act(
        self, work: Callable[[], T], said: Callable[[T], str], what: str, *changed: str
    ) -> None:
        """Run a change in a worker, say what it did, read the record again."""

        def done(result: T) -> None:
            self.notify(said(result))
            self.post_message(DataChanged(*changed))
            self.refresh_data()

        def failed(sentence: str) -> None:
            self.notify(sentence, severity="error", timeout=10)

        in_thread(self, work, done, what=what, group="record-act", exclusive=False, failed=failed)

    def action_move(self) -> None:
        d = self._copy()
        if d is None:
            return
        engine, iid = self.services.engine, d.instance_id
        assert iid is not None
        choices = [(name, name) for name in d.folders if name != d.folder]

        def picked(folder: str | None) -> None:
            if folder is not None:
                self._act(
                    lambda: record_actions.move_to_folder(engine, iid, folder),
                    lambda q: f"Queued: {q}. Follow it in the Queue pane (5).",
                    "Moving the record",
                    "collection",
                )

        self.app.push_screen(
            ChoicePickScreen(f"Move to which folder? (now in {d.folder})", choices), picked
        )

    def action_rating(self) -> None:
        d = self._copy()
        if d is None:
            return
        engine, iid = self.services.engine, d.instance_id
        assert iid is not None
        choices = [(str(n), f"{n}  {STARS[n]}") for n in range(6)]

        def picked(value: str | None) -> None:
            if value is not None:
                self._act(
                    lambda: record_actions.set_rating(engine, iid, int(value)),
                    lambda q: f"Queued: {q}.",
                    "Setting the rating",
                    "collection",
                )

        self.app.push_screen(ChoicePickScreen("Rating", choices, current=str(d.rating)), picked)

    def action_fields(self) -> None:
        d = self._copy()
        if d is None:
            return
        if not d.fields:
            self.notify(
                "Your collection has no custom fields: add them on Discogs (Collection → "
                "Settings), then sync.",
                severity="warning",
            )
            return
        if len(d.fields) == 1:
            self._edit_field(d, d.fields[0])
            return
        by_name = {f.name: f for f in d.fields}
        choices = [(f.name, f"{f.name}: {f.value or '—'}") for f in d.fields]

        def picked(name: str | None) -> None:
            if name is not None:
                self._edit_field(d, by_name[name])

        self.app.push_screen(ChoicePickScreen("Edit which field?", choices), picked)

    def _edit_field(self, d: RecordDetail, spec: FieldValue) -> None:
        engine, iid = self.services.engine, d.instance_id
        assert iid is not None

        def chosen(value: str | None) -> None:
            if value is not None:
                self._act(
                    lambda: record_actions.set_field(engine, iid, spec.name, value),
                    lambda q: f"Queued: {q}.",
                    "Setting the field",
                    "collection",
                )

        title = Text(f"{spec.name} of ", style="bold")
        title.append(f"{d.artist} — {d.title}", style="bold")
        if spec.type == "dropdown" and spec.options:
            choices = [("", "(empty)"), *((o, o) for o in spec.options)]
            self.app.push_screen(ChoicePickScreen(title.plain, choices, current=spec.value), chosen)
            return
        self.app.push_screen(
            TextPromptScreen(title, "An empty value clears the field.", value=spec.value), chosen
        )

    def action_width(self) -> None:
        d = self._copy()
        if d is None:
            return
        iid = d.instance_id
        assert iid is not None

        def check(value: str) -> str | None:
            try:
                layouts.parse_width(value)
            except WidthError as e:
                return str(e)
            return None

        def typed(value: str | None) -> None:
            if value is not None:
                self._act(
                    lambda: record_actions.set_width(iid, value),
                    lambda w: (
                        "Width back to the field and the format."
                        if w is None
                        else f"Width set to {w:g} cm."
                    ),
                    "Setting the width",
                    "collection",
                )

        title = Text("Width of ", style="bold")
        title.append(f"{d.artist} — {d.title}", style="bold")
        now = (
            "from the fields or format" if d.explicit_width is None else f"{d.explicit_width:g} cm"
        )
        self.app.push_screen(
            TextPromptScreen(
                title,
                f"Now {now}. Type centimetres, or auto to give it back to the field and the format.",
                value="" if d.explicit_width is None else f"{d.explicit_width:g}",
                placeholder="cm, e.g. 0.8 — or auto",
                check=check,
            ),
            typed,
        )

    def action_size(self) -> None:
        d = self._copy()
        if d is None:
            return
        engine, iid = self.services.engine, d.instance_id
        assert iid is not None
        size = "regular" if d.size == "oversized" else "oversized"
        self._act(
            lambda: record_actions.set_size(engine, iid, size),
            lambda _: (
                f"Now {size}: the layouts put it {'with the oversized' if size == 'oversized' else 'on the shelves'}."
            ),
            "Setting the size",
            "collection",
        )

    def action_sell(self) -> None:
        from gramtui.ui.screens.sales_list import SalesListScreen, SellRequest

        d = self._copy()
        if d is None:
            return
        if any(x.status == FOR_SALE for x in d.listings):
            self.notify("This copy is listed for sale already: see the Sales pane (3).")
            return
        engine, iid = self.services.engine, d.instance_id
        assert iid is not None

        def hint(instance_id: int, condition: str) -> sales.StartPrice:
            return sales.start_price_for(engine, instance_id, condition, fetch=True)

        def done(request: SellRequest | None) -> None:
            if request is None:
                return
            self._act(
                lambda: sales.list_for_sale(
                    engine, request.instance_id, request.condition, request.sleeve_condition,
                    request.price,
                ),
                lambda price: f"Queued: listed at {price}. Follow it in the Queue pane (5).",
                "Listing the record",
                "sales",
            )  # fmt: skip

        currency = sales.settings(engine).currency
        self.app.push_screen(SalesListScreen(hint, currency, instance_id=iid), done)

    def action_why(self) -> None:
        from gramtui.ui.screens.rules_explain import RulesExplainScreen

        d = self._copy()
        if d is None:
            return
        engine, iid = self.services.engine, d.instance_id
        assert iid is not None

        def show(found: rules.Explanation) -> None:
            what = f"classified {found.label}" if found.label else "left unclassified"
            self.app.push_screen(RulesExplainScreen(f"Why is record {iid} {what}?", found.lines))

        in_thread(
            self, lambda: rules.explain(engine, iid), show, what="Explaining", group="record-why"
        )

    def action_close(self) -> None:
        self.dismiss(None)
