"""Want lists as plain text, for `gramtui wants import FILE` and `gramtui wants export`.

The format, one statement a line::

    # Blank lines and everything after a '#' are ignored.
    list "Jazz essentials" mode=one_by_one
      release 249504
      master 4242 format=Vinyl
      master 4243 format="12\\""  state=done
    list "Spring digging" mode=spread from=2025-03-01 to=2025-05-31 paused
      release 1234567

- `list "NAME"` starts a list; the entries below it belong to it, in order. Options:
  `mode=one_by_one` (the default), `mode=en_masse` or `mode=spread`; `from=YYYY-MM-DD` and
  `to=YYYY-MM-DD` give the date range a spread list needs (everything is live on the `to` day);
  `paused` pauses the list. List names are unique.
- `release ID` wants that release. `master ID` wants any release of that master; `format=F` keeps
  only pressings with a format name or description equal to F, ignoring case (Vinyl, LP, CD, 12").
- `state=arrived|done|retired|removed_on_discogs` keeps an entry's fate; without it an entry is
  pending. Being live is not written: whether a want is live is read from Discogs.
- Values with spaces, quotes or '#' go in double quotes, with `\\"` for a quote and `\\\\` for a
  backslash. Indentation is optional.

Importing gives every entry a fresh history starting at the time of the import.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import cast

from gramtui.domain.ids import ID_RANGE, is_discogs_id
from gramtui.domain.wants.lists import (
    WANT_MODES,
    EntryState,
    WantEntry,
    WantList,
    WantMode,
    WantsError,
    new_entry,
)

_SAFE = re.compile(r"[A-Za-z0-9._+/:-]+")
# Words of no quote, backslash, '#' or whitespace, apart by spaces or tabs: shlex splits it the same.
_PLAIN = re.compile(r"[ \t]*(?:[^\s\"'\\#]+[ \t]*)*")
_QUOTED_NAME = re.compile(r'\s*list\s+"')
_KEPT_STATES: tuple[EntryState, ...] = ("arrived", "done", "retired", "removed_on_discogs")


class WantsFormatError(WantsError):
    """A want-list file cannot be read; the message starts with the line number."""


def dump_want_lists(lists: Sequence[WantList]) -> str:
    """The lists as text that `parse_want_lists` reads back to the same lists."""
    lines = ["# gramtui want lists"]
    for want_list in lists:
        head = [f"list {_quote_always(want_list.name)}", f"mode={want_list.mode}"]
        if want_list.spread_start is not None:
            head.append(f"from={want_list.spread_start.isoformat()}")
        if want_list.spread_end is not None:
            head.append(f"to={want_list.spread_end.isoformat()}")
        if want_list.paused:
            head.append("paused")
        lines.append(" ".join(head))
        lines.extend(f"  {_dump_entry(entry)}" for entry in want_list.entries)
    return "\n".join(lines) + "\n"


def _dump_entry(entry: WantEntry) -> str:
    if entry.release_id is not None:
        words = [f"release {entry.release_id}"]
    else:
        words = [f"master {entry.master_id}"]
        if entry.format_filter is not None:
            words.append(f"format={_quote(entry.format_filter)}")
    if entry.state in _KEPT_STATES:
        words.append(f"state={entry.state}")
    return " ".join(words)


def _quote(value: str) -> str:
    return value if _SAFE.fullmatch(value) else _quote_always(value)


def _quote_always(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_want_lists(text: str, now: datetime) -> list[WantList]:
    """The lists written in `text`, entries stamped with `now`; WantsFormatError on a bad line.

    Linear in the size of the text: entries are gathered per list and each list is built once
    at the end (building it per entry re-checked the whole list every time).
    """
    lists: list[_Gathering] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _PLAIN.fullmatch(line):
            words = line.split()
        else:
            words = _split(line, number)
        if not words:
            continue
        try:
            if words[0] == "list":
                _start_list(lists, words, quoted_name=_QUOTED_NAME.match(line) is not None)
            elif words[0] in ("release", "master"):
                _add_entry(lists, words, now)
            else:
                raise WantsError(
                    f"unknown statement {words[0]!r}; a line starts with list, release or master."
                )
        except WantsError as error:
            raise WantsFormatError(f"line {number}: {error}") from None
    return [replace(g.header, entries=tuple(g.entries)) for g in lists]


def _split(line: str, number: int) -> list[str]:
    try:
        return shlex.split(line, comments=True)
    except ValueError:
        raise WantsFormatError(
            f"line {number}: a quoted value is not closed; end it with a double quote."
        ) from None


@dataclass(slots=True)
class _Gathering:
    """A list being read: its header, and its entries so far with their ids."""

    header: WantList
    entries: list[WantEntry] = field(default_factory=list)
    entry_ids: set[str] = field(default_factory=set)


def _start_list(lists: list[_Gathering], words: list[str], *, quoted_name: bool) -> None:
    if not quoted_name:
        raise WantsError('a list needs its name in double quotes, as in: list "Jazz essentials".')
    name = words[1]
    if any(existing.header.name == name for existing in lists):
        raise WantsError(f"a list named {name!r} came earlier; give each list its own name.")
    options = _options(words[2:], flags={"paused"}, keys={"mode", "from", "to"})
    mode = options.get("mode", "one_by_one")
    if mode not in WANT_MODES:
        raise WantsError(f"unknown mode {mode!r}; use one of {', '.join(WANT_MODES)}.")
    if mode == "spread" and not ("from" in options and "to" in options):
        raise WantsError("mode=spread needs from=YYYY-MM-DD and to=YYYY-MM-DD.")
    header = WantList(
        name=name,
        mode=cast(WantMode, mode),
        paused="paused" in options,
        spread_start=_date(options, "from"),
        spread_end=_date(options, "to"),
    )
    lists.append(_Gathering(header))


def _add_entry(lists: list[_Gathering], words: list[str], now: datetime) -> None:
    kind = words[0]
    if not lists:
        raise WantsError(f'a {kind} comes before any list; put a line like list "Name" above it.')
    if (
        len(words) < 2
        or not words[1].isascii()
        or not words[1].isdecimal()
        or not is_discogs_id(int(words[1]))
    ):
        got = repr(words[1]) if len(words) > 1 else "nothing"
        raise WantsError(
            f"a {kind} needs a positive numeric id after it, got {got}; an id is {ID_RANGE}."
        )
    keys = {"state", "format"} if kind == "master" else {"state"}
    options = _options(words[2:], flags=set(), keys=keys)
    state = options.get("state", "pending")
    if state not in ("pending", *_KEPT_STATES):
        raise WantsError(
            f"state {state!r} cannot be imported; use one of {', '.join(_KEPT_STATES)} "
            "or leave it out for pending."
        )
    identifier = int(words[1])
    gathering = lists[-1]
    entry = new_entry(
        now,
        release_id=identifier if kind == "release" else None,
        master_id=identifier if kind == "master" else None,
        format_filter=options.get("format"),
        position=len(gathering.entries) + 1,
        state=state,
    )
    if entry.entry_id in gathering.entry_ids:
        raise WantsError(
            f"list {gathering.header.name!r} already holds {entry.entry_id}; "
            "keep one of the two lines."
        )
    gathering.entries.append(entry)
    gathering.entry_ids.add(entry.entry_id)


def _options(words: list[str], *, flags: set[str], keys: set[str]) -> dict[str, str]:
    """`key=value` words and bare flags, each allowed once."""
    options: dict[str, str] = {}
    for word in words:
        key, has_value, value = word.partition("=")
        if (key in flags and has_value) or (key in keys and not has_value):
            shape = f"{key}=..." if key in keys else key
            raise WantsError(f"write {key!r} as {shape}.")
        if key not in flags and key not in keys:
            allowed = ", ".join(sorted(keys | flags)) or "nothing more"
            raise WantsError(f"unknown option {word!r} here; allowed: {allowed}.")
        if key in options:
            raise WantsError(f"{key!r} is given twice; keep one.")
        options[key] = value
    return options


def _date(options: dict[str, str], key: str) -> date | None:
    if key not in options:
        return None
    try:
        return date.fromisoformat(options[key])
    except ValueError:
        raise WantsError(f"{key}={options[key]!r} is not a date; write it as YYYY-MM-DD.") from None
