"""Moves and the printer: from the layout on the shelves to the current one, through the outbox.

`prepare_batch` renders the slips of an organisation's pending moves into the outbox (once per
pair of layouts); `print_pending` sends them, one connection per slip, and a slip counts as printed
only when the printer confirmed it. When every slip of a batch is printed or marked done, its
layout becomes the one on the shelves. A batch partly carried out is finished before the next one
is prepared, so the shelves are never in a state no stored layout describes.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gramtui.domain.moves import Move, Spot, compute_moves
from gramtui.domain.organisation import OrganisationError
from gramtui.engine import layouts
from gramtui.engine.context import Engine
from gramtui.printing import printers
from gramtui.printing.printers import PrinterConfig, PrinterConfigError, PrinterError
from gramtui.printing.slip import (
    SLIP_WIDTHS,
    Slip,
    SlipRecord,
    render_batch_list,
    render_slip,
    text_preview,
)
from gramtui.settings.config import Config, PrinterSection
from gramtui.settings.config_write import write_keys
from gramtui.store import layouts as stored_layouts
from gramtui.store import outbox
from gramtui.store.outbox import NewSlip, StoredSlip

INTERRUPTED = (
    "The app stopped while this slip was printing, so it may have come out: check, then "
    "reprint it (r) or mark it done (d)."
)
KEEP_BATCHES = 20  # finished batches kept per organisation (they name records gone since)

_log = logging.getLogger("gramtui.moves")
ProgressFn = Callable[[int, int], None]  # (slips printed so far, slips to print)


class MovesError(Exception):
    """A moves or printing request that cannot be done now; the message says why."""


# -- the printer ---------------------------------------------------------------------------------


def printer_config(config: Config) -> PrinterConfig:
    """The printer the config describes; PrinterConfigError naming the setting to fix."""
    p = config.printer
    return PrinterConfig(
        kind=p.kind,  # type: ignore[arg-type]  # checked by PrinterConfig
        host=p.host,
        port=p.port,
        vendor_id=p.vendor_id or None,
        product_id=p.product_id or None,
        path=p.path,
        width=p.width,
        timeout=p.timeout,
    )


_printing = threading.Lock()  # one print run at a time in this process
_outbox = threading.RLock()  # slip state changes and batch (re)writes, never interleaved


def _printer_free() -> None:
    if not _printing.acquire(blocking=False):
        raise MovesError("Slips are printing already; wait for them to finish.")


# -- moves ---------------------------------------------------------------------------------------


def pending_moves(engine: Engine, org_name: str) -> list[Move]:
    """The moves from the layout on the shelves (accepted) to the current layout."""
    org = layouts.organisation(org_name)
    current = layouts.current_layout(org, engine.config, engine.clock())
    accepted = layouts.accepted_layout(org_name)
    old = accepted.placements if accepted is not None else ()
    return compute_moves(org_name, old, current.placements, engine.config.printer.neighbours)


@dataclass(frozen=True, slots=True)
class PlannedMove:
    seq: int  # 1-based, in the order to carry the moves out
    move: Move
    record: SlipRecord
    slip: StoredSlip  # the slip that carries it (in compact mode, the batch's one list slip)


@dataclass(frozen=True, slots=True)
class BatchView:
    id: int
    organisation: str
    from_hash: str  # "" when nothing was on the shelves yet
    to_hash: str
    created_at: datetime
    compact: bool
    moves: tuple[PlannedMove, ...]
    slips: tuple[StoredSlip, ...]
    stale: bool  # the layout changed again since this batch was started: finish this one first

    def count(self, *states: str) -> int:
        return sum(1 for s in self.slips if s.state in states)

    @property
    def last_error(self) -> str:
        return next((s.last_error for s in self.slips if s.last_error), "")


def prepare_batch(engine: Engine, org_name: str) -> BatchView | None:
    """The organisation's open batch, rendered into the outbox if it is not there yet; None when
    the shelves already hold the current layout. Calling it again never duplicates a slip."""
    org = layouts.organisation(org_name)
    now = engine.clock()
    current = layouts.current_layout(org, engine.config, now)
    accepted = layouts.accepted_layout(org_name)
    from_hash = accepted.hash if accepted is not None else ""
    settings = _render_settings(engine.config)
    with _outbox:
        existing = outbox.open_batch(org_name)
        if existing is not None and existing.from_hash != from_hash:
            # the shelves were accepted some other way (by hand): this batch is moot
            outbox.set_batch_state(existing.id, "superseded")
            existing = None
        if existing is not None and not outbox.untouched(existing.id):
            return _view(existing.id, stale=existing.to_hash != current.hash)
        if current.hash == from_hash:
            if existing is not None:
                outbox.delete_batch(existing.id)
            return None
        old = accepted.placements if accepted is not None else ()
        moves = compute_moves(org_name, old, current.placements, settings["neighbours"])
        if not moves:  # only widths or numbering changed: nothing to carry out
            if existing is not None:
                outbox.delete_batch(existing.id)
            layouts.accept_layout(org_name, current.hash, now)
            return None
        same_pair = existing is not None and existing.to_hash == current.hash
        if same_pair and existing is not None and _settings_of(existing) == settings:
            return _view(existing.id, stale=False)
        content = _render(org_name, moves, **settings)
        if same_pair and existing is not None:
            outbox.replace_content(existing.id, **settings, **content)
            return _view(existing.id, stale=False)
        if existing is not None:
            outbox.delete_batch(existing.id)
        batch_id = outbox.create_batch(
            org_name, from_hash, current.hash, now, **settings, **content
        )
        outbox.prune_batches(org_name, KEEP_BATCHES)
        return _view(batch_id, stale=False)


def preview(slip: StoredSlip) -> str:
    """The slip's text exactly as it prints, with a placeholder where the QR code goes."""
    return text_preview(_as_slip(slip))


def _render_settings(config: Config) -> dict[str, Any]:
    width = config.printer.width
    if width not in SLIP_WIDTHS:
        raise PrinterConfigError(f"The printer width is {width}: set it to 32, 42 or 48 columns.")
    return {
        "width": width,
        "neighbours": config.printer.neighbours,
        "compact": config.printer.compact,
    }


def _settings_of(batch: outbox.StoredBatch) -> dict[str, Any]:
    return {"width": batch.width, "neighbours": batch.neighbours, "compact": batch.compact}


def _render(
    org_name: str, moves: Sequence[Move], *, width: int, neighbours: int, compact: bool
) -> dict[str, Any]:
    records = _slip_records(org_name, _ids_named(moves))
    names = {i: f"{r.artist} — {r.title}" for i, r in records.items()}
    if compact:
        slip = render_batch_list(moves, records, names, width)
        slips = [NewSlip(1, None, "list", slip.lines, slip.qr, width)]
    else:
        slips = []
        for seq, move in enumerate(moves, start=1):
            slip = render_slip(move, seq, len(moves), records[move.instance_id], names, width)
            slips.append(NewSlip(seq, move.instance_id, move.action, slip.lines, slip.qr, width))
    stored = [
        {**move_json(move), "record": dataclasses.asdict(records[move.instance_id])}
        for move in moves
    ]
    return {"moves": stored, "slips": slips}


def _ids_named(moves: Iterable[Move]) -> set[int]:
    ids: set[int] = set()
    for move in moves:
        ids.add(move.instance_id)
        for spot in (move.from_, move.to):
            if spot is not None:
                ids.update(spot.before)
                ids.update(spot.after)
    return ids


def _slip_records(org_name: str, ids: set[int]) -> dict[int, SlipRecord]:
    """What the slips say about each record: from the collection, else from an earlier batch
    (a record sold or deleted since), else a placeholder naming its instance id."""
    records = {i: SlipRecord(**facts) for i, facts in outbox.record_facts(ids).items()}
    missing = ids - records.keys()
    if missing:
        for instance_id, fields in outbox.remembered_records(org_name, missing).items():
            records[instance_id] = SlipRecord(**fields)
    for instance_id in ids - records.keys():
        records[instance_id] = SlipRecord(
            "Unknown record", f"instance {instance_id}", "", "", None, "", 0, instance_id
        )
    return records


def _view(batch_id: int, *, stale: bool) -> BatchView:
    batch = outbox.batch(batch_id)
    assert batch is not None
    slips = outbox.slips(batch_id)
    by_instance = {s.instance_id: s for s in slips}
    planned = tuple(
        PlannedMove(
            seq,
            move_from_json(m),
            SlipRecord(**m["record"]),
            slips[0] if batch.compact else by_instance[m["instance_id"]],
        )
        for seq, m in enumerate(batch.moves, start=1)
    )
    return BatchView(
        batch.id,
        batch.organisation,
        batch.from_hash,
        batch.to_hash,
        batch.created_at,
        batch.compact,
        planned,
        tuple(slips),
        stale,
    )


def _as_slip(slip: StoredSlip) -> Slip:
    return Slip(slip.lines, slip.qr, slip.width)


# -- moves as JSON (the outbox keeps them so; `gramtui moves --json` prints them so) -------------


def spot_json(spot: Spot | None) -> dict[str, Any] | None:
    if spot is None:
        return None
    return {
        "organisation": spot.organisation,
        "space": spot.space,
        "unit": spot.unit,
        "position": spot.position,
        "area": spot.area,
        "before": list(spot.before),
        "after": list(spot.after),
    }


def move_json(move: Move) -> dict[str, Any]:
    return {
        "instance_id": move.instance_id,
        "action": move.action,
        "from": spot_json(move.from_),
        "to": spot_json(move.to),
    }


def _spot_from_json(data: Mapping[str, Any] | None) -> Spot | None:
    if data is None:
        return None
    return Spot(
        data["organisation"],
        data["space"],
        data["unit"],
        data["position"],
        data["area"],
        tuple(data["before"]),
        tuple(data["after"]),
    )


def move_from_json(data: Mapping[str, Any]) -> Move:
    return Move(
        data["instance_id"],
        data["action"],
        _spot_from_json(data["from"]),
        _spot_from_json(data["to"]),
    )


# -- printing ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrintReport:
    printed: int  # slips confirmed by the printer in this run
    left: int  # slips still pending after it
    unsure: int  # slips cut off by an earlier run that was killed: the user decides
    error: str  # "" when every slip went out
    accepted: tuple[str, ...]  # organisations whose new layout is now the one on the shelves


def print_pending(
    engine: Engine,
    on_progress: ProgressFn | None = None,
    organisation: str | None = None,
) -> PrintReport:
    """Send the pending slips (of one organisation, or all) to the printer, in order.

    Each slip is marked "sending" before its connection opens and "printed" once the printer
    confirmed it; a printer that fails leaves it and those after it pending, with the reason.
    A slip an earlier run left "sending" may have printed, so it is not sent again on its own.
    """
    config = printer_config(engine.config)
    _printer_free()
    try:
        with _outbox:
            outbox.mark_interrupted(INTERRUPTED)
            known = {name for name, _ in stored_layouts.definitions()}  # not a deleted one
            batches = [
                b
                for b in outbox.open_batches()
                if b.organisation in known
                and (organisation is None or b.organisation == organisation)
            ]
            todo = outbox.pending_slips(b.id for b in batches)
            unsure = outbox.count_state([b.id for b in batches], "unsure")
        error = ""
        printed = 0
        if todo and config.kind == "none":
            error = "No printer is set up: choose one in the printer settings (s) to print."
        elif todo:
            printed, error = _send(engine, config, todo, on_progress)
        with _outbox:
            accepted = tuple(b.organisation for b in batches if _accept_if_complete(engine, b.id))
            left = len(outbox.pending_slips(b.id for b in batches))
        return PrintReport(printed, left, unsure, error, accepted)
    finally:
        _printing.release()


def _send(
    engine: Engine,
    config: PrinterConfig,
    todo: Sequence[StoredSlip],
    on_progress: ProgressFn | None,
) -> tuple[int, str]:
    printed = 0
    for slip in todo:
        with _outbox:
            if not outbox.claim_for_sending(slip.id):
                continue  # done, rendered again, or taken by another run since this one started

        def confirmed(_n: int, slip_id: int = slip.id) -> None:
            with _outbox:
                outbox.mark_printed(slip_id, engine.clock())

        try:
            printers.print_slips(config, [_as_slip(slip)], on_printed=confirmed)
        except PrinterError as error:
            with _outbox:
                outbox.mark_failed(slip.id, str(error))
            _log.warning(
                "slip %d (instance %s) not printed on %s: %s",
                slip.id,
                slip.instance_id,
                config.describe(),
                error,
            )
            return printed, str(error)
        _log.info(
            "slip %d printed on %s: %s instance %s",
            slip.id,
            config.describe(),
            slip.action,
            slip.instance_id,
        )
        printed += 1
        if on_progress is not None:
            on_progress(printed, len(todo))
    return printed, ""


def reprint(engine: Engine, slip_id: int) -> None:
    """Print one slip again, whatever its state: the user asked for it."""
    config = printer_config(engine.config)
    stored = outbox.slip(slip_id)
    if stored is None:
        raise MovesError(f"There is no slip {slip_id}; refresh the list of moves.")
    _printer_free()
    try:
        printers.print_slips(config, [_as_slip(stored)])
        with _outbox:
            current = outbox.slip(slip_id)
            if current is not None and current.state not in outbox.HANDLED:
                outbox.mark_printed(slip_id, engine.clock())
            _accept_if_complete(engine, stored.batch_id)
    finally:
        _printing.release()


def mark_done(engine: Engine, batch_id: int | None = None, slip_ids: Iterable[int] = ()) -> int:
    """Mark slips (those given, or every slip of a batch) done without printing them; returns
    how many changed. A batch whose slips are all handled becomes the layout on the shelves."""
    with _outbox:
        ids = list(slip_ids)
        batches = outbox.batches_of(ids)
        if batch_id is not None:
            ids += outbox.slip_ids(batch_id)
            batches.add(batch_id)
        changed = outbox.mark_done(ids)
        for b in batches:
            _accept_if_complete(engine, b)
    return changed


def test_print(engine: Engine, config: PrinterConfig | None = None) -> None:
    """A test slip on the configured printer (or on `config`, a set-up not saved yet)."""
    config = config or printer_config(engine.config)
    _printer_free()
    try:
        printers.test_print(config)
    finally:
        _printing.release()


test_print.__test__ = False  # type: ignore[attr-defined]  # pytest: not a test, despite the name


def _accept_if_complete(engine: Engine, batch_id: int) -> bool:
    batch = outbox.batch(batch_id)
    if batch is None or batch.state != "open" or not outbox.complete(batch_id):
        return False
    layouts.accept_layout(batch.organisation, batch.to_hash, engine.clock())
    outbox.set_batch_state(batch_id, "accepted")
    return True


# -- after a sync ----------------------------------------------------------------------------------


def after_sync(engine: Engine, run: object) -> None:
    """Prepare every organisation's moves; print them when [automation] printing is on.

    A sync hook (engine.after_sync, called with the finished run): it never fails the sync. What goes
    wrong is logged, and a printer problem is kept on the slips, where the moves view shows it."""
    try:
        orgs = layouts.organisations()
    except OrganisationError as e:
        _log.warning("moves not prepared: %s", e)
        return
    for org in orgs:
        try:
            prepare_batch(engine, org.name)
        except (OrganisationError, PrinterConfigError) as e:
            _log.warning("moves of %s not prepared: %s", org.name, e)
    if not engine.config.automation.printing:
        return
    try:
        report = print_pending(engine)
    except (PrinterConfigError, MovesError) as e:
        _log.warning("moves not printed: %s", e)
        return
    if report.error:
        _log.warning("moves not printed: %s", report.error)


# -- the [printer] settings in the config file ---------------------------------------------------

FORM_KEYS = ("kind", "host", "port", "vendor_id", "product_id", "path", "width")
_HEX = re.compile(r"^(?:0x)?([0-9a-f]{1,4})$", re.IGNORECASE)


def printer_section_from_form(values: Mapping[str, str], base: PrinterSection) -> PrinterSection:
    """The [printer] settings from what was typed in the settings screen (`base` gives the keys
    the form does not show); PrinterConfigError saying which value is wrong."""
    kind = values.get("kind", "none").strip()
    port_text = values.get("port", "").strip() or "9100"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise PrinterConfigError(f"The port {port_text!r} is not a port number: use 1 to 65535.")
    width_text = values.get("width", "").strip()
    if not width_text.isdigit() or int(width_text) not in SLIP_WIDTHS:
        raise PrinterConfigError(f"The width {width_text!r} is not 32, 42 or 48 columns.")
    section = dataclasses.replace(
        base,
        kind=kind,
        host=values.get("host", "").strip(),
        port=int(port_text),
        vendor_id=_usb_id(values.get("vendor_id", ""), "vendor"),
        product_id=_usb_id(values.get("product_id", ""), "product"),
        path=values.get("path", "").strip(),
        width=int(width_text),
    )
    printer_config(Config(printer=section))  # refuses what cannot work, with the reason
    return section


def _usb_id(text: str, what: str) -> int:
    text = text.strip()
    if not text:
        return 0
    match = _HEX.match(text)
    if match is None:
        raise PrinterConfigError(
            f"The USB {what} id {text!r} is not 4 hex digits (lsusb shows them as 04b8:0202)."
        )
    return int(match.group(1), 16)


def save_printer_settings(engine: Engine, config_file: Path, section: PrinterSection) -> None:
    """Write the form's keys of the [printer] table into the config file and use it from now on.

    The rest of the file is kept as written (comments too, settings/config_write.py); the new text
    is checked by the config parser before it replaces the old one atomically, so a failure leaves
    the file untouched."""
    values = {key: getattr(section, key) for key in FORM_KEYS}
    engine.config.printer = write_keys(config_file, "printer", values).printer
