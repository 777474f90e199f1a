"""Alerts for new deals above the alert band, once per listing and channel (the outbox's unique
index), and the Telegram sender: a plain HTTPS POST to sendMessage with HTML-escaped text that
honours `retry_after` on 429. An outage delays alerts; it never loses or doubles them."""

from __future__ import annotations

import html
import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from gramtui.domain.deals.text import strip_controls
from gramtui.domain.tasks import Priority
from gramtui.engine.context import Engine
from gramtui.engine.queue import Task
from gramtui.store import deals as store
from gramtui.store import meta
from gramtui.store.models_deals import EbayListingRow

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)
KIND_SEND = "deals.alerts"
KEY_SEND = "deals:alerts:telegram"
HOLD_KEY = "telegram_hold_until"
RETRY = timedelta(minutes=2)  # after an outage or a 5xx
MAX_ATTEMPTS = 20
STUCK = timedelta(minutes=10)  # an alert "sending" this long was cut off by a crash


def _amount(cents: int | None, currency: str) -> str:
    return "?" if cents is None else f"{Decimal(cents) / 100:.2f} {currency}"


def _summary(row: EbayListingRow) -> tuple[str, str, str]:
    cost = _amount(row.price_cents, row.currency)
    if row.shipping_cents is not None:
        cost += f" + {_amount(row.shipping_cents, row.shipping_currency or row.currency)}"
    worth = _amount(row.worth_cents, row.worth_currency)
    under = f"{Decimal(row.score) * 100:.0f}% under worth" if row.score else "not comparable"
    return cost, worth, under


def app_text(row: EbayListingRow) -> str:
    cost, worth, under = _summary(row)
    return f"{strip_controls(row.title)} — {cost}, worth {worth} ({under})"


def telegram_text(row: EbayListingRow) -> str:
    cost, worth, under = _summary(row)
    target = f"release {row.release_id}" if row.release_id else f"master {row.master_id}"
    return (
        f"<b>{html.escape(strip_controls(row.title))}</b>\n"
        f"{html.escape(cost)} · worth {html.escape(worth)} ({html.escape(under)})\n"
        f"Discogs {target} · {html.escape(row.method)} {row.confidence:.2f}\n"
        f'<a href="{html.escape(row.url, quote=True)}">eBay listing</a>'
    )


def telegram_on(engine: Engine) -> bool:
    t = engine.config.telegram
    return bool(t.bot_token and t.chat_id)


def alert(engine: Engine, row: EbayListingRow) -> bool:
    """Alert once for this listing (per channel); True when this call created the app alert."""
    now = engine.clock()
    created = store.add_alert(row.item_id, "app", app_text(row), now)
    if telegram_on(engine):
        at = max(now, _hold())  # a new alert never jumps Telegram's retry_after
        if store.add_alert(row.item_id, "telegram", telegram_text(row), at):
            engine.queue.enqueue(
                KIND_SEND, KEY_SEND, {}, priority=Priority.BACKGROUND, not_before=at
            )
    return created


def _hold() -> datetime:
    """Until when Telegram asked us to wait (its last 429), or the distant past."""
    text = meta.get(HOLD_KEY)
    return datetime.fromisoformat(text) if text else datetime.min.replace(tzinfo=UTC)


def handle_send(task: Task, engine: Engine) -> None:
    """Send the due Telegram alerts; on 429 or an outage, come back later (a new task)."""
    t = engine.config.telegram
    if not (t.bot_token and t.chat_id):
        return
    now = engine.clock()
    if now < _hold():
        engine.queue.enqueue(
            KIND_SEND, KEY_SEND, {}, priority=Priority.BACKGROUND, not_before=_hold()
        )
        return
    store.recover_alerts(now - STUCK)
    import httpx  # here: a session that sends no alert never loads it

    with httpx.Client(base_url=t.url.rstrip("/"), timeout=20.0) as http:
        for row in store.due_alerts("telegram", now):
            if not store.claim_alert(row.id, now):
                continue
            if _send_one(http, t.bot_token, t.chat_id, row.id, row.text, row.attempts + 1, now):
                break  # Telegram is down or asks to wait: the rest wait too
    due = store.next_alert_due("telegram")
    if due is not None:
        engine.queue.enqueue(KIND_SEND, KEY_SEND, {}, priority=Priority.BACKGROUND, not_before=due)


def _send_one(
    http: httpx.Client,
    token: str,
    chat_id: str,
    alert_id: int,
    text: str,
    attempts: int,
    now: datetime,
) -> bool:
    """Send one alert; True when Telegram is unreachable or asks to wait (the alert is back to
    pending for later), False when it is done with (sent, or failed for good)."""
    import httpx  # loaded already by handle_send: this binds the name for the except below

    try:
        response = http.post(
            f"/bot{token}/sendMessage",
            json={
                "chat_id": chat_id,
                "text": text,
                "parse_mode": "HTML",
                "disable_web_page_preview": True,
            },
        )
    except httpx.TransportError as e:
        store.alert_later(alert_id, now + RETRY, f"no answer from Telegram ({type(e).__name__})")
        return True
    body: Any = None
    try:
        body = response.json()
    except ValueError:
        body = None
    said = body.get("description", "") if isinstance(body, dict) else ""
    if response.status_code == 200:
        store.alert_sent(alert_id, now)
        return False
    if response.status_code == 429:
        params = body.get("parameters", {}) if isinstance(body, dict) else {}
        seconds = params.get("retry_after") if isinstance(params, dict) else None
        wait = timedelta(seconds=seconds if isinstance(seconds, int | float) else 30)
        store.alert_later(alert_id, now + wait, f"Telegram asks to wait {wait.seconds} s")
        store.hold_alerts("telegram", now + wait)
        meta.put(HOLD_KEY, (now + wait).isoformat())
        return True
    if response.status_code >= 500 and attempts < MAX_ATTEMPTS:
        store.alert_later(alert_id, now + RETRY, f"Telegram {response.status_code}: {said}")
        return True
    # 400 (bad chat id), 401 (bad bot token), 403 (bot blocked): the user must fix the config.
    message = (
        f"Telegram refused the alert ({response.status_code}: {said or 'no reason given'}); "
        "check [telegram] bot_token and chat_id."
    )
    store.alert_failed(alert_id, message)
    log.warning("%s", message)
    return False
