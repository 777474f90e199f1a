"""The collection's statistics, each one SQL over the store (the same numbers for the Insight
pane and `gramtui stats`). A record is one copy (an instance); `folder` narrows every chart.

Plain dataclasses come out, so a pane can compute them in a thread worker and draw them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gramtui.store.catalogue import raw_connection

VALUE_CONDITION = "Very Good Plus (VG+)"  # the grade a record is valued at (its price suggestion)
TOP = 25


@dataclass(frozen=True)
class Bar:
    key: str
    count: int  # records (rarity: owners, or copies for sale; value: records with a suggestion)
    estimated: int = 0  # decades: records whose year is the pressing's, not the master's
    amount_cents: int | None = None  # value: summed price suggestions
    currency: str = ""
    release_id: int | None = None  # bars that are one release (value, rarity, copies)
    have: int | None = None  # rarity: the Discogs community's counts, where known
    want: int | None = None


@dataclass(frozen=True)
class Chart:
    by: str
    title: str
    bars: list[Bar]
    note: str = ""


@dataclass(frozen=True)
class ValueSnapshot:
    day: str
    minimum: str
    median: str
    maximum: str


@dataclass(frozen=True)
class Headline:
    records: int
    releases: int
    artists: int
    labels: int
    formats: int
    value: ValueSnapshot | None
    value_trend: list[ValueSnapshot] = field(default_factory=list)


_BASE = "FROM instance i JOIN release r ON r.id = i.release_id"


def _where(folder: int | None, extra: str = "") -> tuple[str, tuple[object, ...]]:
    clauses = [extra] if extra else []
    params: tuple[object, ...] = ()
    if folder is not None:
        clauses.append("i.folder_id = ?")
        params = (folder,)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


# rows as SQLite gives them: each column has the type its SQL says
def _rows(sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
    return raw_connection().execute(sql, params).fetchall()


def _counted(
    by: str,
    title: str,
    key_sql: str,
    folder: int | None,
    *,
    joins: str = "",
    extra: str = "",
    top: int | None = TOP,
    order: str = "n DESC, k",
) -> Chart:
    where, params = _where(folder, extra)
    limit = f" LIMIT {int(top)}" if top else ""
    rows = _rows(
        f"SELECT {key_sql} AS k, count(*) AS n {_BASE} {joins}{where} GROUP BY k "
        f"ORDER BY {order}{limit}",
        params,
    )
    return Chart(by, title, [Bar(str(k) if k is not None else "(none)", int(n)) for k, n in rows])


def _each_counted(
    column: str, folder: int | None, extra: str = "", params: tuple[object, ...] = (), top: int = 0
) -> list[tuple[Any, ...]]:
    """Records per value of a JSON list column (genres, styles). The records are grouped by the
    list's text first and only the distinct lists are unpacked: json_each once per record was
    most of the time of these charts at 50,000 records."""
    where, folder_params = _where(folder, extra)
    limit = f" LIMIT {int(top)}" if top else ""
    return _rows(
        f"WITH c AS (SELECT r.{column} AS js, count(*) AS n {_BASE}{where} GROUP BY r.{column})"
        f" SELECT e.value AS k, sum(c.n) AS n FROM c, json_each(c.js) e"
        f" GROUP BY k ORDER BY n DESC, k{limit}",
        (*params, *folder_params),
    )


def genres(folder: int | None = None) -> Chart:
    rows = _each_counted("genres", folder)
    return Chart("genre", "Records by genre", [Bar(str(k), int(n)) for k, n in rows])


def styles(folder: int | None = None, genre: str | None = None) -> Chart:
    extra = "EXISTS (SELECT 1 FROM json_each(r.genres) WHERE value = ?)" if genre else ""
    rows = _each_counted("styles", folder, extra, (genre,) if genre else (), top=TOP)
    title = f"Styles within {genre}" if genre else "Records by style"
    return Chart("style", title, [Bar(str(k), int(n)) for k, n in rows])


def decades(folder: int | None = None) -> Chart:
    """By the decade of each record's first release: the master's year; a record whose master's
    year is not known yet counts by its own year and is an estimate."""
    where, params = _where(folder)
    rows = _rows(
        "SELECT (COALESCE(r.master_year, r.year) / 10) * 10 AS d, count(*),"
        " sum(r.master_year IS NULL AND r.master_id IS NOT NULL AND r.year IS NOT NULL)"
        f" {_BASE}{where} GROUP BY d ORDER BY d IS NULL, d",
        params,
    )
    bars = [Bar(f"{d}s" if d is not None else "unknown", int(n), int(e or 0)) for d, n, e in rows]
    estimated = sum(b.estimated for b in bars)
    return Chart(
        "decade",
        "Records by decade of first release",
        bars,
        f"{estimated} of {sum(b.count for b in bars)} years are estimates "
        "(the pressing's year: the master's year is not known yet)",
    )


def added(folder: int | None = None, period: str = "month") -> Chart:
    width = 7 if period == "month" else 4
    return _counted(
        "added",
        f"Records added per {period}",
        f"substr(i.date_added, 1, {width})",
        folder,
        extra="i.date_added IS NOT NULL",
        top=None,
        order="k",
    )


def labels(folder: int | None = None) -> Chart:
    return _counted("label", "Top labels", "r.label", folder, extra="r.label != ''")


def artists(folder: int | None = None) -> Chart:
    """Main credits, one count per credited artist; "Various" is kept apart."""
    name = "json_extract(a.value, '$[0]')"
    chart = _counted(
        "artist",
        "Top artists",
        name,
        folder,
        joins=", json_each(r.artists) a",
        extra=f"{name} NOT IN ('Various', 'Various Artists')",
    )
    where, params = _where(
        folder,
        "EXISTS (SELECT 1 FROM json_each(r.artists) WHERE "
        "json_extract(value, '$[0]') IN ('Various', 'Various Artists'))",
    )
    various = _rows(f"SELECT count(*) {_BASE}{where}", params)[0][0]
    return Chart("artist", chart.title, chart.bars, f"{various} records by Various")


FORMAT_KIND = """CASE
    WHEN instr(r.formats, '"Box Set"') THEN 'Box set'
    WHEN instr(r.formats, '"LP"') OR instr(r.formats, '"12\\""') THEN 'LP / 12"'
    WHEN instr(r.formats, '"10\\""') THEN '10"'
    WHEN instr(r.formats, '"7\\""') THEN '7"'
    WHEN instr(r.formats, '"CD"') OR instr(r.formats, '"CDr"') THEN 'CD'
    WHEN instr(r.formats, '"Cassette"') THEN 'Cassette'
    WHEN instr(r.formats, '"File"') THEN 'File'
    WHEN r.formats = '[]' THEN 'unknown'
    ELSE json_extract(r.formats, '$[0][0]') END"""


def formats(folder: int | None = None) -> Chart:
    """Box sets first, then LP/12", 10", 7", CD, cassette, file, else the first format's name."""
    where, params = _where(folder)
    rows = _rows(  # the kind worked out once per distinct formats list, not once per record
        f"WITH c AS (SELECT r.formats AS formats, count(*) AS n {_BASE}{where} GROUP BY r.formats)"
        f" SELECT {FORMAT_KIND} AS k, sum(r.n) AS n FROM c AS r GROUP BY k ORDER BY n DESC, k",
        params,
    )
    return Chart("format", "Records by format", [Bar(str(k), int(n)) for k, n in rows])


def _suggestion(part: int) -> str:
    return f"json_extract(m.suggestions, '$.\"{VALUE_CONDITION}\"[{part}]')"


def value(folder: int | None = None) -> Chart:
    """Per folder: the summed VG+ price suggestions (per currency) and how many records have one."""
    where, params = _where(folder, f"{_suggestion(0)} IS NOT NULL")
    rows = _rows(
        f"SELECT COALESCE(f.name, i.folder_id), count(*), sum({_suggestion(0)}), {_suggestion(1)} AS c"
        f" {_BASE} JOIN market m ON m.release_id = r.id LEFT JOIN folder f ON f.id = i.folder_id"
        f"{where} GROUP BY i.folder_id, c ORDER BY sum({_suggestion(0)}) DESC",
        params,
    )
    bars = [Bar(str(k), int(n), amount_cents=int(s), currency=str(c)) for k, n, s, c in rows]
    return Chart(
        "value",
        f"Value by folder (price suggestions at {VALUE_CONDITION})",
        bars,
        "most valuable records: gramtui stats --by value --json lists them",
    )


def most_valuable(folder: int | None = None, top: int = TOP) -> Chart:
    where, params = _where(folder, f"{_suggestion(0)} IS NOT NULL")
    rows = _rows(
        f"SELECT r.id, r.artist, r.title, {_suggestion(0)} AS v, {_suggestion(1)}"
        f" {_BASE} JOIN market m ON m.release_id = r.id{where}"
        f" GROUP BY r.id ORDER BY v DESC, r.id LIMIT {int(top)}",
        params,
    )
    bars = [
        Bar(_name(a, t), 1, amount_cents=int(v), currency=str(c), release_id=int(rid))
        for rid, a, t, v, c in rows
    ]
    return Chart("value", f"Most valuable records (at {VALUE_CONDITION})", bars)


def rarity(folder: int | None = None, top: int = TOP) -> Chart:
    """The records fewest Discogs users own (then the most wanted per owner), among releases
    whose community counts are known; before any are, the fewest copies for sale."""
    where, params = _where(folder)
    known, releases = _rows(
        f"SELECT count(DISTINCT c.release_id), count(DISTINCT r.id) {_BASE}"
        f" LEFT JOIN release_community c ON c.release_id = r.id AND c.have IS NOT NULL{where}",
        params,
    )[0]
    if not known:
        return _rarity_for_sale(folder, top)
    where, params = _where(folder, "c.have IS NOT NULL AND c.want IS NOT NULL")
    rows = _rows(
        f"SELECT r.id, r.artist, r.title, c.have, c.want {_BASE}"
        f" JOIN release_community c ON c.release_id = r.id{where} GROUP BY r.id"
        f" ORDER BY c.have, CAST(c.want AS REAL) / max(c.have, 1) DESC, r.id LIMIT {int(top)}",
        params,
    )
    bars = [
        Bar(_name(a, t), int(h), release_id=int(rid), have=int(h), want=int(w))
        for rid, a, t, h, w in rows
    ]
    note = f"have/want known for {known} of {releases} releases"
    if known < releases:
        note += "; the rest follow as the queue fetches them"
    return Chart("rarity", "Rarest records (fewest owners on Discogs)", bars, note)


def _rarity_for_sale(folder: int | None, top: int) -> Chart:
    where, params = _where(folder, "m.num_for_sale IS NOT NULL")
    rows = _rows(
        f"SELECT r.id, r.artist, r.title, m.num_for_sale {_BASE}"
        f" JOIN market m ON m.release_id = r.id{where}"
        f" GROUP BY r.id ORDER BY m.num_for_sale, r.id LIMIT {int(top)}",
        params,
    )
    bars = [Bar(_name(a, t), int(n), release_id=int(rid)) for rid, a, t, n in rows]
    return Chart(
        "rarity",
        "Rarest records (fewest copies for sale)",
        bars,
        "no community have/want known yet (the queue fetches them while the app runs):"
        " ranked by the fewest copies for sale, known for listed and wanted records",
    )


def copies(folder: int | None = None) -> Chart:
    where, params = _where(folder)
    rows = _rows(
        f"SELECT r.id, r.artist, r.title, count(*) AS n {_BASE}{where}"
        " GROUP BY r.id HAVING n > 1 ORDER BY n DESC, r.id",
        params,
    )
    bars = [Bar(_name(a, t), int(n), release_id=int(rid)) for rid, a, t, n in rows]
    return Chart("copies", "Records owned more than once", bars)


def _name(artist: object, title: object) -> str:
    return f"{artist} — {title}" if artist else str(title)


def headline(folder: int | None = None) -> Headline:
    where, params = _where(folder)
    records, releases, labels_n = _rows(
        f"SELECT count(*), count(DISTINCT r.id), count(DISTINCT NULLIF(r.label, ''))"
        f" {_BASE}{where}",
        params,
    )[0]
    formats_n = _rows(
        f"SELECT count(DISTINCT {FORMAT_KIND}) FROM"
        f" (SELECT DISTINCT r.formats AS formats {_BASE}{where}) AS r",
        params,
    )[0][0]
    artists_n = _rows(  # each distinct credits list unpacked once
        f"SELECT count(DISTINCT json_extract(a.value, '$[0]')) FROM"
        f" (SELECT DISTINCT r.artists AS artists {_BASE}{where}) AS r, json_each(r.artists) a",
        params,
    )[0][0]
    trend = [
        ValueSnapshot(str(d), str(lo), str(me), str(hi))
        for d, lo, me, hi in _rows(
            "SELECT day, minimum, median, maximum FROM collection_value ORDER BY day"
        )
    ]
    return Headline(
        int(records),
        int(releases),
        int(artists_n),
        int(labels_n),
        int(formats_n),
        trend[-1] if trend else None,
        trend,
    )


CHARTS: dict[str, Callable[[int | None], Chart]] = {
    "genre": genres,
    "style": styles,
    "decade": decades,
    "added": added,
    "label": labels,
    "artist": artists,
    "format": formats,
    "value": value,
    "rarity": rarity,
    "copies": copies,
}
