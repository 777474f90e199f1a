"""Calls that create something on Discogs, made at most once even across a crash.

A POST that creates a listing or a folder is not idempotent: sent twice, it creates two. The
app can stop (killed, power cut, a dropped connection) after Discogs applied the request but
before its answer was stored, and the retry cannot tell that from a request that never arrived.
So every such call goes through `call_once`:

1. the intent ("about to create a listing for copy X, release R, condition C, price P") is
   written and committed before the request, with the time;
2. the request is sent;
3. the caller stores the answer and closes the intent (`finish`) in the same transaction.

A call that finds its intent already open (step 3 never happened) first looks on Discogs for what
it would have created since the intent's time, and adopts it when found; only when nothing is
there does it send the request again, under the same intent. A 4xx answer closes the intent at
once (Discogs answered: nothing was created); a 5xx or no answer leaves it open, since the change
may have been applied before the answer was lost.

The calls of the app and why each is or is not journalled:
- POST /marketplace/listings (create a listing): journalled here (engine/sales.py).
- POST /users/{u}/collection/folders (create a folder): journalled here (engine/rules.py).
- POST .../instances/{i} with folder_id (move a copy), POST /marketplace/listings/{id} (edit a
  listing): POSTs, but they set absolute values (this folder, this price), so sending one twice
  leaves Discogs as sending it once did: idempotent, not journalled.
- PUT /users/{u}/wants/{r} and DELETE of a want or listing: idempotent by HTTP's definition and by
  Discogs' behaviour (a second PUT keeps one want; a second DELETE answers 404, handled as gone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gramtui.discogs.errors import DiscogsError
from gramtui.engine.context import Engine
from gramtui.store import calls


@dataclass(frozen=True, slots=True)
class CallResult:
    """What a journalled call gave: Discogs' answer (or what was adopted), and the open intent
    the caller closes with `finish` once the answer is stored."""

    result: dict[str, Any]
    outcome: str  # "sent": the request was answered; "adopted": found on Discogs after a crash
    intent_id: int


def call_once(
    engine: Engine,
    *,
    key: str,
    call: str,
    payload: dict[str, Any],
    send: Callable[[], dict[str, Any]],
    find: Callable[[datetime], dict[str, Any] | None],
) -> CallResult:
    """Send `send()` at most once for `key`; after a crash, `find(since)` looks for what an
    earlier attempt created (None: nothing, send again). Both return the result to store."""
    intent = calls.open_intent(key)
    if intent is not None:
        found = find(intent.started_at)
        if found is not None:
            return CallResult(found, "adopted", intent.id)
    else:
        intent = calls.record_intent(key, call, payload, engine.clock())
    try:
        result = send()
    except DiscogsError as e:
        if e.status is not None and 400 <= e.status < 500:
            calls.finish(intent.id, {"error": str(e)}, "refused", engine.clock())
        raise
    return CallResult(result, "sent", intent.id)


def finish(engine: Engine, done: CallResult) -> None:
    """Close the intent; call it inside the transaction that stores `done.result`."""
    calls.finish(done.intent_id, done.result, done.outcome, engine.clock())
