"""The screen sizes the stylesheet tells apart (Textual adds the class to the screen)."""

from __future__ import annotations

# Up to 31 rows (an 80×24 terminal) the screen has the class -short: gramtui.tcss packs panes
# tighter there (fewer borders, secondary panels left out), so lists keep their rows.
VERTICAL_BREAKPOINTS: list[tuple[int, str]] = [(0, "-short"), (32, "-tall")]
