"""Issue 13 item 10: logs/gramtui.log tells what happened — every sync, request failure, retry,
move, price change and print with its outcome — and never holds the token."""

from __future__ import annotations

import logging
from pathlib import Path

from gramtui.discogs.ratelimit import RateLimiter
from gramtui.engine import rules
from gramtui.engine.setup import open_session
from gramtui.engine.sync import request_sync
from gramtui.settings.paths import Paths
from gramtui.store import collection

TOKEN = "sandbox-token"


def test_the_log_tells_syncs_failures_retries_and_moves_without_the_token(
    sandbox_server, drain, tmp_path: Path
) -> None:
    server = sandbox_server(
        instances=30, listings=3, wants=2, rate_limit=1000, burst_429=2, burst_429_after=4
    )
    paths = Paths(tmp_path / "data", tmp_path / "config.toml")
    session = open_session(
        paths,
        token=TOKEN,
        base_url=server.url,
        daily_backup=False,
        limiter=RateLimiter(limit=1000, window=2.0),
        backoff_base=0.01,
    )
    try:
        request_sync(session.engine, "full")
        drain(session)
        record = collection.load_records()[0]
        target = next(f for f in collection.folders() if f.id not in (0, record.folder_id))
        move = {
            "instance": record.instance_id,
            "release": record.release.id,
            "from_folder": "x",
            "to_folder": target.name,
            "to_folder_id": target.id,
        }
        session.engine.queue.enqueue(rules.MOVE_KIND, f"move:{record.instance_id}", move)
        gone = {**move, "instance": record.instance_id, "to_folder_id": 999_999}
        session.engine.queue.enqueue(rules.MOVE_KIND, "move:gone", gone)
        drain(session)
    finally:
        session.close()
        for handler in logging.getLogger().handlers:
            handler.flush()
    log = (paths.logs / "gramtui.log").read_text(encoding="utf-8")
    assert "full sync 1 started" in log
    assert "full sync 1 done: folders 2/2" in log and "collection 30/30" in log
    assert "-> 429" in log  # the request failure, with its status
    assert "retry sync." in log  # and the retry, with its wait
    assert f"done {rules.MOVE_KIND} move:{record.instance_id}" in log
    assert f'"to_folder":"{target.name}"' in log
    assert f"failed {rules.MOVE_KIND} move:gone" in log
    assert TOKEN not in log
