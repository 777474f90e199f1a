"""The runner lease (created by its own schema migration): who runs the queue of this data
directory. One row at most; the process named in it is the only one that claims tasks."""

from __future__ import annotations

import peewee

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base


class RunnerLeaseRow(Base):
    id = peewee.IntegerField(primary_key=True)  # always 1: one queue, one runner
    holder = peewee.TextField()  # a random id per runner, so two runners in one process differ
    pid = peewee.IntegerField()
    host = peewee.TextField()
    command = peewee.TextField()  # "gramtui sync", "gramtui" (the TUI), ...
    taken_at = UtcDateTimeField()
    expires_at = UtcDateTimeField()  # pushed forward by the holder's heartbeat

    class Meta:
        table_name = "runner_lease"


TABLES: list[type[peewee.Model]] = [RunnerLeaseRow]
