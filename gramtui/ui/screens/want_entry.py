"""The small forms of the Wants pane: a new entry (release or master, format filter; typed as an
id, or found by searching Discogs), and a list's settings (name, mode, spread dates). Both check
what was typed before closing."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select
from textual.widgets.option_list import Option

from gramtui.domain.wants import WANT_MODES, WantList, WantMode, WantsError
from gramtui.engine.discogs_search import SearchHit, describe_hit
from gramtui.ui.background import in_thread
from gramtui.ui.screens.form import FormScreen
from gramtui.ui.widgets.safe import OptionList, Static

# What the dialog asks Discogs when the user typed words instead of an id (runs in a worker).
SearchDiscogs = Callable[[str], list[SearchHit]]

# "249504", "r249504", "m4242", or a Discogs address such as .../master/4242-Some-Title
_ID = re.compile(r"^(?:(?P<kind>[rm])\s*)?(?P<id>\d+)$", re.IGNORECASE)
_URL = re.compile(r"/(?P<kind>release|master)/(?P<id>\d+)", re.IGNORECASE)

MODE_LABELS: dict[str, str] = {
    "one_by_one": "one-by-one: only the first unfulfilled entry is live",
    "en_masse": "en masse: every entry is live (within the cap)",
    "spread": "spread: more entries go live as the date range passes",
}


@dataclass(frozen=True, slots=True)
class EntryRequest:
    release_id: int | None
    master_id: int | None
    format_filter: str | None


@dataclass(frozen=True, slots=True)
class ListRequest:
    name: str
    mode: WantMode
    spread_start: date | None
    spread_end: date | None


def parse_want_id(text: str) -> tuple[int | None, int | None]:
    """(release id, master id) from what the user typed; ValueError saying what to type."""
    text = text.strip()
    if (url := _URL.search(text)) is not None:
        number = int(url.group("id"))
        return (number, None) if url.group("kind").lower() == "release" else (None, number)
    if (plain := _ID.match(text)) is not None and int(plain.group("id")) > 0:
        number = int(plain.group("id"))
        return (None, number) if (plain.group("kind") or "r").lower() == "m" else (number, None)
    raise ValueError(
        "Type a release id (249504), m and a master id (m4242), or paste a Discogs address."
    )


class WantEntryScreen(FormScreen[EntryRequest]):
    """Add to a list: a release, or a master with an optional format filter. An id, m + an id or
    a Discogs address is taken as it is; words (artist, title, label, cat#) or a barcode search
    Discogs, and the user picks from what it found."""

    DEFAULT_CSS = """
    WantEntryScreen { align: center middle; }
    WantEntryScreen #want-hits { height: auto; max-height: 12; display: none; }
    WantEntryScreen #want-hits.found { display: block; }
    """
    BINDINGS = [Binding("m", "add_master", "Add its master", show=False)]
    SUBMIT = "add"

    def __init__(self, list_name: str, search: SearchDiscogs | None = None) -> None:
        super().__init__()
        self.list_name = list_name
        self.search = search
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = Text("Add to ", style="bold")
            title.append(self.list_name, style="bold")
            yield Static(title, classes="dialog-text")
            searchable = "Id (249504, m4242, an address) or words to search Discogs"
            yield Label(searchable if self.search else "Release id, m + master id, or an address")
            yield Input(placeholder="249504   or   m4242   or   fall witch trials", id="want-id")
            yield OptionList(id="want-hits")
            yield Label("Format filter (masters only: any pressing with this format)")
            yield Input(placeholder='Vinyl, LP, CD, 12" … (optional)', id="want-format")
            yield Static("", id="want-message", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="add", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#want-id", Input).focus()

    def _say(self, text: str, style: str = "bold red") -> None:
        self.query_one("#want-message", Static).update(Text(text, style=style))

    def _typed(self) -> str:
        return self.query_one("#want-id", Input).value

    def input_submitted(self, event: Input.Submitted) -> None:
        # Enter on words searches Discogs at once: the format filter is for after the choice.
        if event.input.id == "want-id" and self.search is not None and not _is_id(self._typed()):
            self._search(self._typed())
            return
        super().input_submitted(event)

    def submit(self) -> None:
        try:
            release_id, master_id = parse_want_id(self._typed())
        except ValueError as e:
            if self.search is not None and self._typed().strip():
                self._search(self._typed())
                return
            self._say(str(e))
            self.query_one("#want-id", Input).focus()
            return
        self._add(release_id, master_id)

    def _add(self, release_id: int | None, master_id: int | None) -> None:
        format_filter = self.query_one("#want-format", Input).value.strip() or None
        if release_id is not None and format_filter is not None:
            self._say(
                "A format filter applies to a master only: type m and the master id (or press "
                "m on a search result), or clear the filter."
            )
            return
        self.dismiss(EntryRequest(release_id, master_id, format_filter))

    # -- searching Discogs ---------------------------------------------------------------------

    def _search(self, text: str) -> None:
        search = self.search
        assert search is not None
        self._say(f"Searching Discogs for {' '.join(text.split())!r}…", style="italic")
        in_thread(
            self,
            lambda: search(text),
            self._found,
            what="Searching Discogs",
            group="want-search",
            failed=self._say,
        )

    def _found(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        options = self.query_one("#want-hits", OptionList)
        options.clear_options()
        options.add_options([Option(Text(describe_hit(h))) for h in hits])
        options.set_class(bool(hits), "found")
        if not hits:
            self._say("Discogs found nothing: try fewer or other words, a cat# or a barcode.")
            return
        options.highlighted = 0
        options.focus()
        self._say(
            f"{len(hits)} found: Enter adds the release, m adds its master (any pressing, with "
            "the format filter).",
            style="",
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits[event.option_index]
        if hit.kind == "master":
            self._add(None, hit.master_id)
        else:
            self._add(hit.release_id, None)

    def action_add_master(self) -> None:
        options = self.query_one("#want-hits", OptionList)
        if self.focused is not options or options.highlighted is None:
            return
        hit = self.hits[options.highlighted]
        if hit.master_id is None:
            self._say(f"{hit.name} belongs to no master on Discogs: Enter adds the release.")
            return
        self._add(None, hit.master_id)


def _is_id(text: str) -> bool:
    try:
        parse_want_id(text)
    except ValueError:
        return False
    return True


class WantListScreen(FormScreen[ListRequest]):
    """A new list, or an existing list's name, mode and spread range."""

    DEFAULT_CSS = """
    WantListScreen { align: center middle; }
    WantListScreen .dialog-dates { height: auto; }
    WantListScreen .dialog-dates Input { width: 1fr; }
    """
    SUBMIT = "save"

    def __init__(
        self,
        existing: WantList | None = None,
        *,
        mode: WantMode | None = None,
        taken: Collection[str] = (),
    ) -> None:
        super().__init__()
        self.existing = existing
        self.taken = frozenset(taken)  # the other lists' names
        self.mode: WantMode = mode or (existing.mode if existing else "one_by_one")

    def compose(self) -> ComposeResult:
        existing = self.existing
        with Vertical(classes="dialog"):
            title = "New want list" if existing is None else "Want list settings"
            yield Static(Text(title, style="bold"), classes="dialog-text")
            yield Label("Name")
            yield Input(value=existing.name if existing else "", id="list-name")
            yield Label("Mode")
            yield Select(
                [(MODE_LABELS[m], m) for m in WANT_MODES],
                value=self.mode,
                allow_blank=False,
                id="list-mode",
            )
            yield Label("Spread from and to (YYYY-MM-DD; spread mode only)")
            with Horizontal(classes="dialog-dates"):
                yield Input(
                    value=_iso(existing.spread_start if existing else None),
                    placeholder="2026-03-01",
                    id="list-from",
                )
                yield Input(
                    value=_iso(existing.spread_end if existing else None),
                    placeholder="2026-05-31",
                    id="list-to",
                )
            yield Static("", id="list-message", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        target = "#list-from" if self.mode == "spread" and self.existing else "#list-name"
        self.query_one(target, Input).focus()

    def input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        message = self.query_one("#list-message", Static)
        name = self.query_one("#list-name", Input).value.strip()
        mode = self.query_one("#list-mode", Select).value
        try:
            start = _date(self.query_one("#list-from", Input).value, "from")
            end = _date(self.query_one("#list-to", Input).value, "to")
        except ValueError as e:
            message.update(Text(str(e), style="bold red"))
            return
        if not name:
            message.update(Text("Give the list a name.", style="bold red"))
            return
        if mode == "spread" and (start is None or end is None):
            message.update(
                Text(
                    "A spread list needs both dates: when it starts and when everything is live.",
                    style="bold red",
                )
            )
            return
        # What the list itself would refuse (an end before the start...) is said here, with
        # the typing kept, not after the dialog closed.
        try:
            WantList(name=name, mode=mode, spread_start=start, spread_end=end)  # type: ignore[arg-type]
        except WantsError as e:
            message.update(Text(str(e), style="bold red"))
            return
        if name in self.taken and (self.existing is None or name != self.existing.name):
            message.update(
                Text(
                    f"A want list named {name!r} exists already; choose another name.",
                    style="bold red",
                )
            )
            self.query_one("#list-name", Input).focus()
            return
        self.dismiss(ListRequest(name, mode, start, end))  # type: ignore[arg-type]


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _date(text: str, which: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"The {which} date {text!r} is not a date; write it as YYYY-MM-DD."
        ) from None
