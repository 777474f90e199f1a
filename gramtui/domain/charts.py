"""The names of the collection's charts (Insight, `gramtui stats --by`), in the order shown.

Kept apart from the SQL that draws them so the command line can offer them without loading the
store (`gramtui --help` stays light)."""

from __future__ import annotations

BY = ("genre", "style", "decade", "added", "label", "artist", "format", "value", "rarity", "copies")
