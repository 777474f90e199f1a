"""Tables of the deals feature (created by their own schema migration).

An eBay listing is stored once, whatever searches found it (its id is the key), with its match,
worth and score. Alerts go through an outbox with one row per listing and channel: the unique
index is what makes "alerted once" hold across restarts, repeated polls and overlapping searches.
The day's eBay calls are counted in a row per day, taken before each call.
"""

from __future__ import annotations

import peewee
from playhouse.sqlite_ext import JSONField

from gramtui.store.fields import UtcDateTimeField
from gramtui.store.models import Base


class SavedSearchRow(Base):
    name = peewee.TextField(unique=True)
    query = peewee.TextField()
    formats = JSONField(default=list)  # format families: Vinyl, CD, Cassette
    max_price = peewee.TextField(default="")  # decimal text in the listing's currency; "" = none
    min_score = peewee.TextField(default="")  # decimal text; "" = the alert band
    interval_minutes = peewee.IntegerField(default=0)
    paused = peewee.BooleanField(default=False)
    created_at = UtcDateTimeField()

    class Meta:
        table_name = "deal_search"


class SearchStateRow(Base):
    """When each search (`want:…`, `entry:…`, `saved:…`) last ran, and how it went."""

    key = peewee.TextField(primary_key=True)
    polled_at = UtcDateTimeField(null=True)
    last_error = peewee.TextField(default="")
    last_new = peewee.IntegerField(default=0)

    class Meta:
        table_name = "deal_search_state"


class EbayListingRow(Base):
    item_id = peewee.TextField(primary_key=True)
    title = peewee.TextField()
    price_cents = peewee.IntegerField()
    currency = peewee.TextField()
    shipping_cents = peewee.IntegerField(null=True)  # None: calculated at checkout
    shipping_currency = peewee.TextField(default="")
    condition = peewee.TextField(default="")
    condition_id = peewee.TextField(default="")
    seller = peewee.TextField(default="")
    feedback_percent = peewee.TextField(default="")
    feedback_score = peewee.IntegerField(null=True)
    url = peewee.TextField(default="")
    image = peewee.TextField(default="")
    buying_options = JSONField(default=list)
    country = peewee.TextField(default="")
    listed_at = UtcDateTimeField(null=True)
    category_id = peewee.TextField(default="")
    first_seen = UtcDateTimeField(index=True)
    searches = JSONField(default=list)  # the search keys that found it
    # The match
    release_id = peewee.IntegerField(null=True, index=True)
    master_id = peewee.IntegerField(null=True, index=True)
    method = peewee.TextField(default="none")  # catno | barcode | fuzzy | none
    confidence = peewee.FloatField(default=0.0)
    reason = peewee.TextField(default="")
    # Worth and score
    grade = peewee.TextField(default="")
    worth_cents = peewee.IntegerField(null=True)
    worth_currency = peewee.TextField(default="")
    worth_source = peewee.TextField(default="")
    score = peewee.TextField(default="")  # decimal text; "" = not comparable / no worth
    score_note = peewee.TextField(default="")
    band = peewee.TextField(default="")  # high | good | ""
    dismissed = peewee.BooleanField(default=False)
    bought = peewee.BooleanField(default=False)

    class Meta:
        table_name = "ebay_listing"


class RefusedMatchRow(Base):
    """ "Not this record": this listing is never matched to this release or master again."""

    item_id = peewee.TextField()
    target_id = peewee.IntegerField()

    class Meta:
        table_name = "deal_refused"
        primary_key = peewee.CompositeKey("item_id", "target_id")


class AlertRow(Base):
    item_id = peewee.TextField()
    channel = peewee.TextField()  # app | telegram
    text = peewee.TextField()
    state = peewee.TextField(default="pending", index=True)  # pending | sending | sent | failed
    attempts = peewee.IntegerField(default=0)
    not_before = UtcDateTimeField()
    last_error = peewee.TextField(default="")
    created_at = UtcDateTimeField()
    sent_at = UtcDateTimeField(null=True)

    class Meta:
        table_name = "deal_alert"
        indexes = ((("item_id", "channel"), True),)


class LookupRow(Base):
    """Releases Discogs' /database/search named for a catno or barcode seen in a listing; part
    of the matching catalogue from then on."""

    release_id = peewee.IntegerField(primary_key=True)
    artist = peewee.TextField(default="")
    title = peewee.TextField(default="")
    master_id = peewee.IntegerField(null=True)
    catnos = JSONField(default=list)
    barcodes = JSONField(default=list)
    formats = JSONField(default=list)
    labels = JSONField(default=list)
    year = peewee.IntegerField(null=True)

    class Meta:
        table_name = "deal_lookup"


class LookupDoneRow(Base):
    """A catno or barcode already asked of Discogs (so it is asked once)."""

    key = peewee.TextField(primary_key=True)
    asked_at = UtcDateTimeField()
    found = peewee.IntegerField(default=0)

    class Meta:
        table_name = "deal_lookup_done"


class EbayBudgetRow(Base):
    day = peewee.TextField(primary_key=True)  # YYYY-MM-DD, UTC
    used = peewee.IntegerField(default=0)

    class Meta:
        table_name = "ebay_budget"


TABLES: list[type[peewee.Model]] = [
    SavedSearchRow,
    SearchStateRow,
    EbayListingRow,
    RefusedMatchRow,
    AlertRow,
    LookupRow,
    LookupDoneRow,
    EbayBudgetRow,
]
