"""The app and Deals: each new deal above the alert band is told once — a notification, the
terminal bell, and the desktop notification when configured — across restarts, repeated polls
and two searches finding one listing; and the app puts the due searches on its queue itself.
What the app emits is read where it leaves for the terminal (Textual's driver)."""

from __future__ import annotations

from typing import Any

import pytest
from deals_pane_app import polled_session, settle
from textual.drivers.headless_driver import HeadlessDriver

from gramtui.engine import deals
from gramtui.settings.config import Config
from gramtui.store.models_deals import AlertRow, EbayListingRow
from gramtui.ui.app import GramtuiApp
from gramtui.ui.deals_watch import desktop_escape
from gramtui.ui.panes.deals import DealsPane

pytestmark = pytest.mark.anyio


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app writes to the terminal (the headless driver drops it otherwise)."""
    written: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: written.append(data))
    return written


def _told(app: Any) -> list[str]:
    return [n.message for n in app._notifications if n.title == "New deal"]


async def _run(session: Any, **kwargs: Any) -> list[str]:
    app = GramtuiApp(session, start_runner=False, initial_sync=None, **kwargs)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        return _told(app)


async def test_each_deal_is_told_once_across_restarts_polls_and_searches(world, terminal) -> None:
    session = polled_session(world)
    pending = AlertRow.select().where(AlertRow.channel == "app").count()
    assert pending > 0
    told = await _run(session)
    assert len(told) == min(pending, 3)
    assert pending <= 3 or told[-1] == f"and {pending - 2} more new deals (Deals pane, 7)"
    assert terminal.count("\a") == 1  # one bell for the batch
    # desktop notifications are off by default
    assert not any("\x1b]9;" in w or "\x1b]777;" in w for w in terminal)
    assert (
        AlertRow.select().where((AlertRow.channel == "app") & (AlertRow.state != "sent")).count()
        == 0
    )

    terminal.clear()
    session = world.open()  # a restart on the same data directory
    assert await _run(session) == [] and terminal.count("\a") == 0

    deals.add_search(session.engine, "everything", "LP")  # a second search finds them again
    deals.poll_round(session.engine, session.runner)
    assert any(len(r.searches) > 1 for r in EbayListingRow.select())
    session = world.open()
    assert await _run(session) == [] and terminal.count("\a") == 0
    assert AlertRow.select().where(AlertRow.channel == "app").count() == pending


async def test_a_desktop_notification_when_configured(world, terminal) -> None:
    config = Config()
    config.deals.desktop_notify = "osc9"
    session = polled_session(world, config)
    first = AlertRow.select().where(AlertRow.channel == "app").order_by(AlertRow.id).first()
    told = await _run(session)
    assert told
    osc = [w for w in terminal if w.startswith("\a\x1b]9;")]
    assert osc == [f"\a\x1b]9;gramtui: new deal: {first.text[:180]}\x07"]


def test_the_desktop_escape_carries_no_control_from_a_title() -> None:
    hostile = "Kind \x1b]0;pwned\x07 Of Blue; \x1b[31mLP\x1b[0m\x9b"
    for kind, head in (("osc9", "\x1b]9;"), ("osc777", "\x1b]777;notify;")):
        sequence = desktop_escape(kind, "gramtui", hostile)
        assert sequence.startswith(head) and sequence.endswith("\x07")
        inner = sequence[len(head) : -1]
        assert inner.isprintable() and "\x1b" not in inner and "\x07" not in inner
    fields = desktop_escape("osc777", "a;b", hostile)[len("\x1b]777;notify;") : -1].split(";")
    assert len(fields) == 2  # a ';' in the text cannot make a third field
    assert desktop_escape("off", "gramtui", hostile) == ""


async def test_the_app_polls_ebay_while_it_runs_and_shows_the_deals(world, terminal) -> None:
    session = world.open()  # nothing polled yet: the app's timer and runner do it
    app = GramtuiApp(session, initial_sync=None)
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(300):
            await pilot.pause(0.1)
            if _told(app):
                break
        assert _told(app), "no deal told within 30 s"
        await pilot.press("7")
        await settle(pilot)
        pane = app.query_one(DealsPane)
        for _ in range(50):
            if pane.data is not None and pane.data.deals:
                break
            pane.refresh_data()
            await settle(pilot)
        assert pane.data is not None and pane.data.deals
        assert "\a" in terminal
    searched = {t.key for t in session.engine.queue.tasks(("done",), kind="deals.search")}
    assert searched == {f"deals:want:{rid}" for rid in world.want_ids}
