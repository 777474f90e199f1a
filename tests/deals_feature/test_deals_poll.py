"""Must hold: no listing alerts twice (restarts, repeated polls, the same item in two searches);
the daily budget is never exceeded; a token expiring mid-poll is renewed with no task failing;
eBay 401, 429, 5xx, dropped connections and wrong shapes give one clear message and the next poll
recovers with nothing lost."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from gramtui.engine import deals
from gramtui.sandbox.ebay import SandboxListing
from gramtui.settings.config import Config
from gramtui.store.models_deals import AlertRow, EbayListingRow


def test_a_round_finds_matches_values_and_alerts_the_bargains(world, poll) -> None:
    session = world.sessions[0]
    summary = poll(session)
    assert summary.errors == [] and summary.searches == len(world.want_ids)
    assert summary.calls == len(world.want_ids) + 1  # one page each, and the token
    lines = deals.deal_lines(session.engine)
    kinds = {x.item_id: x.kind for x in world.ebay.listings}
    matched = {kinds[d.item_id] for d in lines}
    assert {"bargain", "fair", "overpriced"} <= matched
    assert not matched & {"format", "lot", "unrelated", "hostile"}
    for d in lines:
        assert d.release_id in world.want_ids
    alerted = {kinds[d.item_id] for d in lines if d.alerted}
    assert "bargain" in alerted and "overpriced" not in alerted and "fair" not in alerted
    assert summary.new_deals == sum(1 for d in lines if d.alerted) > 0


def test_no_listing_alerts_twice_across_polls_restarts_and_searches(world, poll) -> None:
    session = world.sessions[0]
    poll(session)
    first = AlertRow.select().count()
    assert first > 0
    assert poll(session).new_deals == 0
    session = world.open()  # a restart
    # The same items found by a second search: a saved search for every LP and CD.
    deals.add_search(session.engine, "everything", "LP")
    deals.add_search(session.engine, "cds", "CD")
    later = poll(session)
    assert later.new_deals == 0 and later.errors == []
    assert AlertRow.select().count() == first
    assert all(len(set(r.searches)) == len(r.searches) for r in EbayListingRow.select())
    assert any(len(r.searches) > 1 for r in EbayListingRow.select())


def test_a_token_expiring_mid_poll_is_renewed_and_no_task_fails(world, poll) -> None:
    session = world.sessions[0]
    world.ebay.expire_tokens(after_searches=3)
    summary = poll(session)
    assert summary.errors == [] and summary.searches == 6
    assert world.ebay.counters.tokens == 2
    assert summary.calls == 6 + 1 + 2  # 6 searches, the first token, one 401 and its new token
    assert not [t for t in session.engine.queue.tasks(("failed",))]


def test_faults_give_one_sentence_and_the_next_poll_recovers(world, poll) -> None:
    session = world.open(backoff=5.0)  # retries wait past the round: the round reports them
    world.ebay.force((429, "60"), (503, ""), (0, ""), (-1, ""))
    summary = poll(session)
    assert len(summary.errors) == 4
    text = "\n".join(summary.errors)
    for words in ("too quickly", "problem of its own", "Could not get an answer", "cannot read"):
        assert words in text
    assert all("\n" not in e and "Traceback" not in e for e in summary.errors)
    got = EbayListingRow.select().count()
    after = poll(session)
    assert after.errors == []
    assert EbayListingRow.select().count() > got  # the failed searches' listings arrived


def test_the_daily_budget_is_never_exceeded(world, poll) -> None:
    config = Config()
    config.ebay.daily_budget = 4
    session = world.open(config)
    before = world.ebay.counters.total
    summary = poll(session)
    assert world.ebay.counters.total - before == 4 == summary.budget_used
    assert any("budget of 4 calls is used up" in e for e in summary.errors)
    again = poll(session)  # nothing more today
    assert world.ebay.counters.total - before == 4 and again.calls == 0


def test_a_catno_the_store_lacks_is_asked_of_discogs_and_then_matches(world, poll) -> None:
    session = world.sessions[0]
    newest = max(x.created for x in world.ebay.listings)
    world.ebay.add(
        SandboxListing(
            "v1|111222333444|0",
            "The Fall BEGA-75 LP UK VG+",
            Decimal("4.00"),
            "176985",
            newest + timedelta(minutes=5),
        )
    )
    deals.add_search(session.engine, "the fall", "Fall LP")
    poll(session)
    bend = [x for x in world.ebay.listings if "BEGA-75" in x.title]
    assert EbayListingRow.get_by_id(bend[0].item_id).method == "none"  # too little to go on
    lookups = session.engine.queue.tasks(("pending",), kind="deals.lookup")
    assert any("bega75" in t.key for t in lookups)
    summary = deals.poll_round(session.engine, session.runner, discogs=True)
    assert summary.errors == []
    row = EbayListingRow.get_by_id(bend[0].item_id)
    assert (row.release_id, row.method) == (371311, "catno")


def test_the_app_is_told_of_each_new_deal_once_and_sees_the_budget(world, poll) -> None:
    session = world.sessions[0]
    summary = poll(session)
    shown = deals.pending_app_alerts(session.engine)
    assert len(shown) == summary.new_deals > 0
    deals.app_alerts_shown(session.engine, [a.alert_id for a in shown])
    poll(world.open())
    assert deals.pending_app_alerts(world.sessions[0].engine) == []
    status = deals.budget_status(world.sessions[0].engine)
    assert status.used == world.ebay.counters.total and status.limit == 5000
