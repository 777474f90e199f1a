"""A release's bytes -> DumpRelease by regular expressions over the fixed dump schema, no tree.

Building an lxml tree per release and walking it in Python cost 154 µs of CPU a release here;
these patterns read the same fields in 91 (same run, bench records; tests/bench/bench_dump.py).
One pattern matches the release's parts in the order the dumps write them (2020 and 2025
formats: empty elements written or omitted; any part may be missing) and gives each part's place;
when the order differs, the parts are walked one by one (no part of a release nests an element
of its own name: `<series>` holds self-closing `<series …/>`). The parts nothing reads (images,
videos, companies; a track's credits) are passed over, as parse.py cuts them before parsing. Each
part read is read by a pattern for its items, and the items read must be as many as the part
holds, so whatever else it holds (CDATA, a comment inside a value, `\r`, a tag left open, other
attribute orders, sub-tracks) makes the record NotPlain and the lxml reader reads it instead: the
same result, or the error named. Entities are decoded as an XML parser does; a bare `&`, an
unknown entity or bytes that are not UTF-8 make the record malformed. Not checked, unlike lxml:
control characters in text (a dump that parses as XML holds none) and the well-formedness of the
parts passed over.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from gramtui.dumps.records import (
    Credit,
    DumpRelease,
    FormatEntry,
    Identifier,
    LabelCredit,
    Track,
)


class NotPlain(Exception):
    """The record holds XML these patterns do not read: the lxml reader takes it."""


# Text and attribute values: plain character classes, which sre runs at ~1 ns a character (a
# class with ranges, to refuse control characters here, ran six times slower).
_T = r"[^<]*"
_V = r"[^\"<]*"


def _field(tag: str) -> str:
    """An optional child with text: `<tag>text</tag>`, `<tag/>`, or none (2025 format)."""
    return rf"(?:<{tag}>({_T})</{tag}>|<{tag}/>)?"


def _upto(tag: str) -> str:
    """Anything up to `</tag>`: runs without `<` at the speed of a character class."""
    return rf"[^<]*+(?:<(?!/{tag}>)[^<]*+)*+"


_CHILD = re.compile(r"\s*<([A-Za-z_][\w.-]*)((?: [^<>]*?)?)(/?)>")
_END = re.compile(r"\s*</release>\s*")
_HEAD = re.compile(rf"<release id=\"([0-9]+)\"(?: status=\"({_V})\")?>")
_MAIN = re.compile(r' is_main_release="(true|false)"')
_LEAF = re.compile(_T)
_ARTIST = re.compile(
    r"<artist>"
    + "".join(_field(t) for t in ("id", "name", "anv", "join", "role", "tracks"))
    + r"</artist>"
)
_LABEL = re.compile(rf"<(label|series) name=\"({_V})\" catno=\"({_V})\"(?: id=\"({_V})\")?/>")
_FORMAT = re.compile(
    rf"<format(?: name=\"({_V})\")?(?: qty=\"({_V})\")?(?: text=\"({_V})\")?"
    rf"(?:/>|>(?:<descriptions>((?:<description>{_T}</description>)*)</descriptions>)?</format>)"
)
_DESCRIPTION = re.compile(rf"<description>({_T})</description>")
_IDENTIFIER = re.compile(
    rf"<identifier type=\"({_V})\"(?: description=\"({_V})\")? value=\"({_V})\"/>"
)
# A track and what follows its own fields: credits (not read) but no sub-tracks (NotPlain).
_TRACK = re.compile(
    r"<track>"
    + "".join(_field(t) for t in ("position", "title", "duration"))
    + rf"(?:<artists>{_upto('artists')}</artists>)?"
    + rf"(?:<extraartists>{_upto('extraartists')}</extraartists>)?</track>"
)
_GENRE = re.compile(rf"<genre>({_T})</genre>")
_STYLE = re.compile(rf"<style>({_T})</style>")

_BLANKS = re.compile(r"[\t\n]")
_ATTR_SPACE = str.maketrans("\t\n", "  ")
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));|&")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_NAMED_REFS = {f"&{name};": _NAMED[name] for name in ("quot", "apos", "lt", "gt", "amp")}


def _entity(match: re.Match[str]) -> str:
    name, dec, hexa = match.groups()
    if name:
        return _NAMED[name]
    if dec is None and hexa is None:
        raise ValueError("a bare '&' or an unknown entity in the text")
    code = int(dec) if dec is not None else int(hexa, 16)
    if not (code in (9, 10, 13) or 32 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF):
        raise ValueError(f"the character reference to {code} is not an XML character")
    return chr(code)


def _text(s: str) -> str:
    if "&" not in s:
        return s
    if "&#" not in s and s.count("&") == sum(s.count(e) for e in _NAMED_REFS):
        for ref, char in _NAMED_REFS.items():  # &amp; last: "&amp;lt;" is "&lt;"
            s = s.replace(ref, char)
        return s
    return _ENTITY.sub(_entity, s)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _decoded(groups: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [tuple(map(_text, item)) if "&" in "".join(item) else item for item in groups]


def _spaced(groups: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Attribute values as an XML parser reads them: a tab or a newline is a space."""
    return [
        tuple(v.translate(_ATTR_SPACE) for v in item) if _BLANKS.search("".join(item)) else item
        for item in groups
    ]


def _all(
    pattern: re.Pattern[str],
    item: str,
    s: str,
    start: int,
    end: int,
    attributes: bool = False,
) -> list[tuple[str, ...]]:
    """The groups of every item in s[start:end] (entities decoded). Each item's pattern reads
    it from its start tag to its end tag; an item it cannot read leaves the count short."""
    found: list[tuple[str, ...]] = pattern.findall(s, start, end)
    if len(found) != s.count(item, start, end):
        raise NotPlain
    if attributes and _BLANKS.search(s, start, end):
        found = _spaced(found)
    return _decoded(found) if s.find("&", start, end) != -1 else found


def _credits(s: str, start: int, end: int) -> tuple[Credit, ...]:
    return tuple(
        Credit(_int(i.strip()), name, anv, join, role, tracks)
        for i, name, anv, join, role, tracks in _all(_ARTIST, "<artist", s, start, end)
    )


def _label_credits(s: str, start: int, end: int) -> tuple[LabelCredit, ...]:
    return tuple(
        LabelCredit(_int(i.strip()), name, catno)
        for kind, name, catno, i in _all(_LABEL, "<", s, start, end, attributes=True)
    )


def _formats(s: str, start: int, end: int) -> tuple[FormatEntry, ...]:
    found: list[tuple[str, ...]] = _FORMAT.findall(s, start, end)
    if len(found) != s.count("<format", start, end):
        raise NotPlain
    if _BLANKS.search(s, start, end):  # in descriptions, or attributes: read one by one
        found = [(*_spaced([f[:3]])[0], f[3]) for f in found]
    return tuple(
        FormatEntry(
            _text(name),
            _int(qty.strip()) or 1,
            _text(text),
            tuple(_text(x) for x in _DESCRIPTION.findall(d)) if d else (),
        )
        for name, qty, text, d in found
    )


# NamedTuples straight from the matched groups, in C (`_make` is a Python function).
_track = functools.partial(tuple.__new__, Track)
_identifier = functools.partial(tuple.__new__, Identifier)


def _identifiers(s: str, start: int, end: int) -> tuple[Identifier, ...]:
    return tuple(map(_identifier, _all(_IDENTIFIER, "<", s, start, end, attributes=True)))


def _tracks(s: str, start: int, end: int) -> tuple[Track, ...]:
    return tuple(map(_track, _all(_TRACK, "<track>", s, start, end)))


def _genres(s: str, start: int, end: int) -> tuple[str, ...]:
    found: list[str] = _GENRE.findall(s, start, end)
    if len(found) != s.count("<genre", start, end):
        raise NotPlain
    return tuple(map(_text, found))


def _styles(s: str, start: int, end: int) -> tuple[str, ...]:
    found: list[str] = _STYLE.findall(s, start, end)
    if len(found) != s.count("<style", start, end):
        raise NotPlain
    return tuple(map(_text, found))


_LISTS: dict[str, Callable[[str, int, int], tuple[object, ...]]] = {
    "artists": _credits,
    "extraartists": _credits,
    "labels": _label_credits,
    "series": _label_credits,
    "formats": _formats,
    "identifiers": _identifiers,
    "tracklist": _tracks,
    "genres": _genres,
    "styles": _styles,
}
_LEAVES = frozenset(("title", "country", "released", "notes", "data_quality", "master_id"))


def _list_part(tag: str) -> str:
    return rf"(?><{tag}>(?P<{tag}>{_upto(tag)})</{tag}>|<{tag}/>)?\s*"


def _skipped_part(tag: str) -> str:
    return rf"(?><{tag}>{_upto(tag)}</{tag}>|<{tag}/>)?\s*"


def _leaf_part(tag: str, attrs: str = "") -> str:
    return rf"(?><{tag}{attrs}>(?P<{tag}>{_T})</{tag}>|<{tag}/>)?\s*"


# A release in the order the dumps write its parts (any of them may be missing): one match
# gives every part's place. Atomic groups: a part is never stretched past its own end tag.
_RELEASE = re.compile(
    rf"<release id=\"(?P<id>[0-9]+)\"(?: status=\"(?P<status>{_V})\")?>\s*"
    + _skipped_part("images")
    + _list_part("artists")
    + _leaf_part("title")
    + _list_part("labels")
    + _list_part("series")
    + _list_part("extraartists")
    + _list_part("formats")
    + _list_part("genres")
    + _list_part("styles")
    + _leaf_part("country")
    + _leaf_part("released")
    + _leaf_part("notes")
    + _leaf_part("data_quality")
    + _leaf_part("master_id", r'(?: is_main_release="(?P<main>true|false)")?')
    + _list_part("tracklist")
    + _list_part("identifiers")
    + _skipped_part("videos")
    + _skipped_part("companies")
    + r"</release>\s*",
    re.S,
)


def _release(
    rid: int, status: str, leaves: dict[str, str], lists: dict[str, tuple[object, ...]], main: bool
) -> DumpRelease:
    return DumpRelease(
        rid,
        status,
        leaves.get("title") or "",
        leaves.get("country") or "",
        (leaves.get("released") or "").strip(),
        _int((leaves.get("master_id") or "").strip()),
        main,
        leaves.get("data_quality") or "",
        leaves.get("notes") or "",
        lists.get("artists", ()),  # type: ignore[arg-type]  # each list's reader gives its type
        lists.get("extraartists", ()),  # type: ignore[arg-type]
        lists.get("labels", ()),  # type: ignore[arg-type]
        lists.get("series", ()),  # type: ignore[arg-type]
        lists.get("formats", ()),  # type: ignore[arg-type]
        lists.get("identifiers", ()),  # type: ignore[arg-type]
        lists.get("tracklist", ()),  # type: ignore[arg-type]
        lists.get("genres", ()),  # type: ignore[arg-type]
        lists.get("styles", ()),  # type: ignore[arg-type]
    )


def parse_release_plain(data: bytes) -> DumpRelease:
    """Raises NotPlain for a record to be read by lxml, ValueError for a malformed one."""
    if b"\r" in data:
        raise NotPlain  # an XML parser reads \r\n as \n
    s = data.decode()  # strict: a UnicodeDecodeError is a ValueError, so the record is malformed
    match = _RELEASE.fullmatch(s)
    if match is None:
        return _walked(s)  # parts in another order, or a part these patterns do not know
    leaves = {tag: _text(text) for tag in _LEAVES if (text := match[tag])}
    lists: dict[str, tuple[object, ...]] = {}
    for tag, read in _LISTS.items():
        start, end = match.span(tag)
        if start != -1:
            lists[tag] = read(s, start, end)
    return _release(
        int(match["id"]), _text(match["status"] or ""), leaves, lists, match["main"] == "true"
    )


def _walked(s: str) -> DumpRelease:
    """The release's parts one after another, in any order."""
    head = _HEAD.match(s)
    if head is None:
        raise NotPlain
    rid = int(head[1])
    lists: dict[str, tuple[object, ...]] = {}
    leaves: dict[str, str] = {}
    is_main = False
    pos = head.end()
    while True:
        child = _CHILD.match(s, pos)
        if child is None:
            if _END.fullmatch(s, pos) is None:
                raise NotPlain
            break
        tag = child[1]
        start = child.end()
        if child[3]:  # <notes/>: empty
            end = pos = start
        else:
            end = s.find(f"</{tag}>", start)
            if end == -1:
                raise NotPlain
            pos = end + len(tag) + 3
        read = _LISTS.get(tag)
        if read is not None:
            if child[2]:
                raise NotPlain
            lists[tag] = read(s, start, end)
        elif tag in _LEAVES:
            if _LEAF.match(s, start, end).end() != end:  # type: ignore[union-attr]  # `*` matches
                raise NotPlain
            leaves[tag] = _text(s[start:end])
            if tag == "master_id":
                main = _MAIN.fullmatch(child[2])
                if main is None and child[2]:
                    raise NotPlain
                is_main = main is not None and main[1] == "true"
            elif child[2]:
                raise NotPlain
    return _release(rid, _text(head[2] or ""), leaves, lists, is_main)
