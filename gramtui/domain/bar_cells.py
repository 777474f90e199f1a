"""Horizontal bars in terminal cells, drawn to an eighth of a cell (for the Insight charts)."""

from __future__ import annotations

FULL = "█"
PARTS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")  # 0/8 … 7/8 of a cell


def bar_text(value: float, maximum: float, width: int) -> str:
    """A bar for `value` when `maximum` fills `width` cells; any value above zero shows at least
    an eighth, so a bar is never hidden beside its number."""
    if value <= 0 or maximum <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value, maximum) / maximum * width * 8))
    full, part = divmod(eighths, 8)
    return FULL * full + PARTS[part]


def split_bar(value: float, estimated: float, maximum: float, width: int) -> tuple[str, str]:
    """The bar for `value` cut in two: the sure part, then the part that is `estimated`."""
    whole = bar_text(value, maximum, width)
    sure = bar_text(value - estimated, maximum, width) if value > estimated else ""
    cut = len(sure.rstrip("".join(PARTS[1:])))  # a partial cell belongs to the estimated part
    if estimated <= 0:
        return whole, ""
    return whole[:cut], whole[cut:]
