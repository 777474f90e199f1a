"""The Wants pane: want lists and their entries in order, what is live on Discogs now and why,
the market for live wants, Discogs wants no list manages (adopt them), and wants removed by hand
(want them again). Every edit runs a reconcile pass in a thread worker; with automation off the
pass changes nothing on Discogs and the summary line says what it would do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets.option_list import Option

from gramtui.domain.wants import WANT_MODES, WantEntry, WantList, WantMode, WantsError
from gramtui.domain.words import count
from gramtui.engine import wants
from gramtui.engine.context import Engine
from gramtui.engine.discogs_search import search
from gramtui.engine.wants import WantsOverview
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.want_entry import (
    EntryRequest,
    ListRequest,
    WantEntryScreen,
    WantListScreen,
)
from gramtui.ui.widgets.columns import flexible_width
from gramtui.ui.widgets.safe import DataTable, OptionList, Static

UNMANAGED = "unmanaged"
MODE_NAMES = {"one_by_one": "one-by-one", "en_masse": "en masse", "spread": "spread"}
STATE_STYLES = {
    "live": "bold green",
    "pending": "",
    "arrived": "cyan",
    "done": "dim",
    "retired": "dim",
    "removed_on_discogs": "bold yellow",
}
STATE_NAMES = {"removed_on_discogs": "removed by hand"}
# Fixed columns of the entries table; Want and Why share what is left of its width.
NUMBER_WIDTH, STATE_WIDTH, MARKET_WIDTH = 3, 15, 22
WANT_SHARE = 0.45  # the reasons are the longer texts
WANT_MIN = 24  # "release 31337 · Sun Ra…": the id and the start of a name
NARROW_TABLE = 100


class WantsPane(Vertical):
    DEFAULT_CSS = """
    WantsPane #wants-summary { height: auto; padding: 0 1; background: $boost; }
    WantsPane #wants-body { height: 1fr; }
    WantsPane #wants-lists { width: 30; height: 1fr; border: round $primary-darken-1; }
    WantsPane #wants-entries { width: 1fr; height: 1fr; }
    """
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("d,delete", "remove", "Remove"),
        Binding("K,shift+up", "move('up')", "Up", show=False),  # in help: the footer is short
        Binding("J,shift+down", "move('down')", "Down", show=False),
        Binding("m", "cycle_mode", "Mode"),
        Binding("p", "toggle_pause", "Pause"),
        Binding("w", "want_again", "Want again"),
        Binding("o", "adopt", "Adopt"),
        Binding("x", "retire", "Retire"),
        Binding("n", "new_list", "New list"),
        Binding("e", "edit_list", "Edit list"),
        Binding("D", "delete_list", "Delete list", show=False),
    ]

    def focus_main(self) -> None:
        """The widget the app focuses when this pane is shown."""
        self.query_one("#wants-lists").focus()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.data: WantsOverview | None = None
        self.current: str | None = None  # the list shown, or UNMANAGED
        self.adopt_into: str | None = None  # the last list shown: where `o` adopts to
        self._row_keys: list[str] = []  # entry ids (or release ids when unmanaged), table order
        self._list_keys: list[str] = []  # list names (and UNMANAGED), option order

    def compose(self) -> ComposeResult:
        yield Static(id="wants-summary")
        with Horizontal(id="wants-body"):
            yield OptionList(id="wants-lists")
            table: DataTable[Text] = DataTable(id="wants-entries", cursor_type="row")
            yield table
        yield Static(id="wants-detail", classes="detail")

    @property
    def engine(self) -> Engine:
        return self.app.session.engine  # type: ignore[attr-defined,no-any-return]

    # -- showing -------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Read everything again (the app calls this after syncs and passes)."""
        self.data = wants.overview(self.engine)
        names = [w.name for w in self.data.lists]
        if self.current not in (*names, UNMANAGED):
            self.current = names[0] if names else (UNMANAGED if self.data.unmanaged else None)
        if self.current != UNMANAGED:
            self.adopt_into = self.current
        self._fill_lists()
        self._fill_summary()
        self._fill_entries()

    def _fill_summary(self) -> None:
        data = self.data
        assert data is not None
        line = Text()
        live = len(data.desired.releases)
        if data.automation:
            line.append("Automation on ", style="bold green")
        else:
            line.append("Automation off ", style="bold yellow")
        line.append(f" · {live} of at most {data.cap} live")
        add, remove = len(data.plan.add), len(data.plan.remove)
        if add or remove:
            verb = "next pass adds" if data.automation else "would add"
            line.append(f" · {verb} {add}, removes {remove}")
            if not data.automation:
                line.append(" (set [automation] wants = true to let it)", style="italic")
        else:
            line.append(" · the Discogs wantlist matches the lists")
        if data.unmanaged:
            line.append(f" · {len(data.unmanaged)} unmanaged")
        self.query_one("#wants-summary", Static).update(line)

    def _fill_lists(self) -> None:
        data = self.data
        assert data is not None
        options = self.query_one("#wants-lists", OptionList)
        ids: list[str] = []
        prompts: list[Option] = []
        for index, want_list in enumerate(data.lists):
            prompt = Text(want_list.name, style="bold")
            live = sum(1 for e in want_list.entries if e.state == "live")
            prompt.append(f"\n{MODE_NAMES[want_list.mode]}", style="dim")
            if want_list.paused:
                prompt.append(" · paused", style="yellow")
            prompt.append(
                f"\n{count(len(want_list.entries), 'entry', 'entries')} · {live} live", style="dim"
            )
            prompts.append(Option(prompt, id=f"list-{index}"))
            ids.append(want_list.name)
        if data.unmanaged:
            prompt = Text(f"Unmanaged on Discogs ({len(data.unmanaged)})", style="italic")
            prompt.append("\nin no list: left alone", style="dim")
            prompts.append(Option(prompt, id=UNMANAGED))
            ids.append(UNMANAGED)
        self._list_keys = ids
        with options.prevent(OptionList.OptionHighlighted):
            options.clear_options()
            options.add_options(prompts)
            if self.current in ids:
                options.highlighted = ids.index(self.current)

    def _fill_entries(self) -> None:
        data = self.data
        assert data is not None
        table = self.query_one("#wants-entries", DataTable)
        row_before = table.cursor_row
        key_before = self._row_keys[row_before] if 0 <= row_before < len(self._row_keys) else None
        table.clear(columns=True)
        want_width, why_width = self._flexible_widths()
        table.add_column("#", width=NUMBER_WIDTH)
        table.add_column("Want", width=want_width)
        table.add_column("State", width=STATE_WIDTH)
        if not self.narrow:
            table.add_column("Lowest · for sale", width=MARKET_WIDTH)
            table.add_column("Why", width=why_width)

        def add(number: str, want: Text, state: Text, market: Text, why: Text) -> None:
            if self.narrow:  # the detail below says the market and why
                table.add_row(Text(number), _fit(want, want_width), state)
                return
            table.add_row(
                Text(number),
                _fit(want, want_width),
                state,
                _fit(market, MARKET_WIDTH),
                _fit(why, why_width),
            )

        self._row_keys = []
        if self.current == UNMANAGED:
            for want in data.unmanaged:
                add(
                    "",
                    self._release_text(want.release_id),
                    Text("unmanaged", style="dim"),
                    self._market(want.release_id),
                    Text("on Discogs, in no list: left alone"),
                )
                self._row_keys.append(str(want.release_id))
        elif self.current is not None:
            want_list = self._list(self.current)
            for entry in want_list.entries:
                add(
                    str(entry.position),
                    self._want_text(entry),
                    self._state_text(entry),
                    self._entry_market(entry),
                    self._why(want_list, entry),
                )
                self._row_keys.append(entry.entry_id)
        if key_before in self._row_keys:
            table.move_cursor(row=self._row_keys.index(key_before))
        self._show_detail()

    @property
    def narrow(self) -> bool:
        """Below 100 columns the table keeps #, Want and State; the detail says the rest."""
        table = self.query_one("#wants-entries", DataTable)
        return (table.size.width or max(0, self.size.width - 32)) < NARROW_TABLE

    def _flexible_widths(self) -> tuple[int, int]:
        """Widths of the Want and Why columns: the table's width less the fixed columns."""
        table = self.query_one("#wants-entries", DataTable)
        width = table.size.width or max(0, self.size.width - 32)
        if self.narrow:
            return flexible_width(width, (NUMBER_WIDTH, STATE_WIDTH), 12), 0
        # Each column is padded by one cell each side; one more for the vertical scrollbar.
        free = max(40, width - NUMBER_WIDTH - STATE_WIDTH - MARKET_WIDTH - 2 * 5 - 2)
        want = max(WANT_MIN, int(free * WANT_SHARE))
        return want, free - want

    def on_resize(self) -> None:
        if self.data is not None:
            self._fill_entries()

    def _release_text(self, release_id: int) -> Text:
        assert self.data is not None
        text = Text(f"release {release_id}")
        title = self.data.titles.get(release_id)
        if title:
            text.append(" · ")
            text.append(title)
        return text

    def _want_text(self, entry: WantEntry) -> Text:
        assert self.data is not None
        if entry.release_id is not None:
            return self._release_text(entry.release_id)
        assert entry.master_id is not None
        text = Text(f"master {entry.master_id}")
        if entry.format_filter:
            text.append(f" ({entry.format_filter})")
        title = self.data.master_titles.get(entry.master_id)
        if title:
            text.append(" · ")
            text.append(title)
        return text

    def _state_text(self, entry: WantEntry) -> Text:
        return Text(STATE_NAMES.get(entry.state, entry.state), style=STATE_STYLES[entry.state])

    def _release_of(self, entry: WantEntry) -> int | None:
        assert self.data is not None
        if entry.release_id is not None:
            return entry.release_id
        return self.data.master_release.get(entry.master_id or 0)

    def _why(self, want_list: WantList, entry: WantEntry) -> Text:
        data = self.data
        assert data is not None
        release = self._release_of(entry)
        if release is not None and release in data.failed and entry.unfulfilled:
            return Text(
                f"last change failed: {data.failed[release]} (Queue pane: retry or drop)",
                style="red",
            )
        held = data.desired.held_back.get((want_list.name, entry.entry_id))
        if held is not None:
            return Text(held, style="yellow" if entry.state == "removed_on_discogs" else "")
        if entry.unfulfilled and release is not None and release in data.desired.releases:
            why = data.desired.releases[release]
            if entry.state == "pending":
                why += " · going live" if data.automation else " · would go live"
            return Text(why)
        if entry.state == "arrived":
            return Text(f"in the collection since {entry.changed_at:%Y-%m-%d}", style="cyan")
        if entry.state in ("done", "retired"):
            return Text(f"{entry.state} on {entry.changed_at:%Y-%m-%d}", style="dim")
        return Text("")

    def _entry_market(self, entry: WantEntry) -> Text:
        if entry.state != "live":
            return Text("")
        release = self._release_of(entry)
        return self._market(release) if release is not None else Text("")

    def _market(self, release_id: int) -> Text:
        assert self.data is not None
        line = self.data.market.get(release_id)
        if line is None:
            return Text("")
        parts = []
        if line.lowest is not None:
            parts.append(str(line.lowest))
        if line.refused:
            parts.append(line.refused)
        if line.num_for_sale is not None:
            parts.append(f"{line.num_for_sale} for sale")
        return Text(" · ".join(parts))

    def _show_detail(self) -> None:
        detail = self.query_one("#wants-detail", Static)
        data = self.data
        if data is None or self.current is None:
            detail.update(
                Text("No want lists yet: press n to make one, then a to add to it.", style="italic")
            )
            return
        if self.current == UNMANAGED:
            detail.update(
                Text(
                    "Wants on your Discogs wantlist that no list manages. gramtui never touches "
                    f"them. o adopts the highlighted one into {self.adopt_into or 'a list'}, whose "
                    "mode then decides whether it stays live.",
                    style="italic",
                )
            )
            return
        want_list = self._list(self.current)
        entry = self._selected_entry()
        text = Text()
        text.append(want_list.name, style="bold")
        text.append(f" · {MODE_NAMES[want_list.mode]}")
        if want_list.mode == "spread":
            text.append(f" {want_list.spread_start} → {want_list.spread_end}")
        if want_list.paused:
            text.append(" · paused: nothing in it is live", style="yellow")
        if entry is None:
            text.append("\nEmpty: press a to add a release or a master.", style="italic")
        else:
            text.append(f"\n{entry.entry_id}: ")
            text.append(
                " → ".join(
                    f"{STATE_NAMES.get(state, state)} {at:%Y-%m-%d %H:%M}"
                    for state, at in entry.history
                )
            )
            market = self._entry_market(entry)
            if self.narrow and market.plain:  # no market column in a narrow table
                text.append(" · lowest ")
                text.append(market)
            why = self._why(want_list, entry)
            if why.plain:
                text.append("\n")
                text.append(why)
            if entry.state == "removed_on_discogs":
                text.append(" · w wants it again", style="yellow")
        detail.update(text)

    # -- selection -------------------------------------------------------------------------------

    def _list(self, name: str) -> WantList:
        assert self.data is not None
        return next(w for w in self.data.lists if w.name == name)

    def _selected_list(self) -> WantList | None:
        if self.current in (None, UNMANAGED):
            return None
        return self._list(self.current)  # type: ignore[arg-type]

    def _selected_entry(self) -> WantEntry | None:
        want_list = self._selected_list()
        table = self.query_one("#wants-entries", DataTable)
        if want_list is None or not 0 <= table.cursor_row < len(self._row_keys):
            return None
        return want_list.entry(self._row_keys[table.cursor_row])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if not 0 <= index < len(self._list_keys):
            return
        self.current = self._list_keys[index]
        if self.current != UNMANAGED:
            self.adopt_into = self.current
        self.query_one("#wants-entries", DataTable).move_cursor(row=0)
        self._fill_entries()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#wants-entries", DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    # -- editing ---------------------------------------------------------------------------------

    def _edit(self, done: str) -> None:
        """After an edit: show it, say it, and reconcile in a thread worker."""
        self.refresh_data()
        self.app.notify(done)
        self.run_worker(self._reconcile, thread=True, exclusive=True, group="wants-pass")

    def _reconcile(self) -> None:
        wants.run_pass(self.engine)
        self.app.call_from_thread(self.refresh_data)

    def _try(self, action: str, call: Callable[[], object]) -> bool:
        """Run a service call; a refusal becomes a notification instead of a crash."""
        try:
            call()
        except WantsError as e:
            self.app.notify(str(e), title=f"Cannot {action}", severity="error")
            return False
        return True

    def _need_list(self) -> WantList | None:
        want_list = self._selected_list()
        if want_list is None:
            self.app.notify("Choose a want list first (n makes one).", severity="warning")
        return want_list

    def _need_entry(self) -> tuple[WantList, WantEntry] | None:
        want_list = self._need_list()
        entry = self._selected_entry() if want_list else None
        if want_list is None or entry is None:
            if want_list is not None:
                self.app.notify("Choose an entry in the list first.", severity="warning")
            return None
        return want_list, entry

    def action_add(self) -> None:
        want_list = self._need_list()
        if want_list is None:
            return
        name = want_list.name

        def added(request: EntryRequest | None) -> None:
            if request is None:
                return
            if self._try(
                "add",
                lambda: wants.add_entry(
                    self.engine,
                    name,
                    release_id=request.release_id,
                    master_id=request.master_id,
                    format_filter=request.format_filter,
                ),
            ):
                self._edit(f"Added to {name}.")

        engine = self.engine  # the dialog's search runs in its worker, through the limiter
        self.app.push_screen(WantEntryScreen(name, lambda text: search(engine, text)), added)

    def action_remove(self) -> None:
        chosen = self._need_entry()
        if chosen is None:
            return
        want_list, entry = chosen

        def confirmed(ok: bool | None) -> None:
            if ok and self._try(
                "remove", lambda: wants.remove_entry(self.engine, want_list.name, entry.entry_id)
            ):
                self._edit(f"Removed {entry.entry_id} from {want_list.name}.")

        self.app.push_screen(
            ConfirmScreen(
                f"Remove {entry.entry_id} from {want_list.name!r}? The list stops managing it: a want "
                "of it on your Discogs wantlist stays there as your own (x retires it instead, "
                "which takes it off Discogs)."
            ),
            confirmed,
        )

    def action_move(self, direction: Literal["up", "down"]) -> None:
        chosen = self._need_entry()
        if chosen is None:
            return
        want_list, entry = chosen
        if self._try(
            "move", lambda: wants.move_entry(self.engine, want_list.name, entry.entry_id, direction)
        ):
            self._edit(f"Moved {entry.entry_id} {direction}.")
            table = self.query_one("#wants-entries", DataTable)
            table.move_cursor(row=self._row_keys.index(entry.entry_id))

    def action_cycle_mode(self) -> None:
        want_list = self._need_list()
        if want_list is None:
            return
        mode = cast(WantMode, WANT_MODES[(WANT_MODES.index(want_list.mode) + 1) % len(WANT_MODES)])
        if mode == "spread" and (want_list.spread_start is None or want_list.spread_end is None):
            self.app.push_screen(
                WantListScreen(want_list, mode="spread", taken=self._names()),
                lambda r: self._apply_settings(want_list, r),
            )
            return
        if self._try("switch mode", lambda: wants.set_mode(self.engine, want_list.name, mode)):
            self._edit(f"{want_list.name} is now {MODE_NAMES[mode]}.")

    def action_toggle_pause(self) -> None:
        want_list = self._need_list()
        if want_list is None:
            return
        paused = not want_list.paused
        if self._try("pause", lambda: wants.set_paused(self.engine, want_list.name, paused)):
            automated = self.data is not None and self.data.automation
            if paused:
                state = (
                    "paused: its wants come off Discogs at the next pass"
                    if automated
                    else "paused: its wants stay on Discogs until [automation] wants = true"
                )
            else:
                state = "resumed" if automated else "resumed (held until [automation] wants = true)"
            self._edit(f"{want_list.name} {state}.")

    def action_want_again(self) -> None:
        chosen = self._need_entry()
        if chosen is None:
            return
        want_list, entry = chosen
        if entry.unfulfilled:
            self.app.notify(f"{entry.entry_id} is still wanted.", severity="warning")
            return
        if self._try(
            "want again", lambda: wants.restore_entry(self.engine, want_list.name, entry.entry_id)
        ):
            self._edit(f"{entry.entry_id} is wanted again.")

    def action_retire(self) -> None:
        chosen = self._need_entry()
        if chosen is None:
            return
        want_list, entry = chosen
        if self._try(
            "retire", lambda: wants.retire_entry(self.engine, want_list.name, entry.entry_id)
        ):
            self._edit(f"{entry.entry_id} retired: its want comes off Discogs.")

    def action_adopt(self) -> None:
        table = self.query_one("#wants-entries", DataTable)
        if self.current != UNMANAGED or not 0 <= table.cursor_row < len(self._row_keys):
            self.app.notify(
                "Open 'Unmanaged on Discogs' and choose a want to adopt.", severity="warning"
            )
            return
        target = self.adopt_into
        if target is None:
            self.app.notify(
                "Make a want list first (n): wants are adopted into one.", severity="warning"
            )
            return
        release_id = int(self._row_keys[table.cursor_row])

        def confirmed(ok: bool | None) -> None:
            if ok and self._try("adopt", lambda: wants.adopt(self.engine, target, [release_id])):
                self._edit(f"Release {release_id} adopted into {target}.")

        self.app.push_screen(
            ConfirmScreen(
                f"Adopt release {release_id} into {target!r}? It joins the end of the list, and the "
                "list's mode then decides whether it stays on your Discogs wantlist."
            ),
            confirmed,
        )

    def action_new_list(self) -> None:
        self.app.push_screen(
            WantListScreen(taken=self._names()), lambda r: self._apply_settings(None, r)
        )

    def action_edit_list(self) -> None:
        want_list = self._need_list()
        if want_list is not None:
            self.app.push_screen(
                WantListScreen(want_list, taken=self._names()),
                lambda r: self._apply_settings(want_list, r),
            )

    def _names(self) -> list[str]:
        """The want lists' names as last read (for the forms to refuse a taken one)."""
        return [w.name for w in self.data.lists] if self.data is not None else []

    def _apply_settings(self, want_list: WantList | None, request: ListRequest | None) -> None:
        if request is None:
            return
        if want_list is None:
            ok = self._try(
                "create the list",
                lambda: wants.create_list(
                    self.engine,
                    request.name,
                    request.mode,
                    spread_start=request.spread_start,
                    spread_end=request.spread_end,
                ),
            )
        else:
            ok = self._try(
                "change the list",
                lambda: wants.edit_list(
                    self.engine,
                    want_list.name,
                    new_name=request.name,
                    mode=request.mode,
                    spread_start=request.spread_start,
                    spread_end=request.spread_end,
                ),
            )
        if ok:
            self.current = request.name
            self._edit(f"{request.name}: {MODE_NAMES[request.mode]}.")

    def action_delete_list(self) -> None:
        want_list = self._need_list()
        if want_list is None:
            return

        def confirmed(ok: bool | None) -> None:
            if ok and self._try(
                "delete the list", lambda: wants.delete_list(self.engine, want_list.name)
            ):
                self.current = None
                self._edit(f"Deleted {want_list.name}.")

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the want list {want_list.name!r} and its {count(len(want_list.entries), 'entry', 'entries')}? "
                "Its wants on Discogs stay there as your own."
            ),
            confirmed,
        )


def _fit(text: Text, width: int) -> Text:
    """The text cut to `width` cells with an ellipsis: the detail line below shows it whole."""
    fitted = text.copy()
    fitted.truncate(width, overflow="ellipsis")
    return fitted
