"""Removals a full sync holds back until the user agrees (too large a share of a category).

Kept in the meta table as JSON, one entry per category: the run that read the category whole,
how many of its records it did not see, and of how many. The run id is what makes a later
"yes" safe: only records that run (and quick syncs since) did not see are removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from gramtui.store import meta

_KEY = "held_removals"

NOUNS = {"collection": "records", "inventory": "listings", "wants": "wants"}


@dataclass(frozen=True, slots=True)
class HeldRemoval:
    category: str
    run_id: int
    count: int
    of: int

    def text(self) -> str:
        percent = 100 * self.count / max(1, self.of)
        return (
            f"{self.count} {NOUNS.get(self.category, self.category)} of {self.of} "
            f"({percent:.0f} %) would be removed"
        )


def held() -> list[HeldRemoval]:
    data = json.loads(meta.get(_KEY, "{}") or "{}")
    return [
        HeldRemoval(name, int(v["run"]), int(v["count"]), int(v["of"]))
        for name, v in sorted(data.items())
    ]


def hold(category: str, run_id: int, count: int, of: int) -> None:
    data = json.loads(meta.get(_KEY, "{}") or "{}")
    data[category] = {"run": run_id, "count": count, "of": of}
    meta.put(_KEY, json.dumps(data))


def clear(category: str | None = None) -> None:
    data = json.loads(meta.get(_KEY, "{}") or "{}")
    if category is None:
        data = {}
    else:
        data.pop(category, None)
    meta.put(_KEY, json.dumps(data))
