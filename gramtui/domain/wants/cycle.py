"""One whole pass over the wants, in the order that keeps it right, for the engine to call.

After syncing the collection and the Discogs wantlist:

1. entries whose record is in the collection arrive;
2. live entries whose want vanished from Discogs without us are booked as removed by hand
   (before choosing, so a one-by-one list moves on in this same pass);
3. the live wants are chosen;
4. pending entries whose chosen want is already on Discogs are booked live, so a later deletion
   by hand is noticed;
5. the plan says what to add and remove.

The engine stores `lists`, queues `want:<release>` tasks for `plan.add` and `plan.remove`, and
when a task succeeds calls `mark_live` / `mark_not_live` for that release (a 404 on removal means
it is gone already: mark it not live too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from gramtui.domain.wants.arrivals import Arrival, CollectionItem, detect_arrivals
from gramtui.domain.wants.lists import WantList
from gramtui.domain.wants.live import DesiredLive, desired_live
from gramtui.domain.wants.reconcile import (
    Plan,
    live_releases,
    managed_releases,
    mark_live,
    mark_removed_by_hand,
    reconcile,
)


@dataclass(frozen=True, slots=True)
class WantsPass:
    lists: list[WantList]  # with arrivals, removals by hand and wants found live booked
    plan: Plan
    desired: DesiredLive  # what is live and why, what is held back and why
    arrived: list[Arrival]


def plan_wants(
    lists: Sequence[WantList],
    on_discogs: set[int],
    collection: Iterable[CollectionItem],
    cap: int,
    now: datetime,
    *,
    master_release: Mapping[int, int],
) -> WantsPass:
    """Arrivals, removals by hand, the live choice and the plan, from one consistent view."""
    current, arrived = detect_arrivals(lists, collection, now)
    previously_live = live_releases(current, master_release=master_release)
    current = mark_removed_by_hand(
        current, previously_live - on_discogs, now, master_release=master_release
    )
    desired = desired_live(current, cap, now, master_release=master_release)
    wanted = set(desired.releases)
    current = mark_live(current, wanted & on_discogs, now, master_release=master_release)
    plan = reconcile(
        wanted,
        on_discogs,
        managed_releases(current, master_release=master_release),
        previously_live,
    )
    return WantsPass(lists=current, plan=plan, desired=desired, arrived=arrived)
