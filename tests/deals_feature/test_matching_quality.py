"""Must hold: on ≥ 300 realistic listing titles built from the real dump sample, wrong matches
≤ 1 % of all titles and ≥ 90 % of the matchable ones matched (the naive recipe's figures are in
tests/bench/bench_deals.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from gramtui.domain.deals.matching import Matcher
from gramtui.store.deals_catalogue import FtsCatalogue
from tests.deals_feature.dump_sample import read_releases
from tests.deals_feature.labelled import evaluate, rows


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    catalogue = FtsCatalogue()
    catalogue.load(read_releases())
    return Matcher(catalogue)


def test_the_labelled_set_has_every_kind_of_noise_and_near_miss() -> None:
    kinds = Counter(str(r["kind"]) for r in rows())
    assert sum(kinds.values()) >= 300
    for kind in (
        "clean",
        "noise",
        "caps",
        "typo",
        "catno",
        "by",
        "sealed",
        "label",
        "volume",
        "wrong_format",
        "unknown_title",
        "unknown",
        "lot",
    ):
        assert kinds[kind] >= 10, kind


def test_wrong_matches_are_rare_and_matchable_titles_match(matcher: Matcher) -> None:
    q = evaluate(matcher.match, rows())
    assert q.wrong <= 0.01 * q.total, "\n".join(q.wrong_titles)
    assert q.right >= 0.90 * q.matchable, "\n".join(q.missed_titles)


def test_the_catno_in_other_punctuation_names_the_pressing(matcher: Matcher) -> None:
    for title in (
        "The Persuader Stockholm sk-032 vinyl",
        'Stockholm SK 032 Persuader 12"',
        "PERSUADER stockholm sk.032 VG+",
    ):
        got = matcher.match(title)
        assert (got.release_id, got.method) == (1, "catno"), title


def test_another_volume_of_a_series_is_not_matched(matcher: Matcher) -> None:
    assert matcher.match('DJ Rasoul Soul Searching Vol. 2 12" VG+').release_id == 27
    assert not matcher.match('DJ Rasoul Soul Searching Vol. 3 12" VG+').matched


def test_the_right_record_in_the_wrong_format_is_not_matched(matcher: Matcher) -> None:
    assert matcher.match("The Persuader - Stockholm 2LP").release_id == 1
    assert not matcher.match("The Persuader - Stockholm CD").matched


def test_a_refused_pair_is_never_matched_again(matcher: Matcher) -> None:
    assert matcher.match("The Persuader - Stockholm LP").release_id == 1
    assert not matcher.match("The Persuader - Stockholm LP", refused={1}).matched
