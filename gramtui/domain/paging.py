"""How far to believe a server's page figures (`items`, `pages`, `per_page`).

A sync removes what it did not see only when the run is provably whole, so the figures of the
first page are checked against each other before they are used: a server claiming one page for
612 items, -5 pages or 10^9 pages must neither make a partial read look complete nor make the
queue read forever.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

MARGIN_PAGES = 2  # read this far past what `items` justifies, in case items were added meanwhile
LOOKAHEAD = 3  # pages queued ahead of the one just read


@dataclass(frozen=True, slots=True)
class PageFigures:
    items: int
    pages: int
    per_page: int

    @property
    def justified(self) -> int:
        """The pages `items` needs at `per_page` (at least 1: the first page is always read)."""
        if self.items <= 0 or self.per_page <= 0:
            return 1
        return -(-self.items // self.per_page)

    @property
    def doubt(self) -> str:
        """Why these figures cannot be trusted, or "" when they agree with each other."""
        if self.items < 0 or self.pages < 0 or self.per_page <= 0:
            return (
                f"the server's page figures are impossible ({self.items} items, "
                f"{self.pages} pages of {self.per_page})"
            )
        if self.pages != self.justified and not (self.items == 0 and self.pages == 0):
            return (
                f"the server's page figures do not add up ({self.items} items at "
                f"{self.per_page} a page need {self.justified} pages, not {self.pages})"
            )
        return ""

    @property
    def last_page(self) -> int:
        """The last page worth asking for: the announced one when the figures agree, else what
        `items` can justify plus a small margin (a page count of 10^9 is not believed)."""
        if not self.doubt:
            return max(1, self.pages)
        return self.justified + MARGIN_PAGES


def signature(ids: Iterable[int]) -> str:
    """A short fingerprint of a page's item ids, to notice a page that repeats the previous one."""
    text = ",".join(str(i) for i in ids)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
