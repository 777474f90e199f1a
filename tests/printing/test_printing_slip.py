"""Slip text: what it says, and that it never runs past the paper."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from slip_samples import NAMES, RECORDS, sample_moves, sample_slips

from gramtui.domain.moves import Move, Spot
from gramtui.domain.records import Artist, Format, Label, Record, Release
from gramtui.printing.slip import (
    QR_PLACEHOLDER,
    SLIP_WIDTHS,
    SlipRecord,
    SlipWidthError,
    render_batch_list,
    render_slip,
    render_test_slip,
    text_preview,
)


def test_a_move_slip_says_what_to_take_from_where_and_where_to_put_it() -> None:
    moves = sample_moves()
    seq = next(n for n, m in enumerate(moves, start=1) if m.instance_id == 6)
    slip = render_slip(moves[seq - 1], seq, len(moves), RECORDS[6], NAMES, 42)
    text = text_preview(slip)
    assert slip.lines[1] == f"MOVE {seq}/5"
    assert "Cluster - Zuckerzeit" in text
    assert "Brain · brain 1065 · 1974 · Vinyl, LP" in text
    from_at, to_at = text.index("FROM Records room"), text.index("TO Records room")
    assert from_at < to_at
    origin, destination = text[from_at:to_at], text[to_at:]
    assert "Krautrock · unit 2 · #2" in origin
    assert "right of: Faust - Faust IV" in origin
    assert "left of:  Harmonia - Deluxe" in origin
    assert "La Düsseldorf - Viva" in origin
    assert "Krautrock · unit 1 · #4" in destination
    assert "right of: Neu! - Neu! 75\n            Can - Tago Mago" in destination
    assert slip.qr == "gramtui:r=106;i=6"
    assert text.endswith(f"{QR_PLACEHOLDER}\ngramtui:r=106;i=6")


def test_an_addition_has_no_from_and_a_removal_no_to() -> None:
    slips = {s.lines[1].split()[0]: text_preview(s) for s in sample_slips(32)}
    assert "FROM" not in slips["ADD"] and "TO Records room" in slips["ADD"]
    assert "FROM Records room" in slips["REMOVE"] and "TO " not in slips["REMOVE"]
    assert [s.lines[1] for s in sample_slips(32)] == [
        "REMOVE 1/5",
        "ADD 2/5",
        "MOVE 3/5",
        "MOVE 4/5",
        "MOVE 5/5",
    ]


def test_unencodable_titles_are_printed_readably() -> None:
    moves = sample_moves()
    kino = next(m for m in moves if m.instance_id == 3)
    text = text_preview(render_slip(kino, 5, 5, RECORDS[3], NAMES, 32))
    assert "Kino - Gruppa krovi" in text
    assert "Melodiya · S60 27419 009" in text
    text.encode("cp437")
    happy_end = next(m for m in moves if m.instance_id == 4)
    text = text_preview(render_slip(happy_end, 4, 5, RECORDS[4], NAMES, 32))
    assert "happiiendo - FengJieroman" in text  # kana romanised, kanji in pinyin: never "?"
    assert "left of:  Faust - Faust IV" in text


def test_neighbours_are_told_in_words_nearest_first() -> None:
    # Issue 13 item 2: the slip said "after:" for the records on the left, where the screen,
    # `locate` and `moves --json` call them "before". Now it says where the record stands.
    spot = Spot("Main", "A", 1, 3, "shelf", (1, 2), (4, 5))
    names = {1: "Far left", 2: "Near left", 4: "Near right", 5: "Far right"}
    text = text_preview(render_slip(Move(9, "add", None, spot), 1, 1, RECORDS[9], names, 32))
    assert "  right of: Near left\n            Far left\n" in text
    assert "  left of:  Near right\n            Far right\n" in text
    assert "after" not in text and "before" not in text
    only_right = Spot("Main", "A", 1, 1, "shelf", (), (4,))
    batch = render_batch_list([Move(9, "add", None, only_right)], RECORDS, names, 32)
    assert "left of: Near right" in text_preview(batch)


def test_a_title_with_nothing_readable_prints_the_release_id() -> None:
    record = SlipRecord("☆☆", "・・・", "", "", None, "LP", 4242, 9)
    spot = Spot("Main", "A", 1, 1, "shelf", (1,), ())
    text = text_preview(render_slip(Move(9, "add", None, spot), 1, 1, record, {1: "☆ ★"}, 32))
    assert "\nrelease 4242\n" in text and "right of: #1" in text


def test_a_neighbour_without_a_name_is_shown_by_its_instance_id() -> None:
    move = sample_moves()[1]
    text = text_preview(render_slip(move, 1, 1, RECORDS[9], {}, 42))
    assert "left of:  #1" in text and "#2" in text


def test_a_record_alone_in_its_unit_says_so() -> None:
    spot = Spot("Main", "A", 3, 1, "shelf", (), ())
    text = text_preview(render_slip(Move(9, "add", None, spot), 1, 1, RECORDS[9], NAMES, 32))
    assert "(alone in the unit)" in text


def test_oversized_and_spill_areas_are_named() -> None:
    spot = Spot("Main", "", 0, 2, "oversized", (), ())
    text = text_preview(render_slip(Move(9, "add", None, spot), 1, 1, RECORDS[9], NAMES, 32))
    assert "oversized · #2" in text


def hostile_record(rng: random.Random, instance_id: int) -> SlipRecord:
    alphabet = "abcdefgh ÄÖÜéñ жщЯ ﾊｯﾋﾟｰ 龍 …—“”\t\x1b-/" + "x" * 10
    words = ["".join(rng.choices(alphabet, k=rng.randint(0, 70))) for _ in range(6)]
    return SlipRecord(
        *words[:4], rng.choice([None, 1969]), words[4], 10**9 + rng.randint(0, 10**9), instance_id
    )


@pytest.mark.parametrize("width", SLIP_WIDTHS)
def test_no_line_is_ever_wider_than_the_paper(width: int) -> None:
    rng = random.Random(width)
    for _ in range(150):
        before = tuple(rng.sample(range(1, 100), rng.randint(0, 3)))
        after = tuple(rng.sample(range(100, 200), rng.randint(0, 3)))
        long_space = "Shelf " + "W" * rng.randint(0, 80)
        from_ = Spot("O" * rng.randint(1, 90), long_space, 123, 4567, "shelf", before, after)
        to = Spot("Main", "", 0, 99999, rng.choice(["spill", "oversized"]), after, before)
        move = Move(10**9, rng.choice(["move", "add", "remove"]), from_, to)
        record = hostile_record(rng, 10**9)
        names = {i: hostile_record(rng, i).title for i in before + after}
        slip = render_slip(move, 999, 999, record, names, width)
        batch = render_batch_list([move] * 3, {move.instance_id: record}, names, width)
        for text in (text_preview(slip), text_preview(batch)):
            assert max(len(line) for line in text.split("\n")) <= width
            text.encode("cp437")
            assert "\x1b" not in text and "\t" not in text


def test_the_compact_mode_lists_the_whole_batch() -> None:
    moves = sample_moves()
    slip = render_batch_list(moves, RECORDS, NAMES, 48)
    text = text_preview(slip)
    assert slip.qr == "" and QR_PLACEHOLDER not in text
    assert slip.lines[1] == "MOVES 5"
    order = [text.index(f"{n} {m.action.upper()}") for n, m in enumerate(moves, start=1)]
    assert order == sorted(order)
    assert "1 REMOVE La Düsseldorf - Viva" in text
    assert "Krautrock u2 #4 -> (out)" in text
    assert "(new) -> Krautrock u1 #1" in text
    assert "Krautrock u2 #2 -> Krautrock u1 #4" in text
    assert "right of: Neu! - Neu! 75" in text  # where the Cluster record goes


def test_widths_other_than_32_42_48_are_refused() -> None:
    with pytest.raises(SlipWidthError, match="32, 42 or 48"):
        render_slip(sample_moves()[0], 1, 1, RECORDS[8], NAMES, 40)
    with pytest.raises(SlipWidthError):
        render_test_slip(80)


def test_the_test_slip_has_a_ruler_exactly_as_wide_as_the_paper() -> None:
    for width in SLIP_WIDTHS:
        slip = render_test_slip(width)
        assert slip.lines[3] == ("1234567890" * 5)[:width]
        assert max(len(line) for line in slip.lines) == width


def test_a_slip_record_is_built_from_a_record() -> None:
    release = Release(
        id=42,
        title="Abbey Road",
        artists=(Artist("The Beatles"),),
        labels=(Label("Apple Records", "PCS 7088"),),
        formats=(Format("Vinyl", 1, ("LP", "Album")),),
        year=1969,
    )
    record = Record(7, release, folder_id=1, date_added=datetime(2024, 1, 1, tzinfo=UTC))
    assert SlipRecord.from_record(record) == SlipRecord(
        "The Beatles", "Abbey Road", "Apple Records", "PCS 7088", 1969, "Vinyl, LP, Album", 42, 7
    )
