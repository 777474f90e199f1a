"""Matching asks the local catalogue where a releases dump is loaded: the real dump sample
ingested through the Insight feature, then the labelled listing titles matched through the
engine (`deals match` does the same) with the quality the matcher has on that sample."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gramtui.engine import deals, dump_ingest
from gramtui.engine.setup import Session, open_session
from gramtui.settings.paths import Paths
from gramtui.store.deals_dump import FILE_NAME
from tests.deals_feature.dump_sample import SAMPLE
from tests.deals_feature.labelled import evaluate, rows


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = open_session(
        Paths(tmp_path, tmp_path / "c.toml"),
        base_url="http://127.0.0.1:9",
        log_to_file=False,
        daily_backup=False,
    )
    yield s
    s.close()


def test_a_loaded_dump_is_the_matching_catalogue(session: Session, tmp_path: Path) -> None:
    labelled = rows()
    matchable = [r for r in labelled if r["release_id"] or r["master_id"]]
    titles = [str(r["title"]) for r in matchable[:40]]
    before = deals.match_titles(session.engine, titles)
    assert not any(m.matched for m in before)  # the store alone knows none of these records

    (source,) = dump_ingest.plan([SAMPLE])
    dump_ingest.ingest(source, "all", parallel=False)
    every = [str(r["title"]) for r in labelled]
    answers = dict(zip(every, deals.match_titles(session.engine, every), strict=True))
    quality = evaluate(answers.__getitem__, labelled)
    print(f"dump catalogue: wrong {quality.wrong_share:.1%}, matched {quality.recall:.1%}")
    assert quality.wrong_share <= 0.01 and quality.recall >= 0.90
    assert (tmp_path / FILE_NAME).exists()  # copied once, reused by the next matcher
