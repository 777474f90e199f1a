"""The community's have/want per release: fetched by keyed background tasks from the sandbox over
loopback (the app's runner only), refreshed when old, and ranking the rarity chart; before any is
known the chart falls back to the fewest copies for sale and says so."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

from insight_helpers import gramtui

from gramtui.domain.tasks import Priority
from gramtui.engine.community_tasks import COMMUNITY_KIND, enqueue_community
from gramtui.engine.sync import request_sync
from gramtui.store import collection, community
from gramtui.store.models import Task
from gramtui.store.models_community import CommunityRow


def _pending() -> list[Task]:
    return list(Task.select().where((Task.kind == COMMUNITY_KIND) & (Task.state == "pending")))


def test_counts_arrive_through_keyed_background_tasks(sandbox_server, make_session, drain) -> None:
    server = sandbox_server(instances=40, listings=0, wants=0, window_seconds=0.5)
    session = make_session(server.url, window=0.5)
    request_sync(session.engine, "full")
    drain(session)  # a headless drain leaves them for the running app
    releases = {r.release.id for r in collection.load_records()}
    tasks = _pending()
    assert releases and {t.key for t in tasks} == {f"release.community:{r}" for r in releases}
    assert all(t.priority == Priority.BACKGROUND for t in tasks)
    assert enqueue_community(session.engine) == len(releases)  # asking again adds no task
    assert len(_pending()) == len(releases)

    runner = session.runner
    while runner.run_once():
        pass
    for rid in releases:  # the sandbox's deterministic counts (sandbox/render.py)
        assert community.counts(rid) == (100 + rid % 900, 10 + rid % 300)
    assert enqueue_community(session.engine) == 0

    # Counts older than 90 days are asked again, lazily, after a later sync.
    old = min(releases)
    when = session.engine.clock() - timedelta(days=91)
    CommunityRow.update(fetched_at=when).where(CommunityRow.release_id == old).execute()
    assert enqueue_community(session.engine) == 1
    assert [t.key for t in _pending()] == [f"release.community:{old}"]


def test_without_counts_rarity_falls_back_to_copies_for_sale(sample_dir: Path) -> None:
    con = sqlite3.connect(sample_dir / "gramtui.sqlite3")
    con.execute("DELETE FROM release_community")
    con.commit()
    owned = {rid for (rid,) in con.execute("SELECT release_id FROM instance")}
    for_sale = {
        rid: n
        for rid, n in con.execute("SELECT release_id, num_for_sale FROM market")
        if n is not None and rid in owned
    }
    con.close()
    done = gramtui(sample_dir, "stats", "--by", "rarity", "--json")
    assert done.returncode == 0, done.stderr
    chart = json.loads(done.stdout)["charts"]["rarity"]
    assert chart["note"].startswith("no community have/want known yet")
    rare = sorted((n, rid) for rid, n in for_sale.items())[:25]
    assert [(b["count"], b["release_id"]) for b in chart["bars"]] == rare
    assert all(b["have"] is None and b["want"] is None for b in chart["bars"])
    text = gramtui(sample_dir, "stats", "--by", "rarity")
    assert "fewest copies for sale" in text.stdout


def test_counts_as_text(sample_dir: Path) -> None:
    done = gramtui(sample_dir, "stats", "--by", "rarity")
    assert done.returncode == 0, done.stderr
    assert "fewest owners on Discogs" in done.stdout and " want" in done.stdout
    assert "the rest follow as the queue fetches them" in done.stdout
