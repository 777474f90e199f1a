"""Taking, renewing and giving back the runner lease, each in one IMMEDIATE transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from gramtui.store.db import db
from gramtui.store.models_runner import RunnerLeaseRow

LEASE_ID = 1


@dataclass(frozen=True, slots=True)
class Holder:
    holder: str
    pid: int
    host: str
    command: str

    def describe(self) -> str:
        """What the other process shows: "gramtui sync (pid 4711)"."""
        return f"{self.command} (pid {self.pid})"


def _as_holder(row: RunnerLeaseRow) -> Holder:
    return Holder(row.holder, row.pid, row.host, row.command)


def current(now: datetime) -> Holder | None:
    """The live holder, if any (an expired lease holds nothing)."""
    row = RunnerLeaseRow.get_or_none(RunnerLeaseRow.id == LEASE_ID)
    if row is None or row.expires_at <= now:
        return None
    return _as_holder(row)


def take(
    me: Holder, now: datetime, ttl: timedelta, gone: Callable[[Holder], bool]
) -> Holder | None:
    """Take the lease when it is free, expired, ours, or its holder is gone; None when taken,
    else the holder that keeps it."""
    with db.atomic():  # IMMEDIATE: no other process decides between our read and our write
        row = RunnerLeaseRow.get_or_none(RunnerLeaseRow.id == LEASE_ID)
        if row is not None and row.holder != me.holder and row.expires_at > now:
            other = _as_holder(row)
            if not gone(other):
                return other
        RunnerLeaseRow.replace(
            id=LEASE_ID,
            holder=me.holder,
            pid=me.pid,
            host=me.host,
            command=me.command,
            taken_at=now,
            expires_at=now + ttl,
        ).execute()
    return None


def renew(me: Holder, now: datetime, ttl: timedelta) -> bool:
    """Push the expiry forward; False when the lease is no longer ours (it was taken over)."""
    updated = (
        RunnerLeaseRow.update(expires_at=now + ttl)
        .where((RunnerLeaseRow.id == LEASE_ID) & (RunnerLeaseRow.holder == me.holder))
        .execute()
    )
    return bool(updated == 1)


def release(me: Holder) -> None:
    RunnerLeaseRow.delete().where(
        (RunnerLeaseRow.id == LEASE_ID) & (RunnerLeaseRow.holder == me.holder)
    ).execute()
