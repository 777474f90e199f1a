"""Textual's text widgets with every control character of their content made visible.

Titles and messages from Discogs (and later eBay) are shown by these widgets; an escape code in
one must not reach the terminal (Textual strips BEL, BS, VT, FF and CR, but lets ESC, C1 controls
and bidi overrides through). The panes import `Static`, `DataTable` and `OptionList` from here
instead of from textual.widgets, so the rule holds for every pane without each call site having
to remember it; the line-API lists do the same in LineList. The policy itself is
gramtui.domain.text.printable. Styles and spans survive: a styled Text stays styled. (Rich
drops BEL, BS, VT, FF and CR when a Text is built, so those few are gone rather than shown.)
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Span as RichSpan
from rich.text import Text
from textual import widgets
from textual.content import Content
from textual.content import Span as ContentSpan
from textual.widgets.data_table import CellType
from textual.widgets.option_list import Option

from gramtui.domain.text import printable


def _offsets(plain: str, multiline: bool) -> list[int]:
    """new_offset[i]: where character i of `plain` starts once made printable."""
    out = [0]
    for char in plain:
        out.append(out[-1] + len(printable(char, multiline=multiline)))
    return out


def printable_text(text: Text, *, multiline: bool = False) -> Text:
    plain = text.plain
    if plain.isprintable() or printable(plain, multiline=multiline) == plain:
        return text
    at = _offsets(plain, multiline)
    out = text.copy()
    out.plain = printable(plain, multiline=multiline)
    out.spans = [RichSpan(at[s.start], at[min(s.end, len(plain))], s.style) for s in text.spans]
    return out


def printable_content(content: Content, *, multiline: bool = False) -> Content:
    plain = content.plain
    if plain.isprintable() or printable(plain, multiline=multiline) == plain:
        return content
    at = _offsets(plain, multiline)
    spans = [ContentSpan(at[s.start], at[min(s.end, len(plain))], s.style) for s in content.spans]
    return Content(printable(plain, multiline=multiline), spans)


def printable_renderable(value: Any, *, multiline: bool = False) -> Any:
    """str, Text, Content, and what a rich Group or Table holds, made printable; other
    renderables (a chart the app drew itself) pass unchanged."""
    if isinstance(value, str):
        return printable(value, multiline=multiline)
    if isinstance(value, Text):
        return printable_text(value, multiline=multiline)
    if isinstance(value, Content):
        return printable_content(value, multiline=multiline)
    if isinstance(value, Group):
        return Group(
            *(printable_renderable(r, multiline=multiline) for r in value.renderables),
            fit=value.fit,
        )
    if isinstance(value, Table):
        for column in value.columns:
            column._cells[:] = [printable_renderable(c, multiline=multiline) for c in column._cells]
        return value
    return value


class Static(widgets.Static):
    """A Static whose content is made printable; newlines and tabs are kept (it is a block)."""

    def __init__(self, content: Any = "", **kwargs: Any) -> None:
        super().__init__(printable_renderable(content, multiline=True), **kwargs)

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        super().update(printable_renderable(content, multiline=True), layout=layout)


class DataTable(widgets.DataTable[CellType]):
    """A DataTable whose cells are made printable, each on one line."""

    def add_row(
        self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None
    ) -> Any:
        return super().add_row(
            *(printable_renderable(c) for c in cells),
            height=height,
            key=key,
            label=printable_renderable(label),
        )

    def update_cell(
        self, row_key: Any, column_key: Any, value: Any, *, update_width: bool = False
    ) -> None:
        super().update_cell(
            row_key, column_key, printable_renderable(value), update_width=update_width
        )


class OptionList(widgets.OptionList):
    """An OptionList whose prompts are made printable."""

    def add_options(self, new_options: Any) -> Any:
        safe = []
        for item in new_options:
            if isinstance(item, Option):
                item._set_prompt(printable_renderable(item.prompt, multiline=True))
            elif item is not None:
                item = printable_renderable(item, multiline=True)
            safe.append(item)
        return super().add_options(safe)

    def replace_option_prompt_at_index(self, index: int, prompt: Any) -> Any:
        return super().replace_option_prompt_at_index(
            index, printable_renderable(prompt, multiline=True)
        )

    def replace_option_prompt(self, option_id: str, prompt: Any) -> Any:
        return super().replace_option_prompt(
            option_id, printable_renderable(prompt, multiline=True)
        )
