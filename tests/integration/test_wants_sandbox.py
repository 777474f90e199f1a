"""The want queue against the sandbox over loopback: what really reaches the Discogs wantlist."""

from __future__ import annotations

from gramtui.engine import wants
from gramtui.engine.sync import request_sync
from gramtui.settings.config import Config


def _put_and_delete(server) -> tuple[int, int]:
    counts = server.sandbox.counters.per_endpoint
    return counts["PUT /users/{u}/wants/{r}"], counts["DELETE /users/{u}/wants/{r}"]


def _free_releases(state, n: int) -> list[int]:
    """Releases the sandbox knows that are neither in the collection nor wanted."""
    owned = {i.release_id for i in state.instances.values()}
    free = sorted(set(state.releases) - owned - set(state.wants))
    assert len(free) >= n
    return free[:n]


def _synced(sandbox_server, make_session, drain):
    server = sandbox_server()
    config = Config()
    config.automation.wants = True
    session = make_session(server.url, config=config)
    request_sync(session.engine, "full")
    drain(session)
    return server, session


def test_one_by_one_arrival_swaps_exactly_one_want_on_discogs(
    sandbox_server, make_session, drain
) -> None:
    server, session = _synced(sandbox_server, make_session, drain)
    state = server.sandbox.state
    first, second, third = _free_releases(state, 3)
    wants.create_list(session.engine, "Next up", "one_by_one")
    for release in (first, second, third):
        wants.add_entry(session.engine, "Next up", release_id=release)
    wants.run_pass(session.engine)
    drain(session)
    assert first in state.wants and second not in state.wants
    before_wants = set(state.wants)
    before = _put_and_delete(server)

    state.add_instance(first)  # the record arrives and the user adds it on Discogs
    request_sync(session.engine, "quick")  # the pass runs after the sync
    drain(session)

    puts, deletes = _put_and_delete(server)
    assert (puts - before[0], deletes - before[1]) == (1, 1)
    assert set(state.wants) == (before_wants - {first}) | {second}
    assert third not in state.wants


def test_a_want_deleted_by_hand_is_not_re_added_and_says_why(
    sandbox_server, make_session, drain
) -> None:
    server, session = _synced(sandbox_server, make_session, drain)
    state = server.sandbox.state
    first, second = _free_releases(state, 2)
    wants.create_list(session.engine, "Next up", "en_masse")
    wants.add_entry(session.engine, "Next up", release_id=first)
    wants.add_entry(session.engine, "Next up", release_id=second)
    wants.run_pass(session.engine)
    drain(session)
    assert {first, second} <= set(state.wants)

    state.remove_want(first)  # the user deletes it on Discogs by hand
    puts_before = _put_and_delete(server)[0]
    request_sync(session.engine, "full")
    drain(session)

    assert first not in state.wants and second in state.wants
    assert _put_and_delete(server)[0] == puts_before  # nothing put back
    entry = next(e for lst in wants.want_lists() for e in lst.entries if e.release_id == first)
    assert entry.state == "removed_on_discogs"
    reasons = " ".join(wants.overview(session.engine).desired.held_back.values())
    assert "removed on Discogs by hand" in reasons
