"""What the record detail screen changes about a copy: its folder, its rating and its custom
fields (Discogs writes, each an intent on the queue keyed per copy, so a second change replaces
the first while it waits), and its size and width (kept in the app).

Folder moves reuse the rules' `move.folder` kind and key: a manual move and a rule's move of the
same copy are one intent, the latest wins.
"""

from __future__ import annotations

import logging

from gramtui.discogs.errors import NotFound
from gramtui.domain.records import Record
from gramtui.domain.tasks import Priority
from gramtui.engine import layouts, rules
from gramtui.engine.context import Engine
from gramtui.engine.queue import Task
from gramtui.engine.runner import Handler
from gramtui.store import collection, record_edits
from gramtui.store.rules import current_folder

log = logging.getLogger("gramtui.records")

RATING_KIND = "record.rating"
FIELD_KIND = "record.field"


class RecordActionError(Exception):
    """A change that cannot be made; the message says what is wrong and how to fix it."""


def rating_key(instance_id: int) -> str:
    return f"rating:{instance_id}"


def field_key(instance_id: int, field_id: int) -> str:
    return f"field:{instance_id}:{field_id}"


def _record(instance_id: int) -> Record:
    record = collection.load_record(instance_id)
    if record is None:
        raise RecordActionError(
            f"there is no record with instance id {instance_id} in the collection; sync first?"
        )
    return record


def move_to_folder(engine: Engine, instance_id: int, folder_name: str) -> str:
    """Queue the copy's move to the folder named `folder_name`; returns what was queued."""
    record = _record(instance_id)
    folders = {f.name: f.id for f in sorted(collection.folders(), key=lambda f: -f.id) if f.id}
    if folder_name not in folders:
        raise RecordActionError(
            f"there is no folder called {folder_name!r}; pick one of the list (a sync reads "
            "folders made on Discogs)"
        )
    to_id = folders[folder_name]
    if to_id == record.folder_id:
        raise RecordActionError(f"the record is in {folder_name} already")
    names = {f.id: f.name for f in collection.folders()}
    engine.queue.enqueue(
        rules.MOVE_KIND,
        rules.move_key(instance_id),
        {
            "instance": instance_id,
            "release": record.release.id,
            "from_folder": names.get(record.folder_id, str(record.folder_id)),
            "to_folder": folder_name,
            "to_folder_id": to_id,
            "rule_line": None,  # the user's own move, no rule's
        },
        priority=Priority.USER,
    )
    log.info("move of %s to %s queued by the user", instance_id, folder_name)
    return f"move to {folder_name}"


def set_rating(engine: Engine, instance_id: int, rating: int) -> str:
    if not 0 <= rating <= 5:
        raise RecordActionError(f"a rating is 0 (none) to 5, not {rating}")
    record = _record(instance_id)
    engine.queue.enqueue(
        RATING_KIND,
        rating_key(instance_id),
        {"instance": instance_id, "release": record.release.id, "rating": rating},
        priority=Priority.USER,
    )
    return f"rating {rating}"


def set_field(engine: Engine, instance_id: int, field_name: str, value: str) -> str:
    """Queue a custom field's new value ("" clears it); a dropdown takes one of its options."""
    record = _record(instance_id)
    spec = next((f for f in collection.fields() if f.name == field_name), None)
    if spec is None:
        raise RecordActionError(
            f"the collection has no custom field {field_name!r}; add it on Discogs, then sync"
        )
    value = value.strip()
    if spec.type == "dropdown" and value and value not in spec.options:
        raise RecordActionError(
            f"{field_name} takes one of {', '.join(spec.options)}, not {value!r}"
        )
    engine.queue.enqueue(
        FIELD_KIND,
        field_key(instance_id, spec.id),
        {
            "instance": instance_id,
            "release": record.release.id,
            "field_id": spec.id,
            "field_name": spec.name,
            "value": value,
        },
        priority=Priority.USER,
    )
    return f"{spec.name} = {value!r}"


def set_width(instance_id: int, text: str) -> float | None:
    """Set the width typed ("0.8", "auto"); kept in the app, as the organisation width form does."""
    width = layouts.parse_width(text)
    layouts.set_record_width(instance_id, width)
    return width


def set_size(engine: Engine, instance_id: int, size: str) -> None:
    rules.set_size(engine, instance_id, size)


# -- the handlers: the Discogs call, then the store -------------------------------------------------


def _folder_or_gone(instance_id: int) -> int | None:
    return current_folder(instance_id)


def handle_rating(task: Task, engine: Engine) -> None:
    p = task.payload
    instance_id = int(p["instance"])
    folder = _folder_or_gone(instance_id)
    if folder is None:
        return  # gone from the collection since
    try:
        engine.client.set_rating(
            engine.username(), folder, int(p["release"]), instance_id, int(p["rating"]),
            priority=task.priority,
        )  # fmt: skip
    except NotFound:
        collection.remove_instance(instance_id)
        return
    record_edits.set_rating(instance_id, int(p["rating"]))
    log.info("rating of %s set to %s", instance_id, p["rating"])


def handle_field(task: Task, engine: Engine) -> None:
    p = task.payload
    instance_id = int(p["instance"])
    folder = _folder_or_gone(instance_id)
    if folder is None:
        return
    try:
        engine.client.set_field(
            engine.username(), folder, int(p["release"]), instance_id, int(p["field_id"]),
            str(p["value"]), priority=task.priority,
        )  # fmt: skip
    except NotFound:
        collection.remove_instance(instance_id)
        return
    record_edits.set_field_value(instance_id, int(p["field_id"]), str(p["value"]))
    log.info("field %s of %s set to %r", p["field_name"], instance_id, p["value"])
    rules.evaluate(engine, [instance_id])  # fields drive classification ("Cleaned = Yes")


HANDLERS: dict[str, Handler] = {RATING_KIND: handle_rating, FIELD_KIND: handle_field}
