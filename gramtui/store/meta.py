"""Small named values kept with the data: the username, the last backup, the schema version."""

from __future__ import annotations

from gramtui.store.models import Meta


def get(key: str, default: str = "") -> str:
    row = Meta.get_or_none(Meta.key == key)
    return row.value if row else default


def put(key: str, value: str) -> None:
    Meta.replace(key=key, value=value).execute()


def delete(key: str) -> None:
    Meta.delete().where(Meta.key == key).execute()
