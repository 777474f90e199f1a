"""The plain-text want-list format: reading, writing, round trips and precise error lines."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from gramtui.domain.wants import (
    WantList,
    WantsFormatError,
    add_entry,
    dump_want_lists,
    parse_want_lists,
    retire_entry,
    set_mode,
    set_paused,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

SAMPLE = """\
# My wants
list "Jazz essentials" mode=one_by_one
  release 249504   # Kind of Blue
  master 4242 format=Vinyl
  master 4243 format="12\\"" state=done

list "Spring digging" mode=spread from=2025-03-01 to=2025-05-31 paused
release 1234567
list "Odds & \\"ends\\"" mode=en_masse
"""


def test_parse_sample() -> None:
    jazz, spring, odds = parse_want_lists(SAMPLE, NOW)
    assert jazz.name == "Jazz essentials" and jazz.mode == "one_by_one" and not jazz.paused
    assert [e.entry_id for e in jazz.entries] == ["r:249504", "m:4242:Vinyl", 'm:4243:12"']
    assert [e.position for e in jazz.entries] == [1, 2, 3]
    assert jazz.entries[1].master_id == 4242 and jazz.entries[1].format_filter == "Vinyl"
    assert [e.state for e in jazz.entries] == ["pending", "pending", "done"]
    assert jazz.entries[2].history == (("done", NOW),)
    assert spring.mode == "spread" and spring.paused
    assert (spring.spread_start, spring.spread_end) == (date(2025, 3, 1), date(2025, 5, 31))
    assert spring.entries[0].release_id == 1234567
    assert odds.name == 'Odds & "ends"' and odds.mode == "en_masse" and odds.entries == ()


def test_mode_defaults_to_one_by_one() -> None:
    (only,) = parse_want_lists('list "Plain"\nrelease 1\n', NOW)
    assert only.mode == "one_by_one"


def definitions(lists: list[WantList]) -> list[tuple]:
    return [
        (
            w.name,
            w.mode,
            w.paused,
            w.spread_start,
            w.spread_end,
            [
                (e.entry_id, e.release_id, e.master_id, e.format_filter, e.position, e.state)
                for e in w.entries
            ],
        )
        for w in lists
    ]


def test_round_trip_from_lists() -> None:
    tricky = WantList(name='Back\\slash "quoted" # not a comment')
    tricky = add_entry(tricky, NOW, master_id=7, format_filter='7"')
    tricky = add_entry(tricky, NOW, master_id=7, format_filter="Box Set")
    tricky = add_entry(tricky, NOW, release_id=8)
    tricky = retire_entry(tricky, "r:8", NOW)
    spread = set_mode(
        add_entry(WantList(name="Spread"), NOW, release_id=9),
        "spread",
        spread_start=date(2025, 1, 1),
        spread_end=date(2025, 12, 31),
    )
    # Dates outlive the mode they were set for.
    kept_dates = replace(set_paused(set_mode(spread, "en_masse"), True), name="Kept dates")
    lists = [tricky, spread, WantList(name="Empty"), kept_dates]
    text = dump_want_lists(lists)
    again = parse_want_lists(text, NOW)
    assert definitions(again) == definitions(lists)
    assert dump_want_lists(again) == text


def test_round_trip_from_text_is_a_fixed_point() -> None:
    text = dump_want_lists(parse_want_lists(SAMPLE, NOW))
    assert dump_want_lists(parse_want_lists(text, NOW)) == text
    assert 'list "Jazz essentials" mode=one_by_one\n  release 249504\n' in text
    assert '  master 4243 format="12\\"" state=done\n' in text


def test_live_is_not_exported() -> None:
    want_list = add_entry(WantList(name="L"), NOW, release_id=1)
    live = WantList(name="L", entries=(want_list.entries[0].moved_to("live", NOW),))
    assert "state" not in dump_want_lists([live])
    assert parse_want_lists(dump_want_lists([live]), NOW)[0].entries[0].state == "pending"


@pytest.mark.parametrize(
    "text, message",
    [
        ("release 1\n", "line 1: a release comes before any list"),
        (
            'list "A"\nrelease x1\n',
            "line 2: a release needs a positive numeric id after it, got 'x1'",
        ),
        (
            'list "A"\nrelease\n',
            "line 2: a release needs a positive numeric id after it, got nothing",
        ),
        ('list "A"\nmaster 0\n', "line 2: a master needs a positive numeric id"),
        ('list "A"\n\n# c\nrelease 1 format=LP\n', "line 4: unknown option 'format=LP' here"),
        ('list "A"\nmaster 1 colour=red\n', "line 2: unknown option 'colour=red'"),
        ('list "A"\nmaster 1 format\n', "line 2: write 'format' as format=..."),
        ('list "A" paused=yes\n', "line 1: write 'paused' as paused"),
        ('list "A"\nrelease 1\nrelease 1\n', "line 3: list 'A' already holds r:1"),
        ('list "A"\nlist "A"\n', "line 2: a list named 'A' came earlier"),
        ("list A\n", "line 1: a list needs its name in double quotes"),
        ('list "A" mode=sometimes\n', "line 1: unknown mode 'sometimes'"),
        ('list "A" mode=spread from=2025-01-01\n', "line 1: mode=spread needs from=YYYY-MM-DD"),
        ('list "A" from=2025-13-01\n', "line 1: from='2025-13-01' is not a date"),
        ('list "A" mode=spread from=2025-02-01 to=2025-01-01\n', "line 1: List 'A' has its spread"),
        ('list "A" mode=en_masse mode=spread\n', "line 1: 'mode' is given twice"),
        ('list "A"\nmaster 2 format="LP\n', "line 2: a quoted value is not closed"),
        ('list "A"\nrelease 1 state=live\n', "line 2: state 'live' cannot be imported"),
        ('list "A"\nwant 1\n', "line 2: unknown statement 'want'"),
        ('list ""\n', "line 1: Want list name '' is empty"),
    ],
)
def test_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(WantsFormatError) as caught:
        parse_want_lists(text, NOW)
    assert str(caught.value).startswith(message)


def test_empty_text_gives_no_lists() -> None:
    assert parse_want_lists("# nothing yet\n\n", NOW) == []
    assert parse_want_lists(dump_want_lists([]), NOW) == []


def test_the_documented_example_parses() -> None:
    import gramtui.domain.wants.textformat as textformat

    doc = textformat.__doc__ or ""
    example = doc.split("::\n\n", 1)[1].split("\n\n", 1)[0]
    jazz, spring = parse_want_lists(example, NOW)
    assert [e.entry_id for e in jazz.entries] == ["r:249504", "m:4242:Vinyl", 'm:4243:12"']
    assert jazz.entries[2].state == "done"
    assert spring.mode == "spread" and spring.paused
