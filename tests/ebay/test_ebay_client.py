"""The eBay client against the eBay sandbox over loopback: token caching and renewal, paging,
typed errors with eBay's message, the daily budget, and secrets kept out of errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from gramtui.ebay.budget import CallBudget, MemoryLedger
from gramtui.ebay.client import EbayClient
from gramtui.ebay.credentials import EbayCredentials
from gramtui.ebay.errors import (
    BudgetExhausted,
    EbayBadResponse,
    EbayNetworkError,
    EbayRateLimited,
    EbayServerError,
    EbayUnauthorized,
)
from gramtui.sandbox import build_state, serve
from gramtui.sandbox.ebay import CLIENT_ID, CLIENT_SECRET, EbaySandbox, seed_listings


@pytest.fixture(scope="module")
def listings() -> list:
    return seed_listings(build_state())


@pytest.fixture
def ebay(listings: list) -> Iterator[tuple[EbaySandbox, str]]:
    sandbox = EbaySandbox(listings)
    with serve(sandbox) as server:  # type: ignore[arg-type]
        yield sandbox, server.url


def client(
    url: str,
    *,
    secret: str = CLIENT_SECRET,
    budget: CallBudget | None = None,
) -> EbayClient:
    return EbayClient(EbayCredentials(CLIENT_ID, secret), url, budget=budget)


def test_one_token_serves_many_searches_and_an_expired_one_is_renewed_once(ebay) -> None:
    sandbox, url = ebay
    c = client(url)
    for _ in range(3):
        assert c.search("LP", category_id="176985", limit=5).items
    assert sandbox.counters.tokens == 1
    sandbox.expire_tokens()  # mid-poll: the next call answers 401
    page = c.search("LP", category_id="176985", limit=5)
    assert page.items and sandbox.counters.tokens == 2
    assert c.calls_made == 3 + 1 + 3  # 3 searches + token, then the 401, a token, the search


def test_paging_goes_newest_first_and_stops_at_the_first_listing_seen(ebay) -> None:
    sandbox, url = ebay
    c = client(url)
    everything = [i.item_id for i in c.search_new("LP", lambda _: False, page_size=7, max_pages=50)]
    expected = [
        x.item_id
        for x in sandbox.listings
        if "lp" in x.title.lower().split() and "FIXED_PRICE" in x.buying_options
    ]
    assert everything == expected and len(everything) > 14
    seen = set(everything[10:])
    before = sandbox.counters.searches
    again = [i.item_id for i in c.search_new("LP", seen.__contains__, page_size=7, max_pages=50)]
    assert again == everything[:10]
    assert sandbox.counters.searches - before == 2  # pages 1 and 2, not the rest


def test_bad_credentials_say_so_without_the_secret(ebay) -> None:
    _, url = ebay
    with pytest.raises(EbayUnauthorized) as caught:
        client(url, secret="s3cr3t-value").search("LP")
    message = str(caught.value)
    assert "client authentication failed" in message and "EBAY_CLIENT_SECRET" in message
    assert "s3cr3t-value" not in message and "s3cr3t-value" not in repr(caught.value)


@pytest.mark.parametrize(
    ("fault", "error", "words"),
    [
        ((429, "17"), EbayRateLimited, "too quickly"),
        ((503, ""), EbayServerError, "internal system"),
        ((0, ""), EbayNetworkError, "RemoteProtocolError"),
        ((-1, ""), EbayBadResponse, "total"),
    ],
)
def test_errors_are_typed_with_ebay_s_message(ebay, fault, error, words) -> None:
    sandbox, url = ebay
    c = client(url)
    c.search("LP")
    sandbox.force(fault)
    with pytest.raises(error) as caught:
        c.search("LP")
    assert words in str(caught.value)
    if error is EbayRateLimited:
        assert caught.value.retry_after == 17.0
    assert c.search("LP").items  # the next call recovers


def test_the_daily_budget_is_never_exceeded(ebay) -> None:
    sandbox, url = ebay
    ledger = MemoryLedger()
    day = datetime(2026, 12, 3, 22, 0, tzinfo=UTC)
    c = client(url, budget=CallBudget(ledger, limit=3, clock=lambda: day))
    c.search("LP")
    c.search("LP")  # token + 2 searches = 3
    with pytest.raises(BudgetExhausted) as caught:
        c.search("LP")
    assert sandbox.counters.total == 3 and ledger.used("2026-12-03") == 3
    assert caught.value.retry_after == 2 * 3600  # midnight UTC
    assert "3 calls" in str(caught.value)
