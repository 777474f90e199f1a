"""A small batch of real moves and their slips, shared by the printing tests."""

from __future__ import annotations

from gramtui.domain.moves import Move, compute_moves
from gramtui.domain.placement import Placement
from gramtui.printing.slip import Slip, SlipRecord, render_slip

RECORDS = {
    1: SlipRecord("Can", "Tago Mago", "United Artists", "UAS 29 211/12 X", 1971, "2×Vinyl, LP", 101, 1),
    2: SlipRecord("Neu!", "Neu! 75", "Brain", "brain 1062", 1975, "Vinyl, LP", 102, 2),
    3: SlipRecord("Кино", "Группа крови", "Мелодия", "С60 27419 009", 1988, "Vinyl, LP", 103, 3),
    4: SlipRecord("はっぴいえんど", "風街ろまん", "URC", "URG-4009", 1971, "Vinyl, LP", 104, 4),
    5: SlipRecord("Faust", "Faust IV", "Virgin", "V 2004", 1973, "Vinyl, LP", 105, 5),
    6: SlipRecord("Cluster", "Zuckerzeit", "Brain", "brain 1065", 1974, "Vinyl, LP", 106, 6),
    7: SlipRecord("Harmonia", "Deluxe", "Brain", "brain 1073", 1975, "Vinyl, LP", 107, 7),
    8: SlipRecord("La Düsseldorf", "Viva", "Strand", "6.23 589", 1978, "Vinyl, LP", 108, 8),
    9: SlipRecord("Popol Vuh", "Hosianna Mantra", "Pilz", "20 21314-8", 1972, "Vinyl, LP", 109, 9),
}  # fmt: skip
NAMES = {i: f"{r.artist} — {r.title}" for i, r in RECORDS.items()}


def layout(ids: list[int], per_unit: int = 4) -> list[Placement]:
    return [
        Placement(i, "Krautrock", n // per_unit + 1, n % per_unit + 1, n + 1, 3.0)
        for n, i in enumerate(ids)
    ]


def sample_moves() -> list[Move]:
    """Record 9 added at the front, 3 and 6 swapped across units, 8 removed."""
    old = layout([1, 2, 3, 4, 5, 6, 7, 8])
    new = layout([9, 1, 2, 6, 4, 5, 3, 7])
    return compute_moves("Records room", old, new)


def sample_slips(width: int = 42) -> list[Slip]:
    moves = sample_moves()
    return [
        render_slip(m, n, len(moves), RECORDS[m.instance_id], NAMES, width)
        for n, m in enumerate(moves, start=1)
    ]
