"""Tables of the printing feature: the slip outbox (created by their own schema migration).

A batch is the way from one layout on the shelves to the next; its slips are what prints, one row
per slip in print order. A slip's state only moves forward on its own (pending -> sending ->
printed); "sending" is written before the printer is opened, so a slip found "sending" by the next
print run was cut off mid-way (the app was killed) and is never re-sent without the user asking.
"""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base


class SlipBatch(Base):
    organisation = peewee.TextField(index=True)
    from_hash = peewee.TextField()  # the accepted layout; "" when nothing was accepted yet
    to_hash = peewee.TextField()
    created_at = UtcDateTimeField()
    state = peewee.TextField(default="open")  # open | accepted
    width = peewee.IntegerField()  # how the slips were rendered, to render again when it changes
    neighbours = peewee.IntegerField()
    compact = peewee.BooleanField(default=False)
    # The moves, in print order: [{instance_id, action, from, to, record}, ...]; "record" keeps the
    # slip's record so a later slip can still name a record gone from the collection.
    moves = JSONField(default=list)

    class Meta:
        table_name = "slip_batch"


class SlipRow(Base):
    batch = peewee.ForeignKeyField(SlipBatch, backref="slips", on_delete="CASCADE")
    seq = peewee.IntegerField()  # 1-based print order within the batch
    instance_id = peewee.IntegerField(null=True)  # None for a compact batch's one list slip
    action = peewee.TextField()  # move | add | remove | list
    lines = JSONField()  # the text exactly as printed
    qr = peewee.TextField(default="")
    width = peewee.IntegerField()
    state = peewee.TextField(default="pending", index=True)  # pending|sending|unsure|printed|done
    attempts = peewee.IntegerField(default=0)
    last_error = peewee.TextField(default="")
    printed_at = UtcDateTimeField(null=True)

    class Meta:
        table_name = "slip"
        indexes = ((("batch", "seq"), True),)


TABLES: list[type[peewee.Model]] = [SlipBatch, SlipRow]
