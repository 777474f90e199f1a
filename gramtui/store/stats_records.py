"""The records behind one bar of a chart (store/stats.py): the instance ids a bar counts, in the
Shelves list's artist order, so the Insight pane can list them and jump to one.

Each chart's key is matched with the same SQL expression the chart groups by, so a bar's records
are exactly the ones it counted.
"""

from __future__ import annotations

from gramtui.store.stats import _BASE, FORMAT_KIND, _rows, _suggestion, _where

_ARTIST = "json_extract(a.value, '$[0]')"
_ORDER = " ORDER BY r.artist, r.title, i.id"
NONE = "(none)"  # the key a chart gives a bar of records without the value


def _key_clause(by: str, key: str, period: str) -> tuple[str, str, tuple[object, ...]]:
    """(joins, condition, parameters) selecting the instances of bar `key` in chart `by`."""
    if by == "genre":
        return "", "EXISTS (SELECT 1 FROM json_each(r.genres) WHERE value = ?)", (key,)
    if by == "style":
        return "", "EXISTS (SELECT 1 FROM json_each(r.styles) WHERE value = ?)", (key,)
    if by == "decade":
        if key == "unknown":
            return "", "COALESCE(r.master_year, r.year) IS NULL", ()
        return "", "(COALESCE(r.master_year, r.year) / 10) * 10 = ?", (int(key.rstrip("s")),)
    if by == "added":
        width = 7 if period == "month" else 4
        return "", f"substr(i.date_added, 1, {width}) = ?", (key,)
    if by == "label":
        return ("", "r.label IS NULL", ()) if key == NONE else ("", "r.label = ?", (key,))
    if by == "artist":
        return (
            "",
            f"EXISTS (SELECT 1 FROM json_each(r.artists) a WHERE {_ARTIST} = ?)",
            (key,),
        )
    if by == "format":
        if key == NONE:
            return "", f"({FORMAT_KIND}) IS NULL", ()
        return "", f"({FORMAT_KIND}) = ?", (key,)
    if by == "value":  # the bars are folders, named as the chart names them
        return (
            " JOIN market m ON m.release_id = r.id LEFT JOIN folder f ON f.id = i.folder_id",
            f"CAST(COALESCE(f.name, i.folder_id) AS TEXT) = ? AND {_suggestion(0)} IS NOT NULL",
            (key,),
        )
    raise KeyError(by)


def instances_of_bar(
    by: str,
    key: str,
    folder: int | None = None,
    *,
    genre: str | None = None,
    period: str = "month",
    release_id: int | None = None,
) -> list[int]:
    """The instance ids counted by one bar. Bars that are one release (most valuable, rarest,
    owned more than once) pass its `release_id`; styles within a genre pass the `genre`."""
    params: tuple[object, ...]
    if release_id is not None:
        joins, condition, params = "", "r.id = ?", (release_id,)
    else:
        joins, condition, params = _key_clause(by, key, period)
        if by == "style" and genre:
            condition += " AND EXISTS (SELECT 1 FROM json_each(r.genres) WHERE value = ?)"
            params = (*params, genre)
    where, folder_params = _where(folder, condition)
    rows = _rows(f"SELECT i.id {_BASE}{joins}{where}{_ORDER}", (*params, *folder_params))
    return [int(i) for (i,) in rows]
