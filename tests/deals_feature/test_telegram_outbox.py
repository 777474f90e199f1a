"""Telegram alerts from the persistent outbox, against a loopback Bot API: HTML-escaped text,
`retry_after` honoured on 429, an outage delays and never loses or doubles an alert."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from gramtui.engine import deals
from gramtui.engine.deals_alerts import KIND_SEND
from gramtui.settings.config import Config
from gramtui.store.models_deals import AlertRow


class Bot:
    """A loopback Telegram Bot API: records sendMessage bodies, answers from a script."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.script: list[tuple[int, dict[str, Any]]] = []
        bot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - stdlib name
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status, answer = bot.script.pop(0) if bot.script else (200, {"ok": True})
                if status == 200:
                    bot.received.append({"path": self.path, **body})
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bot() -> Iterator[Bot]:
    b = Bot()
    yield b
    b.close()


def _config(url: str) -> Config:
    config = Config()
    config.telegram.bot_token = "123:abc"
    config.telegram.chat_id = "42"
    config.telegram.url = url
    return config


def test_alerts_go_once_html_escaped_and_wait_as_telegram_asks(world, bot) -> None:
    session = world.open(_config(bot.url))
    newest = max(x.created for x in world.ebay.listings)
    bargain = next(x for x in world.ebay.listings if x.kind == "bargain")
    bargain.title = bargain.title + " <b>&</b>"
    bargain.created = newest + timedelta(minutes=1)
    world.ebay.listings.sort(key=lambda x: x.created, reverse=True)
    bot.script = [
        (
            429,
            {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 7",
                "parameters": {"retry_after": 7},
            },
        )
    ]
    summary = deals.poll_round(session.engine, session.runner)
    assert summary.new_deals > 0 and bot.received == []
    waiting = list(AlertRow.select().where(AlertRow.channel == "telegram"))
    assert waiting and all(a.state == "pending" for a in waiting)
    task = session.engine.queue.tasks(("pending",), kind=KIND_SEND)[0]
    assert (task.not_before - session.engine.clock()).total_seconds() > 5  # retry_after honoured

    assert session.runner.run_once((KIND_SEND,)) is False  # not before Telegram said
    world.clock.advance(seconds=8)
    for _ in range(3):  # sent, and never again however often the sender runs
        session.runner.run_once((KIND_SEND,))
        session.engine.queue.enqueue(KIND_SEND, task.key, {})
    assert len(bot.received) == len(waiting) == summary.new_deals
    assert all(
        m["path"] == "/bot123:abc/sendMessage"
        and m["chat_id"] == "42"
        and m["parse_mode"] == "HTML"
        for m in bot.received
    )
    escaped = [m["text"] for m in bot.received if "&lt;b&gt;&amp;&lt;/b&gt;" in m["text"]]
    assert len(escaped) == 1
    assert all(a.state == "sent" for a in AlertRow.select().where(AlertRow.channel == "telegram"))


def test_an_outage_delays_alerts_and_loses_none(world, bot) -> None:
    bot.close()  # Telegram is unreachable
    session = world.open(_config(bot.url))
    summary = deals.poll_round(session.engine, session.runner)
    assert summary.new_deals > 0
    rows = list(AlertRow.select().where(AlertRow.channel == "telegram"))
    assert rows and all(a.state == "pending" and "no answer" in a.last_error for a in rows)
    back = Bot()
    try:
        config = _config(back.url)
        session = world.open(config)  # a restart, with Telegram back
        session.engine.queue.enqueue(
            KIND_SEND, "deals:alerts:telegram", {}, not_before=session.engine.clock()
        )
        world.clock.advance(minutes=3)  # past the retry after an outage
        session.runner.run_once((KIND_SEND,))
        assert len(back.received) == len(rows)
    finally:
        back.close()
