"""Tables of the printing feature: the slip outbox (created by their own schema migration)."""

from __future__ import annotations

import peewee

TABLES: list[type[peewee.Model]] = []
