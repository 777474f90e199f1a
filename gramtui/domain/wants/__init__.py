"""Want lists: ordered queues of wanted records, kept live on the Discogs wantlist by mode and cap.

The engine calls these pure functions; it owns storing the lists and talking to Discogs.
"""

from gramtui.domain.wants.arrivals import Arrival, CollectionItem, detect_arrivals, format_passes
from gramtui.domain.wants.cycle import WantsPass, plan_wants
from gramtui.domain.wants.editing import (
    add_entry,
    mark_done,
    move_entry,
    remove_entry,
    restore_entry,
    retire_entry,
    set_mode,
    set_paused,
)
from gramtui.domain.wants.lists import (
    ENTRY_STATES,
    WANT_MODES,
    EntryState,
    WantEntry,
    WantList,
    WantMode,
    WantsError,
    entry_id_for,
    entry_release,
    new_entry,
)
from gramtui.domain.wants.live import WAITING_FOR_MASTER, DesiredLive, EntryKey, desired_live
from gramtui.domain.wants.reconcile import (
    Plan,
    adopt,
    live_releases,
    managed_releases,
    mark_live,
    mark_not_live,
    mark_removed_by_hand,
    reconcile,
)
from gramtui.domain.wants.textformat import WantsFormatError, dump_want_lists, parse_want_lists

__all__ = [
    "ENTRY_STATES",
    "WAITING_FOR_MASTER",
    "WANT_MODES",
    "Arrival",
    "CollectionItem",
    "DesiredLive",
    "EntryKey",
    "EntryState",
    "Plan",
    "WantEntry",
    "WantList",
    "WantMode",
    "WantsError",
    "WantsFormatError",
    "WantsPass",
    "add_entry",
    "adopt",
    "desired_live",
    "detect_arrivals",
    "dump_want_lists",
    "entry_id_for",
    "entry_release",
    "format_passes",
    "live_releases",
    "managed_releases",
    "mark_done",
    "mark_live",
    "mark_not_live",
    "mark_removed_by_hand",
    "move_entry",
    "new_entry",
    "parse_want_lists",
    "plan_wants",
    "reconcile",
    "remove_entry",
    "restore_entry",
    "retire_entry",
    "set_mode",
    "set_paused",
]
