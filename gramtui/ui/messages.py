"""What a pane asks of the app. Panes post these (they bubble to the app); the app acts on them.
A pane never calls methods of the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the app's first frame comes before the engine is imported
    from gramtui.engine.events import RunnerEvent


class ShowPane(Message):
    """Bring another pane to the front (e.g. "follow it in the Queue pane")."""

    def __init__(self, pane: str) -> None:
        super().__init__()
        self.pane = pane


class DataChanged(Message):
    """The pane changed data other panes show (a listing made, a want added): the app re-reads
    the panes that show `what` ("collection", "sales", "wants", "queue", "deals", "insight")."""

    def __init__(self, *what: str) -> None:
        super().__init__()
        self.what = frozenset(what)


class ShowRecord(Message):
    """Show this record (an instance) on the Shelves: its pane, the cursor on it."""

    def __init__(self, instance_id: int) -> None:
        super().__init__()
        self.instance_id = instance_id


class ToggleRunner(Message):
    """Pause the queue, or resume it."""


class RetryTask(Message):
    """Try a failed task again."""

    def __init__(self, task_id: int) -> None:
        super().__init__()
        self.task_id = task_id


class DropTask(Message):
    """Drop a task that is not running (the user agreed)."""

    def __init__(self, task_id: int) -> None:
        super().__init__()
        self.task_id = task_id


class StatusWanted(Message):
    """Read the queue's status again now (the Queue pane changed its filter)."""


class RunnerAnnounced(Message):
    """Something the runner announced (engine/events.py), brought to the UI thread."""

    def __init__(self, event: RunnerEvent) -> None:
        super().__init__()
        self.event = event


class OpenRecord(Message):
    """Open the record detail screen of a copy (instance id), a release, or a master's release
    (Enter on a record wherever it is listed)."""

    def __init__(
        self,
        *,
        instance_id: int | None = None,
        release_id: int | None = None,
        master_id: int | None = None,
    ) -> None:
        super().__init__()
        self.instance_id = instance_id
        self.release_id = release_id
        self.master_id = master_id
