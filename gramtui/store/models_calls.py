"""The journal of non-idempotent Discogs calls (created by its own schema migration).

A row is written and committed *before* a call that creates something on Discogs (a listing, a
folder) and closed with the call's result in the same transaction that stores that result. A row
found open later means the app stopped between the request and storing its answer: the request
may or may not have reached Discogs, so the caller looks for what it would have created before
sending it again (see gramtui/engine/once.py).
"""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base


class CallIntent(Base):
    key = peewee.TextField(index=True)  # what is being created, e.g. "create-listing:<instance>"
    call = peewee.TextField()  # "POST /marketplace/listings", for the log and the reader
    payload = JSONField(default=dict)  # what was asked for: instance, release, condition, price
    started_at = UtcDateTimeField()  # just before the request was sent
    finished_at = UtcDateTimeField(null=True)  # None while the outcome is unknown
    result = JSONField(null=True)  # what Discogs created ({"listing_id": ...}), or {"error": ...}
    outcome = peewee.TextField(default="")  # sent | adopted | refused

    class Meta:
        table_name = "call_intent"


TABLES: list[type[peewee.Model]] = [CallIntent]
