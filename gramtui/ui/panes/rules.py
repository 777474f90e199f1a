"""The Rules pane: the rule text in an editor with the language's own colours, checked as you
type; beside it the rules in order, each with the number of records it decides right now.

Nothing is saved or moved until ctrl+s, and ctrl+s refuses a text with errors (offering to create
a missing destination folder). ctrl+t shows the dry run first: which records would be classified
how and which would move where. Reading the store and classifying run in thread workers.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme
from textual.worker import get_current_worker

from gramtui.discogs.errors import DiscogsError
from gramtui.domain.rules import Diagnostic, RuleContext, check, highlight
from gramtui.domain.words import count
from gramtui.engine import rules
from gramtui.engine.context import Engine
from gramtui.engine.rules import (
    BlockedLine,
    EvaluateReport,
    Items,
    RuleRow,
    RulesError,
    SavedRules,
)
from gramtui.ui.screens.confirm import ConfirmScreen
from gramtui.ui.screens.rules_dry_run import RulesDryRunScreen
from gramtui.ui.screens.rules_explain import RulesExplainScreen
from gramtui.ui.screens.rules_pick import RulesPickScreen
from gramtui.ui.widgets.columns import flexible_width
from gramtui.ui.widgets.safe import DataTable, Static

DEBOUNCE = 0.3  # seconds of quiet typing before the text is checked and counted again

STARTER = """\
# Rules: in each section the first matching line wins. Remove a '#' to use an example.
# ctrl+t shows what saving would do (dry run), ctrl+s saves.
# [formats]
# contains 12 || contains LP -> 12 Inch
# [classification]
# is_uncleaned -> to_be_cleaned
# [movement]
# to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile
"""

RULES_THEME = TextAreaTheme(
    "gramtui-rules",
    syntax_styles={
        "keyword": Style(color="magenta", bold=True),
        "operator": Style(color="cyan"),
        "string": Style(color="green"),
        "number": Style(color="yellow"),
        "field": Style(color="bright_blue"),
        "classification": Style(color="bright_magenta", italic=True),
        "format": Style(color="bright_cyan"),
        "name": Style(color="bright_green"),
        "folder": Style(color="bright_yellow", bold=True),
        "comment": Style(color="bright_black", italic=True),
        "error": Style(color="bright_white", bgcolor="red", bold=True),
    },
)

SECTION_NAMES = {
    "formats": "format",
    "classification": "class",
    "movement": "move",
    "define": "define",
    "": "?",
}


class RuleEditor(TextArea):
    """A TextArea coloured by the rule language's highlight() spans."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", soft_wrap=True, tab_behavior="focus", show_line_numbers=True, **kwargs)  # type: ignore[arg-type]
        self.cursor_blink = False
        self.register_theme(RULES_THEME)

    def on_mount(self) -> None:
        self.theme = RULES_THEME.name

    def _build_highlight_map(self) -> None:
        # TextArea highlights through tree-sitter; the rule language brings its own spans, so
        # this fills the same map (byte offsets per line) from them.
        self._line_cache.clear()
        found = self._highlights
        found.clear()
        lines = self.document.lines
        for span in highlight(self.text):
            row = span.line - 1
            if row >= len(lines):
                continue
            line = lines[row]
            start = len(line[: span.start].encode())
            end = len(line[: span.end].encode())
            found[row].append((start, end, span.kind))


class RulesPane(Vertical):
    DEFAULT_CSS = """
    RulesPane { height: 1fr; }
    RulesPane #rules-status { height: 1; color: $text-muted; background: $boost; }
    RulesPane #rules-body { height: 1fr; }
    RulesPane #rules-list { width: 1fr; min-width: 40; max-width: 84; height: 1fr; }
    RulesPane #rules-editor { width: 1fr; height: 1fr; }
    RulesPane #rules-diagnostics {
        height: auto; max-height: 7; min-height: 2;
        border-top: solid $primary-darken-2; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+t", "dry_run", "Dry run"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("shift+up", "move(-1)", "Move up", show=False),  # in help: the footer is short
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("x", "explain", "Why?"),
        Binding("u", "unblock", "Unblock", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("escape", "to_list", "Rules list"),
    ]
    LIST_ACTIONS = frozenset({"add", "edit", "delete", "move", "explain", "unblock", "undo"})

    def focus_main(self) -> None:
        """The widget the app focuses when this pane is shown."""
        self.query_one("#rules-list").focus()

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.saved: SavedRules | None = None
        self.items: Items | None = None
        self.ctx = RuleContext(frozenset(), frozenset())
        self.diagnostics: list[Diagnostic] = []
        self.blocked_saved: list[BlockedLine] = []
        self.blocked_here: dict[int, BlockedLine] = {}  # by line of the editor's text
        self.rows: list[RuleRow] = []
        self._debounce: Timer | None = None
        self._loaded = False
        self._select_line: int | None = None
        self._rule_width = 0  # the rule column's width now

    def compose(self) -> ComposeResult:
        yield Static(id="rules-status")
        with Horizontal(id="rules-body"):
            yield DataTable(id="rules-list", cursor_type="row", zebra_stripes=True)
            yield RuleEditor(id="rules-editor")
        yield Static(id="rules-diagnostics")

    def on_mount(self) -> None:
        self._columns()
        # The app calls refresh_data when the pane is first shown (ui/app.py), not before.

    def on_resize(self) -> None:
        if self._columns() and self._loaded:
            self._count(self.editor.text)  # the rows again, in the new columns

    def _columns(self) -> bool:
        """The rule column takes the list's width less the others; True when it changed."""
        table = self.table
        width = flexible_width(table.size.width or 48, (3, 6, 7), 12)
        if width == self._rule_width:
            return False
        self._rule_width = width
        table.clear(columns=True)
        table.add_column("#", width=3)
        table.add_column("kind", width=6)
        table.add_column("rule", width=width)
        table.add_column("records", width=7)
        return True

    @property
    def engine(self) -> Engine:
        return self.app.session.engine  # type: ignore[attr-defined]

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#rules-list", DataTable)

    @property
    def editor(self) -> RuleEditor:
        return self.query_one(RuleEditor)

    # -- loading ----------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Read the saved rules, the collection and the blocks again (after a sync, a save)."""
        self._load()

    @work(thread=True, exclusive=True, group="rules-load")
    def _load(self) -> None:
        loaded = (rules.saved(), rules.load_items(), rules.context(), rules.blocked())
        if not get_current_worker().is_cancelled:  # a newer load is on its way
            self.app.call_from_thread(self._show_loaded, *loaded)

    def _show_loaded(
        self, saved: SavedRules | None, items: Items, ctx: RuleContext, blocked: list[BlockedLine]
    ) -> None:
        keep_draft = self._loaded and self.dirty
        self.saved, self.items, self.ctx, self.blocked_saved = saved, items, ctx, blocked
        text = saved.text if saved is not None else STARTER
        if not keep_draft and self.editor.text != text:  # else keep the cursor and the undo
            self.editor.load_text(text)
        self._loaded = True
        self._check()

    @property
    def check_pending(self) -> bool:
        """True while typing is being waited out (the text is not checked yet)."""
        return self._debounce is not None

    @property
    def dirty(self) -> bool:
        if not self._loaded:
            return False  # never shown yet: nothing typed
        return self.editor.text != (self.saved.text if self.saved is not None else STARTER)

    # -- checking as you type ---------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, self._check)
        self._show_status()

    def _check(self) -> None:
        self._debounce = None
        text = self.editor.text
        self.diagnostics = check(text, self.ctx).diagnostics
        self._show_diagnostics()
        self._show_status()
        self._count(text)

    @work(thread=True, exclusive=True, group="rules-count")
    def _count(self, text: str) -> None:
        rows = rules.rule_rows(text)
        counts = rules.counts(self.engine, text, self.items) if self.items is not None else {}
        blocked = {b.line: b for b in rules.blocked(text) if b.line is not None}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_rows, text, rows, counts, blocked)

    def _show_rows(
        self,
        text: str,
        rows: list[RuleRow],
        counts: dict[int, int],
        blocked: dict[int, BlockedLine],
    ) -> None:
        if text != self.editor.text:
            return  # typed on meanwhile: a newer count is on its way
        try:
            table = self.table
        except NoMatches:  # the count ended as the app closed: its widgets are gone
            return
        keep = self._select_line
        if keep is None and self.rows and table.cursor_row < len(self.rows):
            keep = self.rows[table.cursor_row].line
        self.rows, self.blocked_here, self._select_line = rows, blocked, None
        errors = {d.line for d in self.diagnostics if d.severity == "error"}
        table.clear()
        for row in rows:
            count = counts.get(row.line)
            if row.line in blocked:
                matches = Text("blocked", style="bold red")
            elif row.line in errors:
                matches = Text("error", style="red", justify="right")
            else:
                matches = Text("-" if count is None else str(count), justify="right")
            table.add_row(
                Text(str(row.line), style="dim"),
                Text(SECTION_NAMES.get(row.section, row.section), style="dim"),
                Text(row.text, no_wrap=True, overflow="ellipsis"),
                matches,
                key=str(row.line),
            )
        lines = [r.line for r in rows]
        if keep in lines:
            table.move_cursor(row=lines.index(keep))

    def _show_diagnostics(self) -> None:
        out = Text()
        if not self.diagnostics:
            out.append("✓ The rules check out against your collection. ", style="green")
            out.append("ctrl+t: dry run · ctrl+s: save", style="dim")
        for d in self.diagnostics[:5]:
            if out:
                out.append("\n")
            out.append(f"{d.line}:{d.column} ", style="bold")
            out.append(d.message, style="red" if d.severity == "error" else "yellow")
            if d.create_folder:
                out.append(" (ctrl+s offers to create it)", style="dim")
        if len(self.diagnostics) > 5:
            out.append(f"\n… and {len(self.diagnostics) - 5} more", style="dim")
        self.query_one("#rules-diagnostics", Static).update(out)

    def _show_status(self) -> None:
        status = Text()
        if self.saved is None:
            status.append("No rules saved yet", style="bold")
        else:
            status.append(f"Rules v{self.saved.version} ", style="bold")
            status.append(f"· saved {self.saved.saved_at:%Y-%m-%d %H:%M} UTC")
        if self._loaded and self.dirty:
            status.append(" · unsaved changes", style="bold yellow")
        if self.items is not None:
            status.append(f" · {count(len(self.items.records), 'record')}")
        if self.blocked_saved:
            status.append(f" · {len(self.blocked_saved)} blocked (u unblocks)", style="bold red")
        if not self.engine.config.automation.moves:
            status.append(" · automation.moves off: moves are held", style="yellow")
        self.query_one("#rules-status", Static).update(status)

    # -- keys -------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LIST_ACTIONS:
            return self.table.has_focus
        if action == "to_list":
            return self.editor.has_focus
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def _selected(self) -> RuleRow | None:
        table = self.table
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def _set_text(self, text: str, line: int | None = None, focus_editor: bool = False) -> None:
        """Replace the editor's text as one edit (ctrl+z undoes it) and put the cursor at `line`."""
        editor = self.editor
        editor.replace(text, (0, 0), editor.document.end)
        self._select_line = line
        if line is not None:
            self._place_cursor(line)
        if focus_editor:
            editor.focus()

    def action_undo(self) -> None:
        self.editor.undo()

    def action_to_list(self) -> None:
        self.table.focus()

    def action_add(self) -> None:
        row = self._selected()
        text = self.editor.text
        after = row.line if row is not None else len(text.rstrip("\n").split("\n"))
        new_text, line = rules.insert_line(text, after)
        self._set_text(new_text, line, focus_editor=True)

    def action_edit(self) -> None:
        row = self._selected()
        if row is not None:
            self._place_cursor(row.line)
            self.editor.focus()

    def _place_cursor(self, line: int) -> None:
        """At the end of `line` (1-based), where typing carries on."""
        editor = self.editor
        row = min(line, editor.document.line_count) - 1
        editor.cursor_location = (row, len(editor.document.get_line(row)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        row = self._selected()
        if row is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._set_text(rules.delete_line(self.editor.text, row.line), None)

        self.app.push_screen(
            ConfirmScreen(f"Delete the rule on line {row.line}?\n\n{row.text}"), answer
        )

    def action_move(self, delta: int) -> None:
        row = self._selected()
        if row is None:
            return
        moved = rules.move_rule(self.editor.text, row.line, delta)
        if moved is None:
            where = "first" if delta < 0 else "last"
            self.notify(f"Line {row.line} is the {where} of its section already.")
            return
        self._set_text(moved[0], moved[1])
        self.table.focus()

    def action_unblock(self) -> None:
        row = self._selected()
        block = self.blocked_here.get(row.line) if row is not None else None
        saved = next(
            (
                b
                for b in self.blocked_saved
                if block is not None and b.rule.text_hash == block.rule.text_hash
            ),
            None,
        )
        if saved is None or saved.line is None:
            self.notify("This rule is not blocked.", severity="warning")
            return
        self._unblock(saved.line)

    @work(thread=True, group="rules-save")
    def _unblock(self, line: int) -> None:
        try:
            report = rules.unblock(self.engine, line)
        except RulesError as e:
            self.app.call_from_thread(self.notify, str(e), severity="error")
            return
        self.app.call_from_thread(self._after_save, report, f"Line {line} may move records again.")

    # -- save, dry run, explain -------------------------------------------------------------------

    def _first_error(self) -> Diagnostic | None:
        return next((d for d in self.diagnostics if d.severity == "error"), None)

    def action_save(self) -> None:
        text = self.editor.text
        self.diagnostics = check(text, self.ctx).diagnostics
        self._show_diagnostics()
        errors = [d for d in self.diagnostics if d.severity == "error"]
        if not errors:
            self._save(text, ())
            return
        missing = list(dict.fromkeys(d.create_folder for d in errors if d.create_folder))
        if len(missing) == len(errors):
            names = ", ".join(f"'{name}'" for name in missing)
            question = (
                f"Discogs has no folder {names}. Create {'it' if len(missing) == 1 else 'them'}"
                " and save the rules?"
            )

            def answer(yes: bool | None) -> None:
                if yes:
                    self._save(text, tuple(missing))

            self.app.push_screen(ConfirmScreen(question), answer)
            return
        first = errors[0]
        self.notify(
            f"Not saved: {len(errors)} error{'s' if len(errors) > 1 else ''}; "
            f"the first is on line {first.line}: {first.message}",
            severity="error",
        )
        self.editor.cursor_location = (first.line - 1, max(0, first.column - 1))
        self.editor.focus()

    @work(thread=True, group="rules-save")
    def _save(self, text: str, create: tuple[str, ...]) -> None:
        try:
            for name in create:
                rules.create_folder(self.engine, name)
            report = rules.save(self.engine, text)
        except (RulesError, DiscogsError) as e:
            self.app.call_from_thread(self.notify, f"Not saved: {e}", severity="error")
            self.app.call_from_thread(self.refresh_data)
            return
        saved = rules.saved()
        version = saved.version if saved is not None else 0
        self.app.call_from_thread(
            self._after_save, report, f"Saved the rules as version {version}."
        )

    def _after_save(self, report: EvaluateReport, title: str) -> None:
        moves = f"{count(len(report.queued), 'move')} queued"
        if report.held_automation:
            moves += f", {len(report.held_automation)} held (automation.moves is off)"
        if report.held_blocked:
            moves += f", {len(report.held_blocked)} held by blocked rules"
        self.notify(
            f"{title} {count(report.evaluated, 'record')} classified, {report.changed} changed; "
            f"{moves}."
        )
        for block in report.blocked_now:
            self.notify(
                f"Blocked line {block.line}: {block.reason}. Press u on it to unblock.",
                severity="warning",
                timeout=10,
            )
        self.refresh_data()

    def action_dry_run(self) -> None:
        text = self.editor.text
        self.diagnostics = check(text, self.ctx).diagnostics
        self._show_diagnostics()
        first = self._first_error()
        if first is not None:
            self.notify(
                f"No dry run: line {first.line} has an error: {first.message}", severity="error"
            )
            return
        self._dry_run(text)

    @work(thread=True, exclusive=True, group="rules-dry-run")
    def _dry_run(self, text: str) -> None:
        run = rules.dry_run(self.engine, text, self.items)
        self.app.call_from_thread(self._show_dry_run, text, run)

    def _show_dry_run(self, text: str, run: rules.DryRun) -> None:
        def picked(instance_id: int | None) -> None:
            if instance_id is not None:
                self.explain(instance_id, text)

        self.app.push_screen(RulesDryRunScreen(run), picked)

    def action_explain(self) -> None:
        names = {
            r.instance_id: f"{r.release.artist} — {r.release.title}"
            for r in (self.items.records if self.items is not None else [])
        }

        def picked(instance_id: int | None) -> None:
            if instance_id is not None:
                self.explain(instance_id)

        self.app.push_screen(RulesPickScreen(names.get), picked)

    def explain(self, instance_id: int, text: str | None = None) -> None:
        """Show why the record is classified so: by `text`, else the editor's text when it checks
        out, else the saved rules."""
        if text is None:
            text = self.editor.text if self._first_error() is None else None
        try:
            found = rules.explain(self.engine, instance_id, text)
        except RulesError as e:
            self.notify(str(e), severity="error")
            return
        what = f"classified {found.label}" if found.label else "left unclassified"
        self.app.push_screen(
            RulesExplainScreen(f"Why is record {instance_id} {what}?", found.lines)
        )
