"""The labelled listing titles and how a matcher fares on them (shared by the test and the bench)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gramtui.domain.deals.matching import Match

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "deals" / "labelled_titles.json"


def rows() -> list[dict[str, object]]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@dataclass
class Quality:
    total: int = 0
    matchable: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    wrong_titles: list[str] = field(default_factory=list)
    missed_titles: list[str] = field(default_factory=list)

    @property
    def wrong_share(self) -> float:
        return self.wrong / self.total

    @property
    def recall(self) -> float:
        return self.right / self.matchable


def evaluate(match: Callable[[str], Match], labelled: list[dict[str, object]]) -> Quality:
    q = Quality()
    for row in labelled:
        q.total += 1
        title = str(row["title"])
        want_release, want_master = row["release_id"], row["master_id"]
        got = match(title)
        if want_release or want_master:
            q.matchable += 1
        if not got.matched:
            if want_release or want_master:
                q.missed += 1
                q.missed_titles.append(f"{title}  [{row['kind']}]  {got.reason}")
            continue
        ok = (
            (got.release_id == want_release)
            if want_release
            else (got.release_id is None and got.master_id == want_master)
        )
        if ok:
            q.right += 1
        else:
            q.wrong += 1
            q.wrong_titles.append(
                f"{title}  [{row['kind']}]  got {got.release_id}/{got.master_id} "
                f"want {want_release}/{want_master}  {got.reason}"
            )
    return q
