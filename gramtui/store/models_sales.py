"""Tables of the sales feature (created by their own schema migration)."""

from __future__ import annotations

import peewee

TABLES: list[type[peewee.Model]] = []
