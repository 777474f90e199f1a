"""The queue's vocabulary: the states a task goes through and the one priority scale that both
the queue (which task runs first) and the Discogs client's rate limiter (who may use the
headroom) read. Both are plain str/int underneath, so stored rows read the same as before."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class TaskState(StrEnum):
    PENDING = "pending"  # waiting for its turn (or parked until `not_before`)
    RUNNING = "running"  # claimed by a runner
    DONE = "done"  # finished, or superseded by a newer intent for its key
    FAILED = "failed"  # gave up; shown in the Queue pane until retried or dropped


OPEN_STATES = (TaskState.PENDING, TaskState.RUNNING)  # work still to do


class Priority(IntEnum):
    BACKGROUND = 5  # market data and other "when there is room" work; the client's default
    SYNC = 20  # the account's own data
    USER = 50  # what the user just asked for: at or above this it may use the limiter's headroom
