"""Tables of the sales feature (created by their own schema migration).

A listing's ladder state and its per-listing override are JSON of the domain values
(LadderState.to_dict, LadderOverride.to_dict), so the domain decides their shape. Every price
change the ladder made, tried or only planned (dry run) is a row of the change log; every sale
the app noticed is a row of its own.
"""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base


class LadderStateRow(Base):
    listing_id = peewee.IntegerField(primary_key=True)
    state = JSONField()  # LadderState.to_dict()
    updated_at = UtcDateTimeField()

    class Meta:
        table_name = "ladder_state"


class LadderOverrideRow(Base):
    listing_id = peewee.IntegerField(primary_key=True)
    override = JSONField()  # LadderOverride.to_dict(): floor, manual median/low, settings
    updated_at = UtcDateTimeField()

    class Meta:
        table_name = "ladder_override"


class PriceChangeRow(Base):
    at = UtcDateTimeField(index=True)
    listing_id = peewee.IntegerField(index=True)
    old_cents = peewee.IntegerField()
    new_cents = peewee.IntegerField(null=True)  # None when nothing was set (e.g. it sold)
    currency = peewee.TextField()
    phase = peewee.TextField()
    reason = peewee.TextField()
    outcome = peewee.TextField(index=True)  # applied | adopted | dry-run | failed | skipped | held

    class Meta:
        table_name = "price_change"


class SaleRow(Base):
    """A listing that left For Sale as Sold, noticed by a sync or just before an edit."""

    listing_id = peewee.IntegerField(primary_key=True)
    release_id = peewee.IntegerField()
    instance_id = peewee.IntegerField(null=True)
    price_cents = peewee.IntegerField()
    currency = peewee.TextField()
    noticed_at = UtcDateTimeField(index=True)

    class Meta:
        table_name = "sale"


TABLES: list[type[peewee.Model]] = [LadderStateRow, LadderOverrideRow, PriceChangeRow, SaleRow]
