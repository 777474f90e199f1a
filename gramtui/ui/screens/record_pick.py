"""Pick a copy, a release or a master by typing part of its artist, title, label or catalogue
number (or its id): where the app used to ask for an id. Returns the chosen `Found`.

Every keystroke starts a read in a worker after a short pause (the newest one wins); Enter takes
the highlighted match, and a typed id pressed Enter on at once is taken when its match arrives.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from gramtui.engine import record_search
from gramtui.engine.record_search import Found, Kind
from gramtui.ui.background import in_thread
from gramtui.ui.screens.picker import PickerScreen
from gramtui.ui.widgets.safe import OptionList, Static

DEBOUNCE = 0.12  # seconds of no typing before the store is searched
WHAT = {"instance": "record", "release": "release", "master": "master"}


def describe(found: Found, *, tagged: bool = False, width: int | None = None) -> Text:
    """One line: artist — title, then label, cat#, format, year and where it was found (dim),
    cut to `width` cells. Strings from Discogs are appended as plain text, never markup."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if tagged:
        text.append(f"{found.kind:<8}", style="cyan")
    if found.artist:
        text.append(found.artist, style="bold")
        text.append(" — ")
    text.append(found.title or f"{WHAT[found.kind]} {found.id}")
    facts = [found.label, found.catno, found.format, str(found.year or "")]
    details = " · ".join(f for f in facts if f)
    text.append(f"  {details}" if details else "", style="dim")
    text.append(f"  {found.where} · {found.id}" if found.where else f"  {found.id}", style="dim")
    if width is not None:
        text.truncate(width, overflow="ellipsis")
    return text


class RecordPickScreen(PickerScreen[Found]):
    DEFAULT_CSS = """
    RecordPickScreen { align: center middle; }
    RecordPickScreen OptionList { height: auto; max-height: 40vh; }
    """

    def __init__(
        self, kinds: tuple[Kind, ...] = ("instance",), *, title: str = "", query: str = ""
    ) -> None:
        super().__init__()
        self.kinds = kinds
        self.title_text = title or f"Pick a {WHAT[kinds[0]]}"
        self.initial = query
        self._searching = ""  # the query whose read is on its way
        self._take_first = False  # Enter was pressed before the matches came

    def compose(self) -> ComposeResult:
        what = " or ".join(WHAT[k] for k in self.kinds)
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-text")
            yield Input(
                value=self.initial,
                placeholder=f"part of the artist, title, label or cat# — or the {what} id",
                id="record-pick-input",
            )
            yield Static(id="record-pick-count")
            yield OptionList(id="record-pick-list")
            yield Static(
                Text("Type to search · ↑↓ choose · Enter picks · Esc cancels", style="italic dim")
            )

    def on_mount(self) -> None:
        # Inline: the app's stylesheet gives every .dialog 72 columns, and wins over DEFAULT_CSS.
        self.query_one(".dialog").styles.width = 110
        self.query_one(Input).focus()
        self._fill(self.initial)

    def _fill(self, query: str) -> None:
        self._take_first = False
        if not query.strip():
            self._searching = ""
            self._show(query, [])
            return
        self._searching = query
        kinds = self.kinds

        def search() -> list[Found]:
            time.sleep(DEBOUNCE)
            if get_current_worker().is_cancelled:
                return []  # typed on: a newer search replaces this one
            found: list[Found] = []
            for kind in kinds:
                found.extend(record_search.find(kind, query))
            number = int(query) if query.strip().isdigit() else None
            return sorted(found, key=lambda f: f.id != number)

        in_thread(
            self,
            search,
            lambda found: self._show(query, found),
            what="Searching the records",
            group="record-pick",
        )

    def _show(self, query: str, found: list[Found]) -> None:
        if query != self.query_one(Input).value:
            return  # an older read
        self._searching = ""
        self._shown = found
        options = self.query_one(OptionList)
        options.clear_options()
        tagged = len(self.kinds) > 1
        # One line each (an OptionList wraps long prompts): its padding and scrollbar aside.
        width = options.scrollable_content_region.width - 4
        if width < 20:  # not laid out yet: the dialog's width less its frame
            width = max(20, min(110, self.app.size.width * 9 // 10) - 14)
        options.add_options([Option(describe(f, tagged=tagged, width=width)) for f in found])
        if found:
            options.highlighted = 0
        if not query.strip():
            count = "Type words of the artist, title, label or catalogue number, or an id."
        elif not found:
            count = "Nothing matches: fewer words, or another spelling?"
        elif len(found) >= record_search.LIMIT:
            count = f"The first {len(found)} matches (more words narrow)."
        else:
            count = f"{len(found)} match{'es' if len(found) != 1 else ''}."
        self.query_one("#record-pick-count", Static).update(Text(count, style="dim"))
        if self._take_first and found:
            self.dismiss(found[0])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # PickerScreen's handler (which Textual calls after this one) takes the highlighted
        # match; while a read is on its way those are an older query's, so wait for it instead.
        if self._searching:
            self._take_first = True
            event.prevent_default()
