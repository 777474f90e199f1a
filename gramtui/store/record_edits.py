"""A copy's rating and custom field values, stored once Discogs accepted them (the record detail
screen's changes; engine/record_actions.py)."""

from __future__ import annotations

from gramtui.store.db import db
from gramtui.store.models import InstanceRow


def set_rating(instance_id: int, rating: int) -> bool:
    return int(InstanceRow.update(rating=rating).where(InstanceRow.id == instance_id).execute()) > 0


def set_field_value(instance_id: int, field_id: int, value: str) -> bool:
    """Set a field's value in the copy's notes ("" removes it, as Discogs does)."""
    with db.atomic():
        row = InstanceRow.get_or_none(InstanceRow.id == instance_id)
        if row is None:
            return False
        notes = {str(k): v for k, v in (row.notes or {}).items()}
        if value:
            notes[str(field_id)] = value
        else:
            notes.pop(str(field_id), None)
        InstanceRow.update(notes=notes).where(InstanceRow.id == instance_id).execute()
    return True
